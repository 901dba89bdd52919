package org.sightline.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sightline.ops.ConfigException;
import org.sightline.ops.OpsYaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Targets and cost-benefit assumptions for one site: {@code jobs/targets.yml} defaults, overridden
 * key by key by the site's own section. Built-in defaults (MST and the Cambridgeshire evaluation)
 * apply when the file or a key is missing. The file is bound to typed records ({@link OpsYaml}):
 * an unknown key, an unknown target or a value of the wrong type is an error naming the file and key.
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
    public static final String FOLLOW_UPS = "follow_ups_recorded";
    /** Capacity on the cover: families a therapist FTE carries at a time, months of treatment per family. */
    public static final String FAMILIES = "families_per_therapist";
    public static final String TREATMENT_MONTHS = "treatment_months";
    /** The fall in referrals (12 months against the 12 before, a share) above which the cover warns. */
    public static final String REFERRALS_FALL = "referrals_fall";
    /** The target keys a measure of reports/metrics.yml may name. */
    public static final java.util.List<String> KEYS = java.util.List.of(CASELOAD, LENGTH, ADHERENCE, HOME, EET, OFFENCE,
            FOLLOW_UPS, FAMILIES, TREATMENT_MONTHS, REFERRALS_FALL);

    /** One target as written: any key left out is taken from the level below (built-in, defaults, site). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RangeSpec(Double min, Double max, @JsonProperty("amber_margin") Double amberMargin) {
        RangeSpec over(RangeSpec base) {
            if (base == null) return this;
            return new RangeSpec(min != null ? min : base.min, max != null ? max : base.max, amberMargin != null ? amberMargin : base.amberMargin);
        }
    }

    /** The cost-benefit assumptions as written (GBP, shares as fractions); any left out come from the level below. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CostBenefit(String source,
                       @JsonProperty("delivery_cost_per_case") Double deliveryCostPerCase,
                       @JsonProperty("benefit_per_case_edge_of_care") Double benefitPerCaseEdgeOfCare,
                       @JsonProperty("benefit_per_case_other") Double benefitPerCaseOther,
                       @JsonProperty("overhead_share") Double overheadShare,
                       @JsonProperty("weekly_cost_residential") Double weeklyCostResidential,
                       @JsonProperty("weekly_cost_in_house_fostering") Double weeklyCostInHouseFostering,
                       @JsonProperty("weeks_in_care_avoided") Band weeksInCareAvoided,
                       @JsonProperty("residential_share") Double residentialShare) {
        CostBenefit over(CostBenefit base) {
            if (base == null) return this;
            return new CostBenefit(source != null ? source : base.source,
                    deliveryCostPerCase != null ? deliveryCostPerCase : base.deliveryCostPerCase,
                    benefitPerCaseEdgeOfCare != null ? benefitPerCaseEdgeOfCare : base.benefitPerCaseEdgeOfCare,
                    benefitPerCaseOther != null ? benefitPerCaseOther : base.benefitPerCaseOther,
                    overheadShare != null ? overheadShare : base.overheadShare,
                    weeklyCostResidential != null ? weeklyCostResidential : base.weeklyCostResidential,
                    weeklyCostInHouseFostering != null ? weeklyCostInHouseFostering : base.weeklyCostInHouseFostering,
                    weeksInCareAvoided == null ? base.weeksInCareAvoided : weeksInCareAvoided.over(base.weeksInCareAvoided),
                    residentialShare != null ? residentialShare : base.residentialShare);
        }
    }

    /** A low / central / high assumption; any left out comes from the level below. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Band(Double low, Double central, Double high) {
        Band over(Band base) {
            if (base == null) return this;
            return new Band(low != null ? low : base.low, central != null ? central : base.central, high != null ? high : base.high);
        }
    }

    /** The three estimates of the cost-benefit page, in the order printed. */
    public static final java.util.List<String> ESTIMATES = java.util.List.of("low", "central", "high");

    /** A level of the file: {@code defaults}, or one site's section. */
    record Section(Map<String, RangeSpec> targets, @JsonProperty("cost_benefit") CostBenefit costBenefit) {
        Section over(Section base) {
            if (base == null) return this;
            Map<String, RangeSpec> t = new LinkedHashMap<>(base.targets == null ? Map.of() : base.targets);
            if (targets != null) targets.forEach((k, v) -> t.put(k, v == null ? t.get(k) : v.over(t.get(k))));
            return new Section(t, costBenefit == null ? base.costBenefit : costBenefit.over(base.costBenefit));
        }
    }

    /** {@code jobs/targets.yml}: an unknown key or a value of the wrong type is an error naming the file, line and key. */
    record FileSpec(Section defaults, Map<String, Section> sites) {}

    /** MST's ranges and the Cambridgeshire evaluation's costs: what applies where the file says nothing. */
    private static final Section BUILT_IN = new Section(Map.of(
            CASELOAD, new RangeSpec(4.0, 6.0, 1.0),
            LENGTH, new RangeSpec(90.0, 150.0, 15.0),
            ADHERENCE, new RangeSpec(0.61, null, 0.05),
            HOME, new RangeSpec(0.90, null, 0.05),
            EET, new RangeSpec(0.86, null, 0.05),
            OFFENCE, new RangeSpec(0.86, null, 0.05),
            FOLLOW_UPS, new RangeSpec(0.80, null, 0.10),
            FAMILIES, new RangeSpec(4.0, 6.0, 0.0),
            TREATMENT_MONTHS, new RangeSpec(3.0, 5.0, 0.0),
            REFERRALS_FALL, new RangeSpec(0.25, null, 0.0)),
            new CostBenefit("Cambridgeshire MST, DfE evaluation (2017)", 10558.0, 52032.0, 8976.0, 0.20, 2594.0, 579.0,
                    new Band(26.0, 52.0, 78.0), 0.20));

    /** Reads the cost-benefit record back by its keys in targets.yml (one mapper: they are costly to make). */
    private static final ObjectMapper KEYS_OF = new ObjectMapper();

    private final Section merged;
    private final Map<String, Object> costs;

    private Targets(Section merged) {
        this.merged = merged;
        this.costs = KEYS_OF.convertValue(merged.costBenefit(), new TypeReference<Map<String, Object>>() {});
    }

    /** The targets for one site ({@code siteId} null: the defaults), from the file (null or absent: the built-in ones). */
    public static Targets forSite(Path file, String siteId) {
        Section s = BUILT_IN;
        FileSpec spec = file == null ? null : OpsYaml.read(file, FileSpec.class);
        if (spec != null) {
            check(file, "defaults", spec.defaults());
            if (spec.sites() != null) spec.sites().forEach((site, section) -> check(file, "sites." + site, section));
            if (spec.defaults() != null) s = spec.defaults().over(s);
            if (spec.sites() != null && siteId != null && spec.sites().get(siteId) != null) s = spec.sites().get(siteId).over(s);
        }
        return new Targets(s);
    }

    /** Target names are the ones the reports know: a misspelt one would silently keep the default. */
    private static void check(Path file, String where, Section section) {
        if (section == null || section.targets() == null) return;
        for (String key : section.targets().keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(file, "unknown target '" + where + ".targets." + key + "'; the targets are " + String.join(", ", KEYS)
                        + ": correct the spelling or remove it");
            }
        }
    }

    public Range range(String key) {
        RangeSpec t = merged.targets().get(key);
        if (t == null || t.min() == null) throw new IllegalStateException("no target " + key + " in targets.yml");
        return new Range(t.min(), t.max(), t.amberMargin() == null ? 0 : t.amberMargin());
    }

    /**
     * A cost-benefit figure by its key in targets.yml (e.g. {@code delivery_cost_per_case}); a low / central /
     * high assumption by its key and estimate ({@code weeks_in_care_avoided.central}).
     */
    public double cost(String key) {
        Object v = costs;
        for (String part : key.split("\\.")) v = v instanceof Map<?, ?> m ? m.get(part) : null;
        if (!(v instanceof Number n)) throw new IllegalStateException("no cost_benefit." + key + " in targets.yml");
        return n.doubleValue();
    }

    public String costSource() {
        return merged.costBenefit().source() == null ? "" : merged.costBenefit().source();
    }
}
