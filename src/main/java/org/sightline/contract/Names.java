package org.sightline.contract;

/** Normalisation shared by header and code matching: case-folded, letters and digits only. */
public final class Names {
    private Names() {}

    public static String key(String text) {
        if (text == null) return "";
        if (isKey(text)) return text;   // already lower-case ASCII letters and digits: nothing to allocate
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) sb.append(Character.toLowerCase(c));
            else if (c == '&') sb.append("and");
        }
        return sb.toString();
    }

    /**
     * The words of a header: split at anything not a letter or digit and where a lower-case letter
     * meets an upper-case one ({@code ChildId}, {@code impact_of_leaders_grade}), lower-cased;
     * apostrophes dropped ({@code mother's} is {@code mothers}), {@code &} read as {@code and}.
     */
    public static java.util.List<String> tokens(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (text == null) return out;
        StringBuilder sb = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\u2019') continue;
            if (c == '&') {
                flush(sb, out);
                out.add("and");
            } else if (Character.isLetterOrDigit(c)) {
                if (Character.isUpperCase(c) && Character.isLowerCase(prev)) flush(sb, out);
                sb.append(Character.toLowerCase(c));
            } else {
                flush(sb, out);
            }
            prev = c;
        }
        flush(sb, out);
        return out;
    }

    private static void flush(StringBuilder sb, java.util.List<String> out) {
        if (sb.length() > 0) out.add(sb.toString());
        sb.setLength(0);
    }

    private static boolean isKey(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) return false;
        }
        return true;
    }
}
