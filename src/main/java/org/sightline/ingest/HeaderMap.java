package org.sightline.ingest;

import java.util.List;
import org.sightline.contract.Contract;

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
 * @param how         for each contract column, how its source column was matched ({@link HeaderMatcher.How}), or null
 * @param ambiguous   source columns that could be either of two contract columns (never guessed)
 * @param ignored     the unknown source columns, with their column letter and a contract column they resemble
 */
public record HeaderMap(long headerRow, int rowsBefore, int[] columns, String[] labels,
                        List<String> unknown, List<String> missing, List<String> duplicates,
                        String[] how, List<String> ambiguous, List<Ignored> ignored) {

    /** A source column that maps to nothing; {@code resembles} is a contract column it shares words with, or null. */
    public record Ignored(String header, String letter, String resembles) {
        public String line() {
            return header + " ignored" + (resembles == null ? "" : ": did you mean " + resembles + "?");
        }
    }

    public HeaderMap(long headerRow, int rowsBefore, int[] columns, String[] labels,
                     List<String> unknown, List<String> missing, List<String> duplicates) {
        this(headerRow, rowsBefore, columns, labels, unknown, missing, duplicates, new String[columns.length], List.of(), List.of());
    }

    /** One line per ignored source column ("X ignored: did you mean Y?"). */
    public List<String> ignoredLines() {
        List<String> out = new java.util.ArrayList<>();
        for (Ignored i : ignored) out.add(i.line());
        return out;
    }

    public int matchedCount() {
        int n = 0;
        for (int c : columns) if (c >= 0) n++;
        return n;
    }

    public boolean usable() {
        return missing.isEmpty() && duplicates.isEmpty() && ambiguous.isEmpty() && matchedCount() > 0;
    }

    /**
     * The mapping report: one line per source column of the header, in sheet order, saying which
     * contract column it became and how (exact alias, normalised, token match), or that it is ignored.
     */
    public List<String> mappingLines(Contract contract) {
        return mappingLines(contract, false);
    }

    /** {@link #mappingLines(Contract)}; with {@code hookReadsOthers}, unknown columns are read by the dataset's hook, not ignored. */
    public List<String> mappingLines(Contract contract, boolean hookReadsOthers) {
        java.util.TreeMap<Integer, String> bySource = new java.util.TreeMap<>();
        int width = 8;
        for (int c = 0; c < columns.length; c++) if (columns[c] >= 0) width = Math.max(width, labels[c].length());
        for (Ignored i : ignored) width = Math.max(width, i.header().length());
        width = Math.min(width, 40);
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] < 0) continue;
            bySource.put(columns[c], String.format("%-3s %-" + width + "s -> %-24s %s", letter(columns[c]), labels[c],
                    contract.columns().get(c).name(), how[c] == null ? "" : "(" + how[c] + ")"));
        }
        for (Ignored i : ignored) {
            bySource.put(index(i.letter()), String.format("%-3s %-" + width + "s    %s", i.letter(), i.header(),
                    hookReadsOthers ? "read by the " + contract.dataset() + " hook (" + contract.hook() + ")"
                            : "ignored" + (i.resembles() == null ? "" : ": did you mean " + i.resembles() + "?")));
        }
        List<String> out = new java.util.ArrayList<>(bySource.values());
        for (String m : missing) out.add("    " + m + " (required): not found");
        for (String a : ambiguous) out.add("    ambiguous: " + a);
        for (String d : duplicates) out.add("    twice: " + d);
        return out;
    }

    /** 0-based index of a spreadsheet column letter: A -> 0, AB -> 27. */
    static int index(String letter) {
        int n = 0;
        for (int i = 0; i < letter.length(); i++) n = n * 26 + (letter.charAt(i) - 'A' + 1);
        return n - 1;
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
