package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disclosure control (report/Disclosure) on the four leaks the issue names, and the relations'
 * declaration in the registry.
 */
class DisclosureTest {

    @TempDir
    Path tmp;

    private static Map<String, Long> cells(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        return m;
    }

    @Test
    void closuresByReasonBesideTheirTotalWithholdTheSmallestOtherReason() {
        // 14, 5 and 1 beside a total of 20: printed 14, 5, <5 and 20, the <5 is 20 - 14 - 5 = 1
        Map<String, Long> c = cells("total", 20, "completed", 14, "engagement", 5, "moved", 1);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("closures_by_reason", "total", "completed", "engagement", "moved"));
        Disclosure.Plan before = Disclosure.check(c, eq, Set.of());
        assertThat(before.derivable()).containsExactly("moved = 1");

        Disclosure.Plan plan = Disclosure.protect(c, eq, Set.of(), Set.of());
        assertThat(plan.primary()).containsExactly("moved");
        // withholding the 5 alone is not enough ([c] is at least 5, so <5 = 20 - 14 - [c] is at most 1): the 14 goes
        assertThat(plan.secondary()).containsExactly("completed");
        assertThat(plan.derivable()).isEmpty();
        assertThat(plan.line()).isEqualTo("Disclosure check: 2 cells suppressed (1 of 1–4 printed <5, 1 more withheld [c] so they cannot be "
                + "worked out by subtraction), none derivable.");
        // the total stays visible
        assertThat(plan.withheld("total")).isFalse();
        // and the plan passes its own audit
        assertThat(Disclosure.check(c, eq, plan.secondary()).derivable()).isEmpty();
        // the naive choice (the smallest other cell) would have left it derivable
        assertThat(Disclosure.check(c, eq, Set.of("engagement")).derivable()).containsExactly("moved = 1");
    }

    @Test
    void lengthOfTreatmentBandsBesideTheClosures() {
        // within 12, shorter 3, longer 6 of 21 closures
        Map<String, Long> c = cells("closures", 21, "within", 12, "shorter", 3, "longer", 6, "untimed", 0);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("length_bands", "closures", "within", "shorter", "longer", "untimed"));
        assertThat(Disclosure.check(c, eq, Set.of()).derivable()).containsExactly("shorter = 3");
        Disclosure.Plan plan = Disclosure.protect(c, eq, Set.of(), Set.of());
        assertThat(plan.secondary()).containsExactly("longer");
        assertThat(plan.derivable()).isEmpty();
        // the interval a reader can work out: shorter + longer = 9, longer >= 5, so shorter is 1 to 4: not narrowed to one value
    }

    @Test
    void withdrawnReferralsAsReceivedMinusDecidedMinusAwaiting() {
        // received 30 = accepted 18 + declined 6 + withdrawn 2 + awaiting 4; decided 24 = 18 + 6
        Map<String, Long> c = cells("received", 30, "decided", 24, "accepted", 18, "declined", 6, "withdrawn", 2, "awaiting", 4);
        List<Disclosure.Equation> eq = List.of(
                Disclosure.Equation.of("referral_decisions", "received", "accepted", "declined", "withdrawn", "awaiting"),
                Disclosure.Equation.of("panel_decided", "decided", "accepted", "declined"));
        // both small ones printed <5: withdrawn + awaiting = 30 - 24 = 6, each 1 to 4 → still not one value each;
        // but the audit works with bounds, so check what it says rather than assume
        Disclosure.Plan before = Disclosure.check(c, eq, Set.of());
        assertThat(before.primary()).containsExactlyInAnyOrder("withdrawn", "awaiting");
        assertThat(before.derivable()).isEmpty();
        // with awaiting 5 (published), withdrawn = 31 - 24 - 5 is given away
        Map<String, Long> c2 = cells("received", 31, "decided", 24, "accepted", 18, "declined", 6, "withdrawn", 2, "awaiting", 5);
        assertThat(Disclosure.check(c2, eq, Set.of()).derivable()).containsExactly("withdrawn = 2");
        Disclosure.Plan plan = Disclosure.protect(c2, eq, Set.of(), Set.of());
        assertThat(plan.secondary()).containsExactly("awaiting");
        assertThat(plan.derivable()).isEmpty();
        assertThat(plan.withheld("received")).isFalse();
        assertThat(plan.withheld("decided")).isFalse();
    }

    @Test
    void aPercentageWhoseComplementIsOneToFourIsNotShown() {
        // "83% of 6 at home": 5 of 6, so 1 not at home
        FigureSpec.Column pct = new FigureSpec.Column("share", "At home", FigureSpec.Kind.PERCENT, "at_home", "closures", null, false);
        assertThat(Cell.text(pct, Map.of("at_home", 5L, "closures", 6L))).isEqualTo(Cell.NOT_SHOWN);
        assertThat(Cell.suppressed(pct, Map.of("at_home", 5L, "closures", 6L))).isTrue();
        assertThat(Cell.value(pct, Map.of("at_home", 5L, "closures", 6L))).isNull();
        // 5 of 10: both 5 → shown; 10 of 10: complement 0 → shown (nobody is singled out by a zero)
        assertThat(Cell.text(pct, Map.of("at_home", 5L, "closures", 10L))).isEqualTo("50%");
        assertThat(Cell.text(pct, Map.of("at_home", 10L, "closures", 10L))).isEqualTo("100%");
        assertThat(Cell.text(pct, Map.of("at_home", 6L, "closures", 10L))).isEqualTo(Cell.NOT_SHOWN);
    }

    @Test
    void aSiteSmallCountIsNotAllSitesMinusTheOthers() {
        // sites 12, 3, 9: all sites 24; the site's <5 is 24 - 12 - 9
        Map<String, Long> c = cells("A", 12, "B", 3, "C", 9, "ALL", 24);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("referrals_all_sites", "ALL", "A", "B", "C"));
        assertThat(Disclosure.check(c, eq, Set.of()).derivable()).containsExactly("B = 3");
        // the sites' values are their packs' (fixed): the all-sites value is withheld
        Disclosure.Plan plan = Disclosure.protect(c, eq, Set.of("A", "B", "C"), Set.of());
        assertThat(plan.secondary()).containsExactly("ALL");
        assertThat(plan.derivable()).isEmpty();
    }

    @Test
    void aCountASitesPackWithholdsIsNotAllSitesMinusTheOthersEither() {
        // site B's pack withholds its 8 ([c]) to protect a <5 in its own tables; the comparison must not give the 8 back
        Map<String, Long> c = cells("A", 12, "B", 8, "C", 9, "ALL", 29);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("referrals_all_sites", "ALL", "A", "B", "C"));
        Disclosure.Plan plan = Disclosure.protect(c, eq, Set.of("A", "B", "C"), Set.of("B"));
        assertThat(plan.primary()).isEmpty();
        assertThat(plan.secondary()).containsExactlyInAnyOrder("B", "ALL");
        assertThat(plan.derivable()).isEmpty();
        // without the all-sites value withheld, B is 29 - 12 - 9
        assertThat(Disclosure.protect(c, eq, Set.of("A", "B", "C", "ALL"), Set.of("B")).derivable()).containsExactly("B = 8");
    }

    @Test
    void twoMonthsDifferenceIsCaughtAcrossPacks() {
        // open cases 7 last month, 4 started and 6 closed → 5 now; started <5 = 5 - 7 + 6
        Map<String, Long> c = cells("open", 5, "started", 4, "closed", 6, Disclosure.PREVIOUS + "open", 7);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("open_cases_previous", "open", Disclosure.PREVIOUS + "open", "started", "-closed"));
        assertThat(Disclosure.check(c, eq, Set.of()).derivable()).containsExactly("started = 4");
        Disclosure.Plan plan = Disclosure.protect(c, eq, Set.of(Disclosure.PREVIOUS + "open"), Set.of());
        assertThat(plan.secondary()).doesNotContain(Disclosure.PREVIOUS + "open").isNotEmpty();
        assertThat(plan.derivable()).isEmpty();
    }

    @Test
    void aPreviousMonthsWithheldCountIsNotGuardedItsSmallCountsAreTargetsThemselves() {
        // the previous pack withheld its total (32) to protect a <5 of another table, but printed the months that
        // add up to it: a [c] is withheld to protect a <5 (a target of this plan itself), so it is not reported
        // as derivable here; a <5 of this pack is still protected
        Map<String, Long> c = cells("previous:total", 32, "previous:m1", 20, "previous:m2", 12, "now", 20, "a", 17, "b", 3);
        List<Disclosure.Equation> eq = List.of(Disclosure.Equation.of("by_month", "previous:total", "previous:m1", "previous:m2"),
                Disclosure.Equation.of("same_month", "now", "previous:m1"),
                Disclosure.Equation.of("parts", "now", "a", "b"));
        Set<String> fixed = Set.of("previous:total", "previous:m1", "previous:m2");
        Disclosure.Plan plan = Disclosure.protect(c, eq, fixed, Set.of("previous:total"));
        assertThat(plan.derivable()).isEmpty();
        assertThat(plan.primary()).contains("b");
        assertThat(plan.secondary()).contains("a");
        // and when this pack's printing gives it away without giving its <5 away, nothing more is withheld
        Map<String, Long> c2 = cells("previous:total", 32, "previous:m1", 20, "previous:m2", 12, "m2", 12);
        List<Disclosure.Equation> eq2 = List.of(Disclosure.Equation.of("by_month", "previous:total", "previous:m1", "previous:m2"),
                Disclosure.Equation.of("same_month", "m2", "previous:m2"));
        Disclosure.Plan free = Disclosure.protect(c2, eq2, Set.of("previous:total", "previous:m1", "previous:m2"), Set.of("previous:total", "previous:m2"));
        assertThat(free.derivable()).isEmpty();
        assertThat(free.secondary()).doesNotContain("m2");
    }

    @Test
    void aRelationThatDoesNotAddUpIsReported() {
        Map<String, Long> c = cells("total", 20, "a", 14, "b", 5);
        Disclosure.Plan p = Disclosure.check(c, List.of(Disclosure.Equation.of("wrong", "total", "a", "b")), Set.of());
        assertThat(p.broken()).containsExactly("wrong");
        assertThat(p.line()).contains("relations not holding: wrong");
    }

    @Test
    void theRegistryDeclaresTheRelationsAndRejectsUnknownNames() throws Exception {
        Metrics m = MetricsTest.real();
        assertThat(m.relations()).extracting(Metrics.Relation::name)
                .contains("closures_by_reason", "length_bands", "referral_decisions_12_months", "referrals_all_sites", "open_cases_previous");
        Metrics.Relation r = m.relations().stream().filter(x -> x.name().equals("referral_decisions_12_months")).findFirst().orElseThrow();
        assertThat(r.total()).isEqualTo("acceptance_funnel[Received].last_12_months");
        assertThat(Metrics.ref("-previous:caseload.open_cases")).isEqualTo(new Metrics.Ref(-1, true, "caseload", null, null, "open_cases", null));

        String measures = Files.readString(MetricsTest.REPORTS.resolve("metrics.yml")).split("\nrelations:")[0];
        Path dir = tmp.resolve("reports");
        Files.createDirectories(dir.resolve("sql"));
        copy(MetricsTest.REPORTS.resolve("sql/measures"), dir.resolve("sql/measures"));
        copy(MetricsTest.REPORTS.resolve("sql/steering"), dir.resolve("sql/steering"));
        for (String[] bad : new String[][]{
                {"total: closure_reason.closures\n    parts: [exit_routes.closures]", "no figure closure_reason"},
                {"total: closure_reasons.closure\n    parts: [exit_routes.closures]", "figure closure_reasons has no column closure"},
                {"total: measure:referral.received@month\n    parts: [exit_routes.closures]", "no measure query referral"},
                {"total: measure:referrals.recieved@month\n    parts: [exit_routes.closures]", "the query referrals returns no column recieved"},
                {"total: closure_reasons.reason\n    parts: [exit_routes.closures]", "closure_reasons.reason is not a count"},
                {"across_sites: acceptance", "acceptance is a percent, not a count"},
                {"across_sites: referals", "no measure referals"},
                {"total: closure_reasons.closures\n    part: [exit_routes.closures]", "unknown key \"part\""}}) {
            Path f = dir.resolve("metrics.yml");
            Files.writeString(f, measures + "\nrelations:\n  broken:\n    " + bad[0] + "\n");
            assertThatThrownBy(() -> Metrics.load(f, dir.resolve("sql/measures")))
                    .hasMessageContaining("metrics.yml: relation broken: ").hasMessageContaining(bad[1]);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) if (Files.isRegularFile(p)) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
