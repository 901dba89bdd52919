package org.sightline.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.sightline.codes.Codes;

/**
 * {@code sightline check} over the code lists in {@code jobs/codes/}: each file is bound to its typed
 * record ({@link org.sightline.codes.Codes}, the one reader the ingest hooks use too), so a misspelt
 * key (a list name, a grade, a site) or a value of the wrong kind is an error naming the file, line and key.
 */
public final class CodeLists {
    private CodeLists() {}

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
                        case "la-names.yml" -> Codes.read(f, Codes.LaNames.class);
                        case "ssda903.yml" -> Codes.read(f, Codes.Ssda903.class);
                        case "ofsted-grades.yml" -> Codes.read(f, Codes.OfstedGrades.class);
                        case "dfe.yml" -> Codes.read(f, Codes.Dfe.class);
                        case "teams.yml" -> {
                            Map<String, Map<String, List<String>>> teams = Codes.teams(f);
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
                } catch (Codes.CodeListException e) {
                    // Jackson's error explained key by key, as for the other files of jobs/
                    problems.add(e.getCause() instanceof JsonProcessingException j ? OpsYaml.explain(f, j).getMessage() : e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            problems.add(codes + ": cannot be listed (" + e.getMessage() + ")");
        }
        return problems;
    }
}
