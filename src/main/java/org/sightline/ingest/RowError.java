package org.sightline.ingest;

/**
 * One problem with one value (or one row), for the rejects report.
 *
 * @param column canonical column name (or "(row)" for row-level problems)
 * @param source the header text and spreadsheet column letter where the value came from
 * @param value  the value as sent, masked where the column holds personal data and wherever it looks
 *               like personal data ({@link PersonalData}), whichever column it landed in
 */
public record RowError(String file, String sheet, long row, String column, String source, String value, String rule, String message) {

    public RowError {
        String masked = value == null ? null : PersonalData.maskValue(value);
        if (masked != null && !masked.equals(value) && message != null && !value.isBlank()) message = message.replace(value.strip(), "[hidden]");
        if (message != null) message = PersonalData.scrub(message);
        value = masked;
    }
}
