package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sightline.ops.ConfigException;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedDefaultsAreTheMstAndCambridgeshireFigures() {
        Targets t = Targets.forSite(Path.of("jobs", "targets.yml"), "METRO_CITY");
        assertThat(t.range(Targets.CASELOAD)).isEqualTo(new Targets.Range(4, 6.0, 1));
        assertThat(t.range(Targets.LENGTH)).isEqualTo(new Targets.Range(90, 150.0, 15));
        assertThat(t.range(Targets.ADHERENCE).min()).isEqualTo(0.61);
        assertThat(t.range(Targets.HOME).min()).isEqualTo(0.90);
        assertThat(t.range(Targets.EET).min()).isEqualTo(0.86);
        assertThat(t.range(Targets.OFFENCE).min()).isEqualTo(0.86);
        assertThat(t.cost("delivery_cost_per_case")).isEqualTo(10558);
        assertThat(t.cost("benefit_per_case_edge_of_care")).isEqualTo(52032);
        assertThat(t.cost("benefit_per_case_other")).isEqualTo(8976);
        // Cambridgeshire: 53% edge of care gives FROI 3.0, whole service (20% overheads) 2.5
        double benefit = 0.53 * t.cost("benefit_per_case_edge_of_care") + 0.47 * t.cost("benefit_per_case_other");
        assertThat(benefit / t.cost("delivery_cost_per_case")).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(benefit / (t.cost("delivery_cost_per_case") * (1 + t.cost("overhead_share")))).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aSiteOverridesOnlyTheKeysItGives() throws Exception {
        Path f = tmp.resolve("targets.yml");
        Files.writeString(f, """
                defaults:
                  targets:
                    caseload_per_therapist: {min: 4, max: 6, amber_margin: 1}
                sites:
                  METRO_CITY:
                    targets:
                      caseload_per_therapist: {max: 5}
                    cost_benefit:
                      delivery_cost_per_case: 12000
                """);
        Targets metro = Targets.forSite(f, "METRO_CITY");
        assertThat(metro.range(Targets.CASELOAD)).isEqualTo(new Targets.Range(4, 5.0, 1));
        assertThat(metro.cost("delivery_cost_per_case")).isEqualTo(12000);
        assertThat(metro.cost("benefit_per_case_other")).isEqualTo(8976);   // built-in default kept
        assertThat(Targets.forSite(f, "RIVER_VALLEY").range(Targets.CASELOAD).max()).isEqualTo(6.0);
    }

    @Test
    void aMisspeltKeyAnUnknownTargetOrAWrongTypeIsAnErrorNamingFileLineAndKey() throws Exception {
        Path f = tmp.resolve("targets.yml");
        Files.writeString(f, """
                defaults:
                  targets:
                    length_of_treatment_days:
                      min: 90
                      amber_margn: 15
                """);
        assertThatThrownBy(() -> Targets.forSite(f, "METRO_CITY")).isInstanceOf(ConfigException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(f.toString()) + ", line \\d+: unknown key.*").hasMessageContaining("unknown key 'defaults.targets.length_of_treatment_days.amber_margn'")
                .hasMessageContaining("amber_margin");
        Files.writeString(f, """
                sites:
                  METRO_CITY:
                    targets:
                      caseload_per_therapst: {max: 5}
                """);
        assertThatThrownBy(() -> Targets.forSite(f, "RIVER_VALLEY")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown target 'sites.METRO_CITY.targets.caseload_per_therapst'").hasMessageContaining("caseload_per_therapist");
        Files.writeString(f, """
                defaults:
                  cost_benefit:
                    delivery_cost_per_case: ten thousand
                """);
        assertThatThrownBy(() -> Targets.forSite(f, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(", line ").hasMessageContaining("'defaults.cost_benefit.delivery_cost_per_case'").hasMessageContaining("a number");
    }

    @Test
    void ragIsGreenInsideAmberWithinTheMarginRedBeyond() {
        Targets.Range r = new Targets.Range(4, 6.0, 1);
        assertThat(r.rag(4.0)).isEqualTo(Targets.Rag.GREEN);
        assertThat(r.rag(6.0)).isEqualTo(Targets.Rag.GREEN);
        assertThat(r.rag(3.2)).isEqualTo(Targets.Rag.AMBER);
        assertThat(r.rag(7.0)).isEqualTo(Targets.Rag.AMBER);
        assertThat(r.rag(2.9)).isEqualTo(Targets.Rag.RED);
        assertThat(r.rag(null)).isEqualTo(Targets.Rag.NONE);
        Targets.Range atLeast = new Targets.Range(0.9, null, 0.05);
        assertThat(atLeast.rag(0.99)).isEqualTo(Targets.Rag.GREEN);
        assertThat(atLeast.rag(0.86)).isEqualTo(Targets.Rag.AMBER);
        assertThat(atLeast.rag(0.80)).isEqualTo(Targets.Rag.RED);
    }
}
