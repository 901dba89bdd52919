package org.sightline.codes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The code lists in {@code jobs/codes/}, bound to typed records with Jackson, in one place: the ingest
 * hooks read their values through these records and {@code sightline check} checks the files' shapes
 * with the same records (a misspelt key or a value of the wrong kind is an error naming the file, line
 * and key). This package imports no other Sightline package.
 */
public final class Codes {
    private Codes() {}

    public static final String LA_NAMES = "codes/la-names.yml";
    public static final String SSDA903 = "codes/ssda903.yml";
    public static final String TEAMS = "codes/teams.yml";
    public static final String DFE = "codes/dfe.yml";
    public static final String OFSTED_GRADES = "codes/ofsted-grades.yml";

    /** The binder: unknown keys and a key given twice are errors, a single value is taken for a list, keys are snake_case. */
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** {@code codes/la-names.yml}: other names of an LA (la_code -> names), former codes (code -> la_code). */
    public record LaNames(Map<String, List<String>> otherNames, Map<String, String> otherCodes) {}

    /** {@code codes/ssda903.yml}: each list of codes by the first collection year it applies to; the placement groups. */
    public record Ssda903(@JsonProperty("RNE") Map<Integer, List<String>> rne, @JsonProperty("LS") Map<Integer, List<String>> ls,
                          @JsonProperty("CIN") Map<Integer, List<String>> cin, @JsonProperty("PLACE_PROVIDER") Map<Integer, List<String>> placeProvider,
                          @JsonProperty("PLACE") Map<Integer, List<String>> place, @JsonProperty("REC") Map<Integer, List<String>> rec,
                          @JsonProperty("REASON_PLACE_CHANGE") Map<Integer, List<String>> reasonPlaceChange,
                          @JsonProperty("PLACE_GROUPS") Map<String, List<String>> placeGroups) {

        /** The lists by their SSDA903 field name (RNE, LS, ...), in the file's order of fields; a list the file lacks is absent. */
        public Map<String, Map<Integer, List<String>>> lists() {
            Map<String, Map<Integer, List<String>>> out = new LinkedHashMap<>();
            put(out, "RNE", rne);
            put(out, "LS", ls);
            put(out, "CIN", cin);
            put(out, "PLACE_PROVIDER", placeProvider);
            put(out, "PLACE", place);
            put(out, "REC", rec);
            put(out, "REASON_PLACE_CHANGE", reasonPlaceChange);
            return out;
        }

        private static void put(Map<String, Map<Integer, List<String>>> out, String field, Map<Integer, List<String>> byYear) {
            if (byYear != null) out.put(field, byYear);
        }
    }

    /** {@code codes/ofsted-grades.yml}: the spellings of each canonical grade. */
    public record OfstedGrades(@JsonProperty("OUTSTANDING") List<String> outstanding, @JsonProperty("GOOD") List<String> good,
                               @JsonProperty("REQUIRES_IMPROVEMENT") List<String> requiresImprovement, @JsonProperty("ADEQUATE") List<String> adequate,
                               @JsonProperty("INADEQUATE") List<String> inadequate, @JsonProperty("NOT_APPLICABLE") List<String> notApplicable,
                               @JsonProperty("NOT_JUDGED") List<String> notJudged) {}

    /**
     * {@code codes/dfe.yml}: DfE's symbols and spreadsheet errors kept as cell markers, the headline
     * measures (the breakdowns and wide columns that hold each), the indicator columns, the area codes of
     * wide tables' regions, and the words that tell another collection's or a looked-after table apart.
     */
    public record Dfe(Map<String, String> symbols, List<String> errors, Map<String, Measure> measures,
                      Map<String, String> wideAreaCodes, Map<String, Indicator> indicators,
                      List<String> otherCollections, List<String> lookedAfter) {

        public record Measure(String label, List<String> breakdowns, List<String> wideColumns) {}

        public record Indicator(List<String> columns, String suffix) {}
    }

    /** {@code codes/teams.yml}: site -> team code -> the team's other spellings (null for none); null when the file is absent or empty. */
    public static Map<String, Map<String, List<String>>> teams(Path file) {
        var tf = YAML.getTypeFactory();
        JavaType aliases = tf.constructCollectionType(List.class, String.class);
        JavaType byTeam = tf.constructMapType(LinkedHashMap.class, tf.constructType(String.class), aliases);
        return read(file, tf.constructMapType(LinkedHashMap.class, tf.constructType(String.class), byTeam));
    }

    /** The file bound to {@code type}; null when the file does not exist or holds nothing. */
    public static <T> T read(Path file, Class<T> type) {
        return read(file, YAML.getTypeFactory().constructType(type));
    }

    /** The file bound to a generic type; null when the file does not exist or holds nothing. */
    public static <T> T read(Path file, JavaType type) {
        if (!Files.exists(file)) return null;
        try {
            String text = Files.readString(file);
            if (text.isBlank()) return null;
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new CodeListException(file, e);
        } catch (IOException e) {
            throw new CodeListException(file, e);
        }
    }

    /**
     * A code list that cannot be read or bound; its message names the file and the line, its cause is
     * Jackson's (which {@code sightline check} explains key by key) or the I/O error.
     */
    public static final class CodeListException extends IllegalStateException {
        private final Path file;

        CodeListException(Path file, JsonProcessingException e) {
            super(file + (e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr()) + ": "
                    + (e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("")), e);
            this.file = file;
        }

        CodeListException(Path file, IOException e) {
            super(file + ": cannot be read (" + e.getMessage() + "); check the file's permissions", e);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
