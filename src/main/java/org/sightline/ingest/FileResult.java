package org.sightline.ingest;

/**
 * What happened to one file (or one sheet of a workbook) in a run.
 *
 * @param outcome LOADED, ALREADY_LOADED, FAILED, SKIPPED (a sheet that holds no dataset), VALID (dry run)
 */
public record FileResult(String file, String sheet, String dataset, String outcome, String message,
                         long loaded, long rejected, long duplicates, long blank, long totals,
                         String rejectsReport, String detail) {

    public boolean failed() {
        return "FAILED".equals(outcome);
    }

    public static FileResult failed(String file, String sheet, String dataset, String message, String detail) {
        return new FileResult(file, sheet, dataset, "FAILED", message, 0, 0, 0, 0, 0, null, detail);
    }

    public String line() {
        String where = file + (sheet == null ? "" : " [" + sheet + "]") + (dataset == null ? "" : " -> " + dataset);
        return String.format("%-14s %s: %s", outcome, where, message);
    }
}
