package org.sightline.ingest;

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

    private static boolean isKey(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) return false;
        }
        return true;
    }
}
