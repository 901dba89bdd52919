package org.sightline.ingest;

/**
 * Progress of a long ingest on a terminal: a line rewritten once a second with the rows read, rows a
 * second and, for CSV, the share of the file read. Nothing when the output is not a terminal (cron, CI,
 * a pipe) or for a file read in under a second; the line is cleared when the file is done.
 */
final class Progress {
    /** Java 17: a console exists only when standard input and output are both terminals. */
    private static final boolean TERMINAL = System.console() != null && System.getenv("SIGHTLINE_NO_PROGRESS") == null;

    private final String name;
    private final long startRows;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int width;

    Progress(String name, long startRows) {
        this.name = name;
        this.startRows = startRows;
    }

    void update(long rows, double fractionRead) {
        if (!TERMINAL) return;
        long now = System.nanoTime();
        if (now - lastPrint < 1_000_000_000L) return;
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        String line = String.format("  %s: %,d rows, %,.0f rows/s%s", name, rows, (rows - startRows) / seconds,
                fractionRead >= 0 ? String.format(", %.0f%%", 100 * fractionRead) : "");
        System.err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        System.err.flush();
        width = line.length();
    }

    void done() {
        if (width == 0) return;
        System.err.print("\r" + " ".repeat(width) + "\r");
        System.err.flush();
        width = 0;
    }
}
