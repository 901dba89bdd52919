package org.sightline.ingest;

import java.util.Locale;

/**
 * UK postcodes reduced to their sector: "BS5 7QT" -> "BS5 7". A bare outward code stays as it is.
 *
 * <p>Written by hand (it runs once per row) to give exactly what these two rules give on the text
 * stripped and upper-cased, tried in this order:
 * <pre>
 *   FULL    ^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])[A-Z]{2}$   -> group 1 + " " + group 2
 *   OUTWARD ^([A-Z]{1,2}[0-9][A-Z0-9]?)(\s*[0-9])?$          -> group 1, or group 1 + " " + the digit
 * </pre>
 * where {@code \s} is Java's [ \t\n\x0B\f\r].
 */
public final class PostcodeSector {

    private PostcodeSector() {}

    /** The sector, or null when the text is not a UK postcode. */
    public static String of(String postcode) {
        String p = postcode.strip();
        int n = p.length();
        // upper-casing ASCII is done char by char below; anything else (ß -> SS, dotless i -> I) the proper way
        for (int i = 0; i < n; i++) {
            if (p.charAt(i) >= 0x80) {
                p = p.toUpperCase(Locale.ROOT);
                n = p.length();
                break;
            }
        }
        if (n < 2) return null;

        // FULL: the inward code is the last three chars, digit letter letter; before it, optional
        // whitespace, and before that exactly an outward code
        if (n >= 5 && isDigit(up(p, n - 3)) && isLetter(up(p, n - 2)) && isLetter(up(p, n - 1))) {
            int end = n - 3;
            while (end > 0 && isSpace(p.charAt(end - 1))) end--;
            if (isOutward(p, end)) return sector(p, end, p.charAt(n - 3));
        }

        // OUTWARD: the regex tries two letters before one, and the optional fourth char before none
        if (!isLetter(up(p, 0))) return null;
        int a = isLetter(up(p, 1)) ? 2 : 1;
        if (a >= n || !isDigit(up(p, a))) return null;
        if (a + 1 < n && isAlnum(up(p, a + 1))) {
            String s = outwardRest(p, a + 2);
            if (s != null) return s;
        }
        return outwardRest(p, a + 1);
    }

    /** The OUTWARD result when group 1 is p[0, from): nothing after it, or whitespace then one digit; else null. */
    private static String outwardRest(String p, int from) {
        int n = p.length();
        if (from == n) return upper(p, n);
        int i = from;
        while (i < n && isSpace(p.charAt(i))) i++;
        if (i == n - 1 && isDigit(p.charAt(i))) return sector(p, from, p.charAt(i));
        return null;
    }

    /** Whether p[0, end) is an outward code, [A-Z]{1,2}[0-9][A-Z0-9]? (after upper-casing). */
    private static boolean isOutward(String p, int end) {
        if (end < 2 || end > 4 || !isLetter(up(p, 0))) return false;
        char c1 = up(p, 1);
        return switch (end) {
            case 2 -> isDigit(c1);
            case 3 -> (isDigit(c1) && isAlnum(up(p, 2))) || (isLetter(c1) && isDigit(up(p, 2)));
            default -> isLetter(c1) && isDigit(up(p, 2)) && isAlnum(up(p, 3));
        };
    }

    /** The upper-cased p[0, outwardEnd) + " " + digit. */
    private static String sector(String p, int outwardEnd, char digit) {
        char[] out = new char[outwardEnd + 2];
        for (int i = 0; i < outwardEnd; i++) out[i] = up(p, i);
        out[outwardEnd] = ' ';
        out[outwardEnd + 1] = digit;
        return new String(out);
    }

    /** The upper-cased p[0, end); p itself when it is already upper case. */
    private static String upper(String p, int end) {
        for (int i = 0; i < end; i++) {
            if (p.charAt(i) != up(p, i)) {
                char[] out = new char[end];
                for (int j = 0; j < end; j++) out[j] = up(p, j);
                return new String(out);
            }
        }
        return end == p.length() ? p : p.substring(0, end);
    }

    /** p's char at i, ASCII a-z upper-cased (non-ASCII text was upper-cased as a whole already). */
    private static char up(String p, int i) {
        char c = p.charAt(i);
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    private static boolean isLetter(char c) { return c >= 'A' && c <= 'Z'; }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isAlnum(char c) { return isLetter(c) || isDigit(c); }

    /** Java regex {@code \s}: [ \t\n\x0B\f\r]. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
