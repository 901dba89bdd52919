package org.sightline.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like personal data in the values and messages of a rejects report, whatever
 * column the value landed in: a row shifted by one cell puts a date of birth under "sex" and a
 * young person's ID under "site", so masking by the column's privacy treatment alone is not enough.
 * Hidden, by shape: full dates (day, month and year, in any common spelling: a date of birth cannot
 * be told from another date once a row is shifted), full UK postcodes, identifier-shaped tokens
 * (letters and at least three digits mixed, e.g. {@code NS-P-0001234}, a UPN or GSS code, or six or
 * more digits in a row) and e-mail addresses. A data officer still sees file, sheet, row, column,
 * rule and the value's length, enough to find the cell. Names are not told by shape: a name cannot be
 * told from a team, site or source spelling ("Metro West"), which the data officer must see to fix;
 * names are hidden where they sit in a column declared personal (where a one-cell shift puts them,
 * next to the name column: the identifier or date-of-birth column). Hand-written: no maintained
 * library does this for UK identifiers; the patterns are deliberately broad.
 */
public final class PersonalData {
    private PersonalData() {}

    private static final String MONTHS = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile(
            "(?<![\\d])(?:\\d{1,2}[/.\\-\\\\ ]\\d{1,2}[/.\\-\\\\ ](?:\\d{4}|\\d{2})|\\d{4}[/.\\-]\\d{1,2}[/.\\-]\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?"
                    + "|\\d{1,2}(?:st|nd|rd|th)?[ \\-/]" + MONTHS + "\\.?[ \\-/,]*\\d{2,4}|" + MONTHS + "\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4})(?![\\d])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSTCODE = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s*\\d[A-Za-z]{2}(?![A-Za-z0-9])");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    /** A token of letters, digits and joiners holding letters and 3+ digits, or 6+ digits in a row. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![A-Za-z0-9])(?=[A-Za-z0-9/_\\-]*[A-Za-z])(?=(?:[A-Za-z/_\\-]*\\d){3})[A-Za-z0-9][A-Za-z0-9/_\\-]*[A-Za-z0-9](?![A-Za-z0-9])|(?<![\\d])\\d{6,}(?![\\d])");

    /** What the value looks like ("a date", "a postcode", ...), or null when nothing personal shows. */
    public static String looksLike(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        if (DATE.matcher(v).find()) return "a full date";
        if (POSTCODE.matcher(v).find()) return "a postcode";
        if (EMAIL.matcher(v).find()) return "an e-mail address";
        if (IDENTIFIER.matcher(v).find()) return "an identifier";
        return null;
    }

    /** The value as a report may show it: itself, or a note of what it looked like and its length. */
    public static String maskValue(String value) {
        String like = looksLike(value);
        return like == null ? value : "[hidden: looks like " + like + " (" + value.strip().length() + " characters)]";
    }

    /** Free text (a message) with every date, postcode, e-mail and identifier-shaped token replaced. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        text = replace(DATE, text, "[date]");
        text = replace(EMAIL, text, "[e-mail]");
        text = replace(POSTCODE, text, "[postcode]");
        return replace(IDENTIFIER, text, "[id]");
    }

    private static String replace(Pattern p, String text, String with) {
        Matcher m = p.matcher(text);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(with)) : text;
    }
}
