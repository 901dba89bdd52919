package org.sightline.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shapes of the code lists in {@code jobs/codes/}, for {@code sightline check}: a misspelt key
 * (a list name, a grade, a site) or a value of the wrong kind is an error naming the file, line and
 * key. The ingest hooks read the same files for their values.
 */
public final class CodeLists {
    private CodeLists() {}

    /** {@code codes/la-names.yml}. */
    record LaNames(Map<String, List<String>> otherNames, Map<String, String> otherCodes) {}

    /** {@code codes/ssda903.yml}: each list of codes by the first collection year it applies to. */
    record Ssda903(@JsonProperty("RNE") Map<Integer, List<String>> rne, @JsonProperty("LS") Map<Integer, List<String>> ls,
                   @JsonProperty("CIN") Map<Integer, List<String>> cin, @JsonProperty("PLACE_PROVIDER") Map<Integer, List<String>> placeProvider,
                   @JsonProperty("PLACE") Map<Integer, List<String>> place, @JsonProperty("REC") Map<Integer, List<String>> rec,
                   @JsonProperty("REASON_PLACE_CHANGE") Map<Integer, List<String>> reasonPlaceChange,
                   @JsonProperty("PLACE_GROUPS") Map<String, List<String>> placeGroups) {}

    /** {@code codes/ofsted-grades.yml}: the spellings of each canonical grade. */
    record OfstedGrades(@JsonProperty("OUTSTANDING") List<String> outstanding, @JsonProperty("GOOD") List<String> good,
                        @JsonProperty("REQUIRES_IMPROVEMENT") List<String> requiresImprovement, @JsonProperty("ADEQUATE") List<String> adequate,
                        @JsonProperty("INADEQUATE") List<String> inadequate, @JsonProperty("NOT_APPLICABLE") List<String> notApplicable,
                        @JsonProperty("NOT_JUDGED") List<String> notJudged) {}

    /**
     * Checks every file in {@code <jobs>/codes/}; returns one line per problem (empty: all good). Sites
     * named in {@code teams.yml} must be in {@code sites.yml}.
     */
    public static List<String> check(Path jobsDir) {
        Path codes = jobsDir.resolve("codes");
        List<String> problems = new ArrayList<>();
        List<String> sites = List.of();
        try {
            sites = Sites.load(jobsDir).codes();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
        if (!Files.isDirectory(codes)) return problems;
        try (var s = Files.list(codes)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = f.getFileName().toString();
                try {
                    switch (name) {
                        case "la-names.yml" -> OpsYaml.read(f, LaNames.class);
                        case "ssda903.yml" -> OpsYaml.read(f, Ssda903.class);
                        case "ofsted-grades.yml" -> OpsYaml.read(f, OfstedGrades.class);
                        case "teams.yml" -> {
                            var tf = OpsYaml.YAML.getTypeFactory();
                            Map<String, Map<String, List<String>>> teams = OpsYaml.read(f,
                                    tf.constructMapType(java.util.LinkedHashMap.class, tf.constructType(String.class), OpsYaml.mapOfLists()));
                            if (teams != null) {
                                for (String site : teams.keySet()) {
                                    if (!sites.isEmpty() && !sites.contains(site)) {
                                        problems.add(f + ": unknown site '" + site + "'; the sites of codes/sites.yml are " + String.join(", ", sites)
                                                + ": correct the spelling or add the site to sites.yml");
                                    }
                                }
                            }
                        }
                        case "sites.yml" -> { }
                        default -> OpsYaml.read(f, OpsYaml.mapOf(Object.class));
                    }
                } catch (ConfigException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            problems.add(codes + ": cannot be listed (" + e.getMessage() + ")");
        }
        return problems;
    }
}
