package org.sightline.ingest;

import java.util.List;

/**
 * Where a contract's columns sit in a sheet.
 *
 * @param headerRow   1-based row number of the header
 * @param rowsBefore  rows above and including the header (skipped before data)
 * @param columns     for each contract column (same order as the contract), its 0-based source index or -1
 * @param labels      the header text found for each contract column (null when absent)
 * @param unknown     header texts that matched no column (ignored, reported)
 * @param missing     required columns that are absent
 * @param duplicates  contract columns that matched more than one source column
 */
public record HeaderMap(long headerRow, int rowsBefore, int[] columns, String[] labels,
                        List<String> unknown, List<String> missing, List<String> duplicates) {

    public int matchedCount() {
        int n = 0;
        for (int c : columns) if (c >= 0) n++;
        return n;
    }

    public boolean usable() {
        return missing.isEmpty() && duplicates.isEmpty() && matchedCount() > 0;
    }

    /** Spreadsheet column letter for a 0-based index: 0 -> A, 27 -> AB. */
    public static String letter(int index) {
        StringBuilder sb = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int r = (n - 1) % 26;
            sb.insert(0, (char) ('A' + r));
            n = (n - 1) / 26;
        }
        return sb.toString();
    }
}
