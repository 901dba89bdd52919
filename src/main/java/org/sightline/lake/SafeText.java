package org.sightline.lake;

import java.text.Normalizer;

/**
 * Text Sightline writes where someone else's program reads it: cells of a CSV or spreadsheet (which
 * a spreadsheet may run as a formula). One definition, used by the rejects report, the figure exports
 * and the site comparison. (Log lines are kept to one line by the log pattern, application.properties.)
 */
public final class SafeText {
    private SafeText() {}

    /**
     * A cell a spreadsheet would run as a formula is prefixed with an apostrophe: one starting with
     * {@code = + - @}, tab or CR, also after leading spaces and in full-width or other compatibility
     * forms ({@code ＝}, {@code ＋}, {@code ＠}, which spreadsheets may fold). A plain number
     * ({@code -5}, {@code -12.5%}) is left alone.
     */
    public static String neutralise(String v) {
        if (v == null || v.isEmpty()) return v == null ? "" : v;
        char c0 = v.charAt(0);
        if (c0 == '\t' || c0 == '\r' || c0 == '\n') return "'" + v;
        String lead = Normalizer.normalize(v.substring(0, Math.min(v.length(), 8)), Normalizer.Form.NFKC).stripLeading();
        if (lead.isEmpty()) return v;
        char c = lead.charAt(0);
        if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return v;
        if (v.matches("-?[0-9][0-9.,]*%?")) return v;
        return "'" + v;
    }

    /** A CSV cell: neutralised, then quoted when it holds a comma, quote or line break (RFC 4180). */
    public static String csvCell(String v) {
        String s = neutralise(v);
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
