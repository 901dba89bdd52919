package org.sightline.contract;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One column of a dataset contract, as declared in YAML.
 *
 * @param codes      canonical code -> its aliases (CODE columns and LIST items), in declaration order
 * @param codeLookup normalised alias or code -> canonical code
 */
public record ColumnSpec(
        String name,
        ColumnType type,
        boolean required,
        List<String> headers,
        Map<String, List<String>> codes,
        Map<String, String> codeLookup,
        Privacy privacy,
        String event,
        String storeAs,
        Comparable<?> min,
        Comparable<?> max,
        Pattern pattern,
        Pattern itemPattern,
        String description) {

    /** The column name in the lake, or null when the value is never stored. */
    public String storedName() {
        if (privacy == Privacy.DROP) return null;
        return storeAs != null ? storeAs : name;
    }

    /** The type the stored value has, after the privacy treatment. */
    public ColumnType storedType() {
        return switch (privacy) {
            case AGE_AT -> ColumnType.INTEGER;
            case PSEUDONYMISE, PSEUDONYMISE_CHILD_ID, POSTCODE_SECTOR -> ColumnType.STRING;
            default -> type;
        };
    }

    /** The same column with other header aliases. */
    public ColumnSpec withHeaders(List<String> aliases) {
        return new ColumnSpec(name, type, required, aliases, codes, codeLookup, privacy, event, storeAs, min, max, pattern, itemPattern, description);
    }

    public boolean isCoded() {
        return !codes.isEmpty();
    }
}
