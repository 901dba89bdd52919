package org.sightline.ingest;

/**
 * One problem with one value (or one row), for the rejects report.
 *
 * @param column canonical column name (or "(row)" for row-level problems)
 * @param source the header text and spreadsheet column letter where the value came from
 * @param value  the value as sent, masked where the column holds personal data
 */
public record RowError(String file, String sheet, long row, String column, String source, String value, String rule, String message) {
}
