package org.sightline.contract;

/** The value types a contract column can declare. */
public enum ColumnType {
    STRING, INTEGER, DECIMAL, DATE, BOOLEAN, CODE, LIST;

    public static ColumnType of(String text) {
        try {
            return valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column type '" + text
                    + "' (expected string, integer, decimal, date, boolean, code or list)");
        }
    }
}
