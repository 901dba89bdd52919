package org.sightline.contract;

/** What happens to a column's value before it reaches the lake. */
public enum Privacy {
    NONE, DROP, PSEUDONYMISE, BIRTH_MONTH, AGE_AT, POSTCODE_SECTOR;

    public static Privacy of(String text) {
        if (text == null || text.isBlank()) return NONE;
        try {
            return valueOf(text.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown privacy treatment '" + text
                    + "' (expected none, drop, pseudonymise, birth-month, age-at or postcode-sector)");
        }
    }

    public boolean isPersonal() {
        return this != NONE;
    }
}
