package org.sightline.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Targets and cost-benefit assumptions for one site: {@code jobs/targets.yml} defaults, overridden
 * key by key by the site's own section. Built-in defaults (MST and the Cambridgeshire evaluation)
 * apply when the file or a key is missing.
 */
public final class Targets {

    /** A target range; {@code max} is null for "at least min". */
    public record Range(double min, Double max, double amberMargin) {

        public Rag rag(Double value) {
            if (value == null) return Rag.NONE;
            if (value >= min && (max == null || value <= max)) return Rag.GREEN;
            if (value >= min - amberMargin && (max == null || value <= max + amberMargin)) return Rag.AMBER;
            return Rag.RED;
        }
    }

    /** Red/amber/green; INFO for a figure without a target, NONE when there is nothing to judge. */
    public enum Rag { GREEN, AMBER, RED, INFO, NONE }

    public static final String CASELOAD = "caseload_per_therapist";
    public static final String LENGTH = "length_of_treatment_days";
    public static final String ADHERENCE = "adherence";
    public static final String HOME = "living_at_home";
    public static final String EET = "in_education_or_work";
    public static final String OFFENCE = "no_new_offence";
    /** The target keys a measure of reports/metrics.yml may name. */
    public static final java.util.List<String> KEYS = java.util.List.of(CASELOAD, LENGTH, ADHERENCE, HOME, EET, OFFENCE);

    private static final Map<String, Object> BUILT_IN = Map.of(
            "targets", Map.of(
                    CASELOAD, Map.of("min", 4, "max", 6, "amber_margin", 1),
                    LENGTH, Map.of("min", 90, "max", 150, "amber_margin", 15),
                    ADHERENCE, Map.of("min", 0.61, "amber_margin", 0.05),
                    HOME, Map.of("min", 0.90, "amber_margin", 0.05),
                    EET, Map.of("min", 0.86, "amber_margin", 0.05),
                    OFFENCE, Map.of("min", 0.86, "amber_margin", 0.05)),
            "cost_benefit", Map.of(
                    "source", "Cambridgeshire MST, DfE evaluation (2017)",
                    "delivery_cost_per_case", 10558,
                    "benefit_per_case_edge_of_care", 52032,
                    "benefit_per_case_other", 8976,
                    "overhead_share", 0.20,
                    "weekly_cost_residential", 2594,
                    "weekly_cost_in_house_fostering", 579));

    private final Map<String, Object> merged;

    private Targets(Map<String, Object> merged) {
        this.merged = merged;
    }

    public static Targets forSite(Path file, String siteId) {
        Map<String, Object> base = deepCopy(BUILT_IN);
        if (file != null && Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
                if (doc instanceof Map<?, ?> m) {
                    if (m.get("defaults") instanceof Map<?, ?> d) merge(base, d);
                    if (m.get("sites") instanceof Map<?, ?> sites && sites.get(siteId) instanceof Map<?, ?> s) merge(base, s);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new Targets(base);
    }

    public Range range(String key) {
        Map<?, ?> t = (Map<?, ?>) ((Map<?, ?>) merged.get("targets")).get(key);
        if (t == null) throw new IllegalStateException("no target " + key + " in targets.yml");
        Object max = t.get("max");
        return new Range(num(t.get("min")), max == null ? null : num(max), t.get("amber_margin") == null ? 0 : num(t.get("amber_margin")));
    }

    public double cost(String key) {
        return num(((Map<?, ?>) merged.get("cost_benefit")).get(key));
    }

    public String costSource() {
        Object s = ((Map<?, ?>) merged.get("cost_benefit")).get("source");
        return s == null ? "" : String.valueOf(s);
    }

    private static double num(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        return Double.parseDouble(String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<?, ?> from) {
        for (Map.Entry<?, ?> e : from.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (e.getValue() instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?>) {
                merge((Map<String, Object>) into.get(k), m);
            } else {
                into.put(k, e.getValue() instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(e.getKey(), e.getValue() instanceof Map<?, ?> x ? deepCopy((Map<String, Object>) x) : e.getValue());
        }
        return out;
    }
}
