package org.sightline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The cover's history rules on hand-made measure rows (no lake): the year-earlier value through Cell, the
 * switch of a count that is small most months to its 12 months, the gaps of the trend, the falling-referrals
 * threshold and the "recorded of due" counts.
 */
class CoverTrendsUnitTest {

    static final YearMonth MONTH = YearMonth.of(2026, 10);

    /** Referrals rows: {@code monthly} for every month ending from 2024-11 to the month, 12-month sums, and the month itself. */
    static MeasureTable referrals(long[] monthly) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        List<YearMonth> months = new ArrayList<>();
        for (int i = monthly.length - 1; i >= 0; i--) months.add(MONTH.minusMonths(i));
        for (int i = 0; i < months.size(); i++) {
            rows.put("X|" + CoverTrends.ending("month", months.get(i)), Map.of("received", monthly[i], "decided", 0L, "accepted", 0L));
            long sum = 0;
            for (int j = Math.max(0, i - 11); j <= i; j++) sum += monthly[j];
            rows.put("X|" + CoverTrends.ending("12 months", months.get(i)), Map.of("received", sum, "decided", 0L, "accepted", 0L));
        }
        rows.put("X|month", rows.get("X|" + CoverTrends.ending("month", MONTH)));
        rows.put("X|12 months", rows.get("X|" + CoverTrends.ending("12 months", MONTH)));
        return new MeasureTable(List.of("X"), Map.of("referrals", rows), Map.of());
    }

    static CoverTrends trends(MeasureTable t) {
        return new CoverTrends("X", MONTH, MetricsTest.real(), t, Targets.forSite(null, "X"), Disclosure.Plan.NONE, "2015-09-01");
    }

    @Test
    void aCountUnderFiveInMostMonthsIsShownOverTwelveMonthsAndItsYearEarlierToo() {
        long[] small = new long[24];
        for (int i = 0; i < 24; i++) small[i] = i < 12 ? 3 : (i % 3 == 0 ? 6 : 2);   // last 12: 4 months of 6, 8 of 2
        CoverTrends h = trends(referrals(small));
        Metrics.Measure m = MetricsTest.real().measure("referrals");
        assertThat(h.smallMonths(m)).isEqualTo(8);
        assertThat(h.shownPeriod(m)).isEqualTo("12 months");
        // 12 months to Oct 2025: twelve months of 3
        assertThat(h.yearEarlier(m, "12 months")).isEqualTo("12 months to Oct 2025: 36");
        // the month a year earlier was 3: printed <5
        assertThat(h.yearEarlier(m, "month")).isEqualTo("Oct 2025: <5");

        long[] steady = new long[24];
        java.util.Arrays.fill(steady, 6);
        steady[23] = 2;
        CoverTrends s = trends(referrals(steady));
        assertThat(s.shownPeriod(m)).isEqualTo("month");
        // the trend by month: a gap where the count is 1 to 4, from the first month with data
        List<Double> line = s.trend(m, "month");
        assertThat(line).hasSize(24);
        assertThat(line.get(0)).isEqualTo(6.0);
        assertThat(line.get(23)).isNull();
        assertThat(s.referralsWarning(m)).isEmpty();
    }

    @Test
    void referralsFallingByMoreThanAQuarterAreWarnedWithBothCounts() {
        long[] falling = new long[24];
        for (int i = 0; i < 24; i++) falling[i] = i < 12 ? 3 : 1;   // 36 then 12: down 67%
        Metrics.Measure m = MetricsTest.real().measure("referrals");
        assertThat(trends(referrals(falling)).referralsWarning(m)).isEqualTo("Referrals falling: 12 in 12 months, 36 in the 12 before (down 67%)");
        long[] gentle = new long[24];
        for (int i = 0; i < 24; i++) gentle[i] = i < 12 ? 4 : 3;    // 48 then 36: down 25%, not more
        assertThat(trends(referrals(gentle)).referralsWarning(m)).isEmpty();
    }

    @Test
    void recordedOfDueKeepsTheMissingOnesFromBeingWorkedOut() {
        assertThat(CoverTrends.ofDue(9, 14)).isEqualTo("9 of 14");
        assertThat(CoverTrends.ofDue(12, 14)).isEqualTo("[c] of 14");   // 2 missing
        assertThat(CoverTrends.ofDue(3, 4)).isEqualTo("<5 of <5");
        assertThat(CoverTrends.ofDue(0, 0)).isEqualTo("0 of 0");
        assertThat(CoverTrends.sparkline(java.util.Arrays.asList(1.0, null, null), Metrics.Unit.COUNT)).isNull();
        assertThat(CoverTrends.sparkline(java.util.Arrays.asList(5.0, null, 7.0), Metrics.Unit.COUNT)).isNotNull();
    }
}
