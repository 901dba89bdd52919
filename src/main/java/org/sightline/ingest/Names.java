package org.sightline.ingest;

/** Normalisation shared by header and code matching: case-folded, letters and digits only. */
public final class Names {
    private Names() {}

    public static String key(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) sb.append(Character.toLowerCase(c));
            else if (c == '&') sb.append("and");
        }
        return sb.toString();
    }
}
