package org.sightline.contract;

/**
 * What happens to a column's value before it reaches the lake. {@code PSEUDONYMISE_CHILD_ID} is for the
 * LA's child identifier (its case-management ID, SSDA903's CHILD): the value is normalised by
 * {@link #childId(String)} before it is pseudonymised, so a referral log and the LA's SSDA903 return
 * that write the same ID differently ("ab 0123" and "AB0123"; 00123456 and the number 123456) give
 * the same pseudonym and join.
 */
public enum Privacy {
    NONE, DROP, PSEUDONYMISE, PSEUDONYMISE_CHILD_ID, BIRTH_MONTH, AGE_AT, POSTCODE_SECTOR;

    /**
     * The one normalisation of an LA child identifier: white space removed, letters in upper case, and
     * an identifier of digits only without its leading zeros (a spreadsheet that stores the ID as a
     * number drops them). Nothing else: hyphens and other marks are part of the ID.
     */
    public static String childId(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        raw.codePoints().filter(c -> !Character.isWhitespace(c) && c != '\u00a0')
                .forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
        String id = sb.toString();
        if (!id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int i = 0;
            while (i < id.length() - 1 && id.charAt(i) == '0') i++;
            id = id.substring(i);
        }
        return id;
    }

    public static Privacy of(String text) {
        if (text == null || text.isBlank()) return NONE;
        try {
            return valueOf(text.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown privacy treatment '" + text
                    + "' (expected none, drop, pseudonymise, pseudonymise-child-id, birth-month, age-at or postcode-sector)");
        }
    }

    public boolean isPersonal() {
        return this != NONE;
    }
}
