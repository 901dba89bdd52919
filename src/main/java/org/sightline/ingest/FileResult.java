package org.sightline.ingest;

/**
 * What happened to one file (or one sheet of a workbook) in a run.
 *
 * @param outcome LOADED, ALREADY_LOADED, FAILED, SKIPPED (a sheet that holds no dataset), VALID (dry run),
 *                WAITING (cannot load until reference data it needs is loaded; retried then)
 * @param ignored the sheet's source columns that mapped to no contract column ("X ignored: did you mean Y?"); null when none
 */
public record FileResult(String file, String sheet, String dataset, String outcome, String message,
                         long loaded, long rejected, long duplicates, long blank, long totals,
                         String rejectsReport, String detail, java.util.List<String> ignored) {

    public static final String WAITING = "WAITING";

    public FileResult(String file, String sheet, String dataset, String outcome, String message,
                      long loaded, long rejected, long duplicates, long blank, long totals,
                      String rejectsReport, String detail) {
        this(file, sheet, dataset, outcome, message, loaded, rejected, duplicates, blank, totals, rejectsReport, detail, null);
    }

    public boolean failed() {
        return "FAILED".equals(outcome);
    }

    public boolean waiting() {
        return WAITING.equals(outcome);
    }

    /** The same result, listing the source columns that mapped to nothing (none: unchanged). */
    public FileResult withIgnored(java.util.List<String> lines) {
        if (lines == null || lines.isEmpty()) return this;
        return new FileResult(file, sheet, dataset, outcome, message, loaded, rejected, duplicates, blank, totals, rejectsReport, detail,
                java.util.List.copyOf(lines));
    }

    public static FileResult failed(String file, String sheet, String dataset, String message, String detail) {
        return new FileResult(file, sheet, dataset, "FAILED", message, 0, 0, 0, 0, 0, null, detail);
    }

    public String line() {
        String where = file + (sheet == null ? "" : " [" + sheet + "]") + (dataset == null ? "" : " -> " + dataset);
        return String.format("%-14s %s: %s", outcome, where, message);
    }
}
