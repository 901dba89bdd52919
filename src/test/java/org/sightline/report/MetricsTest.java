package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics registry (reports/metrics.yml): what it declares, and the errors a bad entry gives. */
class MetricsTest {

    static final Path REPORTS = Path.of("reports");

    @TempDir
    Path tmp;

    static Metrics real() {
        return Metrics.load(REPORTS.resolve("metrics.yml"), REPORTS.resolve("sql/measures"));
    }

    @Test
    void theRegistryDeclaresEachMeasureOnceWithItsQueryAndTarget() {
        Metrics m = real();
        assertThat(m.measures()).extracting(Metrics.Measure::key).doesNotHaveDuplicates()
                .contains("referrals", "acceptance", "caseload", "length", "tam_r", "froi", "re_referrals");
        // the reconciled definitions: the mean length of treatment, acceptance of panel decisions
        assertThat(m.measure("length").e().numerator()).isEqualTo("days_in_treatment");
        assertThat(m.measure("length").e().unit()).isEqualTo(Metrics.Unit.MEAN);
        assertThat(m.measure("length").target()).isEqualTo(Targets.LENGTH);
        assertThat(m.measure("acceptance").e().denominator()).isEqualTo("decided");
        assertThat(m.measure("caseload").higherIsBetter()).isFalse();
        // the new measure is on the cover and in the comparison
        assertThat(m.cover()).extracting(Metrics.Measure::key).contains("re_referrals");
        assertThat(m.comparison()).extracting(Metrics.Measure::key).endsWith("froi", "re_referrals");
        // each query named once, with the datasets its header requires
        assertThat(m.queries().keySet()).containsExactlyInAnyOrder("referrals", "caseload", "closures", "fidelity", "follow_up", "re_referrals", "care_entry", "follow_ups_due");
        assertThat(m.queries().get("care_entry").requires()).containsExactly("referral", "lac_episode", "site");
        assertThat(m.queries().get("follow_ups_due").requires()).containsExactly("case_closure", "referral", "follow_up");
        assertThat(m.measure("follow_ups_12").e().denominator()).isEqualTo("due_12");
        assertThat(m.queries().get("closures").requires()).containsExactly("case_closure", "referral");
        assertThat(m.measure("caseload").targetFormat()).isEqualTo("0.##");
    }

    @Test
    void aValueIsSuppressedAsTheRegistrySays() {
        Metrics m = real();
        Targets t = Targets.forSite(null, "X");
        MeasureTable table = new MeasureTable(List.of("X"), Map.of(
                "closures", Map.of("X|12 months", Map.<String, Object>of("closures", 4L, "timed_closures", 4L, "days_in_treatment", 500L,
                        "at_home", 3L, "at_home_recorded", 10L)),
                "referrals", Map.of("X|month", Map.<String, Object>of("received", 3L, "decided", 0L, "accepted", 0L))), Map.of());
        // a mean over fewer than 5 closures is not shown
        assertThat(Metrics.value(m.measure("length"), table, "X", "12 months", t).text()).isEqualTo(Cell.NOT_SHOWN);
        // a percentage whose count is 1 to 4 is not shown either, though its base is 10
        assertThat(Metrics.value(m.measure("at_home"), table, "X", "12 months", t).text()).isEqualTo(Cell.NOT_SHOWN);
        // a count of 1 to 4 prints <5; a count of nothing prints 0
        assertThat(Metrics.value(m.measure("referrals"), table, "X", "month", t).text()).isEqualTo("<5");
        assertThat(Metrics.value(m.measure("referrals"), table, "X", "12 months", t).text()).isEqualTo("0");
        // a mean of 5 or more, judged against the target
        MeasureTable five = new MeasureTable(List.of("X"), Map.of("closures", Map.of("X|12 months",
                Map.<String, Object>of("closures", 5L, "timed_closures", 5L, "days_in_treatment", 1000L))), Map.of());
        Metrics.Value v = Metrics.value(m.measure("length"), five, "X", "12 months", t);
        assertThat(v.text()).isEqualTo("200");
        assertThat(v.rag()).isEqualTo(Targets.Rag.RED);
        // a query that could not run for the site
        MeasureTable none = new MeasureTable(List.of("X"), Map.of(), Map.of("closures", Map.of("X", "No data yet")));
        assertThat(Metrics.value(m.measure("length"), none, "X", "12 months", t).text()).isEqualTo(Metrics.NO_DATA);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFileTheMeasureAndTheKey() throws Exception {
        Path f = write("""
                measures:
                  referrals:
                    label: Referrals
                    definition: Referrals received.
                    query: referrals
                    grain: [month]
                    unit: count
                    numerator: received
                    suppression: count
                    colour: red
                """);
        assertThatThrownBy(() -> Metrics.load(f, REPORTS.resolve("sql/measures")))
                .hasMessageContaining(f.toString()).hasMessageContaining("measure referrals").hasMessageContaining("unknown key \"colour\"");
    }

    @Test
    void aMissingQueryAPeriodOutsideTheGrainOrAnUnknownTargetIsAnError() throws Exception {
        String ok = """
                measures:
                  m:
                    label: M
                    definition: D.
                    query: %s
                    grain: [month]
                    unit: percent
                    numerator: accepted
                    denominator: decided
                    suppression: base
                    target: %s
                    comparison: {header: M, periods: [%s]}
                """;
        assertThat(Metrics.load(write(ok.formatted("referrals", "adherence", "month")), REPORTS.resolve("sql/measures")).measures()).hasSize(1);
        assertThatThrownBy(() -> Metrics.load(write(ok.formatted("nowhere", "adherence", "month")), REPORTS.resolve("sql/measures")))
                .hasMessageContaining("measure m").hasMessageContaining("query nowhere").hasMessageContaining("nowhere.sql");
        assertThatThrownBy(() -> Metrics.load(write(ok.formatted("referrals", "adherence", "12 months")), REPORTS.resolve("sql/measures")))
                .hasMessageContaining("comparison period 12 months is not in its grain");
        assertThatThrownBy(() -> Metrics.load(write(ok.formatted("referrals", "happiness", "month")), REPORTS.resolve("sql/measures")))
                .hasMessageContaining("target happiness");
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(tmp, "metrics", ".yml");
        Files.writeString(f, yaml);
        return f;
    }
}
