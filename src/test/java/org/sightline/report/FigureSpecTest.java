package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every figure file under reports/sql/steering/ has a readable header that names real columns. */
class FigureSpecTest {

    @Test
    void everyFigureHasATitleADefinitionAndConsistentColumns() {
        Map<String, FigureSpec> specs = FigureSpec.loadAll(Path.of("reports", "sql", "steering"));
        assertThat(specs).containsKeys("referrals_by_month", "referrals_by_source", "acceptance_funnel", "caseload",
                "closure_reasons", "length_of_treatment", "discharge_outcomes", "follow_up_outcomes", "fidelity_summary",
                "fidelity_trend", "cla_rate", "ofsted_latest", "cost_benefit", "submissions", "rejects_top_reasons");
        for (FigureSpec s : specs.values()) {
            assertThat(s.title()).as(s.name()).isNotBlank();
            assertThat(s.definition()).as(s.name()).hasSizeGreaterThan(40);
            assertThat(s.columns()).as(s.name()).isNotEmpty();
            assertThat(s.layout()).as(s.name()).isIn("numbers", "text", "kv");
            int room = switch (s.layout()) { case "text" -> 4; case "kv" -> 99; default -> 7; };
            assertThat(s.visibleColumns().size()).as(s.name() + ": columns the table layout has room for").isLessThanOrEqualTo(room);
            for (FigureSpec.Column c : s.columns().values()) {
                if (c.of() != null) assertThat(s.columns()).as(s.name() + "." + c.name() + " of").containsKey(c.of());
                if (c.base() != null) assertThat(s.columns()).as(s.name() + "." + c.name() + " base").containsKey(c.base());
            }
            assertThat(SteeringPacks.PACK_ORDER).as("printed in the pack").contains(s.name());
        }
    }

    @Test
    void aDefinitionMayContainColonsAndSpanLines() {
        FigureSpec s = FigureSpec.load(Path.of("reports", "sql", "steering", "acceptance_funnel.sql"));
        assertThat(s.definition()).contains("at the end of the pack's month: decided by the panel").doesNotContain("\n");
        assertThat(s.requires()).containsExactly("referral");
        assertThat(s.columns().get("share").kind()).isEqualTo(FigureSpec.Kind.PERCENT);
        assertThat(s.columns().get("received_12").hidden()).isTrue();
    }
}
