package org.sightline.ingest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** UK postcodes reduced to their sector: "BS5 7QT" -> "BS5 7". A bare outward code stays as it is. */
public final class PostcodeSector {
    private static final Pattern FULL = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9])[A-Z]{2}$");
    private static final Pattern OUTWARD = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)(\\s*[0-9])?$");

    private PostcodeSector() {}

    /** The sector, or null when the text is not a UK postcode. */
    public static String of(String postcode) {
        String p = postcode.strip().toUpperCase(Locale.ROOT);
        Matcher m = FULL.matcher(p);
        if (m.matches()) return m.group(1) + " " + m.group(2);
        Matcher o = OUTWARD.matcher(p);
        if (o.matches()) return o.group(2) == null ? o.group(1) : o.group(1) + " " + o.group(2).strip();
        return null;
    }
}
