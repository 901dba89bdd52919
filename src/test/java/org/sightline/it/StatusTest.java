package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ops.Submissions;
import org.sightline.ops.WorkingDays;

/** {@code sightline status}: every site and dataset, with late and missing submissions flagged. */
class StatusTest {

    @TempDir
    static Path tmp;
    static Path demoHome;
    static JsonNode expected;
    static final Path JOBS = Path.of("jobs").toAbsolutePath();
    static final Map<String, String> SITE_COUNT = Map.of("referral", "referrals", "case_closure", "closures", "follow_up", "follow_ups");

    @BeforeAll
    static void demo() throws Exception {
        expected = Expected.load();
        demoHome = tmp.resolve("demo");
        Cli.Result r = Cli.run("demo", "--home", demoHome.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    @Test
    void afterTheDemoEverySampleSiteAndDatasetIsListedWithItsRows() throws Exception {
        // the demo dates the sample's files as arriving on the 2nd working day of November 2026: October's returns, on time
        YearMonth october = YearMonth.of(2026, 10);
        LocalDate arrived = LocalDate.of(2026, 11, 3);   // Monday 2 November is the 1st working day, Tuesday the 2nd
        Cli.Result r = Cli.run("status", "--home", demoHome.toString(), "--month", october.toString());
        assertThat(r.exit()).isZero();
        List<Submissions.Status> rows = Submissions.status(demoHome, JOBS, october, today());
        for (var site : iterable(expected.get("sites").fieldNames())) {
            for (var ds : SITE_COUNT.entrySet()) {
                long want = expected.get("sites").get(site).get(ds.getValue()).asLong();
                Submissions.Status s = rows.stream().filter(x -> x.site().equals(site) && x.dataset().equals(ds.getKey())).findFirst().orElseThrow();
                assertThat(s.rows()).as(site + " " + ds.getKey()).isEqualTo(want);
                assertThat(s.lastFile()).as(site + " " + ds.getKey()).isNotNull();
                // received on the day the demo gave, before the due date
                if (s.state() != Submissions.State.NOT_EXPECTED) {
                    assertThat(s.state()).as(site + " " + ds.getKey()).isEqualTo(Submissions.State.ON_TIME);
                    assertThat(s.firstReceivedAt()).as(site + " " + ds.getKey()).startsWith(arrived.toString());
                }
                String line = r.out().lines().filter(l -> l.trim().startsWith(site + " ") && l.contains(" " + ds.getKey() + " ")).findFirst().orElse("");
                assertThat(line).as("status line for " + site + " " + ds.getKey()).contains(" " + want + " ");
            }
        }
    }

    @Test
    void afterTheDemoEveryDatasetIsListedWithItsFilesRowsRejectsAndFreshness() throws Exception {
        Cli.Result r = Cli.run("status", "--home", demoHome.toString());
        assertThat(r.exit()).isZero();
        Map<String, long[]> want = new java.util.LinkedHashMap<>();   // dataset -> {rows, rejected}
        for (var e : iterable(expected.get("datasets").fields())) {
            // a row of which one judgement only was rejected (partial) is loaded, not a rejected row
            long partial = 0;
            for (JsonNode b : e.getValue().get("bad_rows")) if (b.path("detail").asText().contains("this judgement only")) partial++;
            want.put(e.getKey(), new long[]{e.getValue().get("good_rows").asLong(), e.getValue().get("bad_rows").size() - partial});
        }
        JsonNode lac = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("src", "test", "resources", "sample-expected-lac.json").toFile()).get("ssda903");
        long badEpisodes = lac.get("bad_episode_rows").size();
        // and the sites' LAs' returns of sample-data/care-records/ (no bad rows)
        long careEpisodes = 0, careChildren = 0;
        for (JsonNode f : expected.get("care_records").get("files")) {
            careEpisodes += f.get("episode_rows").asLong();
            careChildren += f.get("header_rows").asLong();
        }
        assertThat(careEpisodes).isPositive();
        want.put("lac_episode", new long[]{lac.get("episodes").asLong() - badEpisodes + careEpisodes, badEpisodes});
        want.put("lac_child", new long[]{lac.get("children").asLong() + careChildren, 0});
        for (var e : want.entrySet()) {
            String line = r.out().lines().filter(l -> l.startsWith(e.getKey() + " ")).findFirst().orElse("");
            String[] c = line.trim().split("\\s+");
            assertThat(c.length).as("status line for " + e.getKey() + ": " + line).isGreaterThanOrEqualTo(6);
            assertThat(Long.parseLong(c[1])).as(e.getKey() + " files").isPositive();
            assertThat(Long.parseLong(c[2])).as(e.getKey() + " rows").isEqualTo(e.getValue()[0]);
            assertThat(Long.parseLong(c[3])).as(e.getKey() + " rejected").isEqualTo(e.getValue()[1]);
            assertThat(c[4]).as(e.getKey() + " last published").startsWith(today().getYear() + "-");
            assertThat(line).as(e.getKey() + " freshness").containsPattern("(seconds?|minutes?|hours?) ago|just now");
        }
    }

    @Test
    void aSiteThatSentNothingIsMissingOnceItsDueDateHasPassed() throws Exception {
        Path home = tmp.resolve("without-ns-closures");
        List<String> args = new ArrayList<>(List.of("ingest", "--home", home.toString()));
        try (Stream<Path> s = Files.walk(Path.of("sample-data"))) {
            s.filter(p -> p.getFileName().toString().matches(".*\\.synthetic\\.(csv|xlsx)"))
                    .filter(p -> !p.getFileName().toString().equals("northern-shire-closures.synthetic.csv"))
                    .forEach(p -> args.add(p.toString()));
        }
        assertThat(Cli.run(args.toArray(String[]::new)).exit()).isZero();
        LocalDate monthEnd = today().withDayOfMonth(today().lengthOfMonth());
        List<Submissions.Status> rows = Submissions.status(home, JOBS, YearMonth.from(today()).minusMonths(1), monthEnd);
        Submissions.Status missing = one(rows, "NORTHERN_SHIRE", "case_closure");
        assertThat(missing.state()).isEqualTo(Submissions.State.MISSING);
        assertThat(missing.rows()).isZero();
        assertThat(missing.lastFile()).isNull();
        assertThat(one(rows, "NORTHERN_SHIRE", "referral").state()).isNotEqualTo(Submissions.State.MISSING);
        assertThat(one(rows, "METRO_CITY", "case_closure").state()).isNotEqualTo(Submissions.State.MISSING);
        assertThat(rows.stream().filter(x -> x.state() == Submissions.State.MISSING)).hasSize(1);

        Cli.Result r = Cli.run("status", "--home", home.toString(), "--as-of", monthEnd.toString());
        assertThat(r.out().lines().filter(l -> l.contains("NORTHERN_SHIRE") && l.contains("case_closure")).findFirst().orElseThrow())
                .contains("MISSING").contains("(never)");
    }

    @Test
    void filesArrivingAfterTheDueWorkingDayAreLate() throws Exception {
        Path home = tmp.resolve("late");
        YearMonth arrived = YearMonth.from(today()).minusMonths(1);
        YearMonth about = arrived.minusMonths(1);   // the return that arrived last month
        WorkingDays days = WorkingDays.load(JOBS);
        LocalDate due = days.nth(arrived, 5);
        ZoneId london = ZoneId.of("Europe/London");
        // Northern Shire's referrals arrived on the 2nd working day, its closures three days after the due date
        Path referrals = InboxTest.drop(home.resolve("inbox"), "referral", "northern-shire-referrals.synthetic.csv");
        Files.setLastModifiedTime(referrals, FileTime.from(days.nth(arrived, 2).atTime(10, 0).atZone(london).toInstant()));
        Path closures = InboxTest.drop(home.resolve("inbox"), "case_closure", "northern-shire-closures.synthetic.csv");
        Files.setLastModifiedTime(closures, FileTime.from(due.plusDays(3).atTime(10, 0).atZone(london).toInstant()));
        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--quiet-seconds", "1", "--settle-seconds", "5");
        assertThat(r.exit()).as(r.out()).isZero();

        Map<String, Submissions.State> ns = Submissions.status(home, JOBS, about, today()).stream()
                .filter(x -> x.site().equals("NORTHERN_SHIRE")).collect(Collectors.toMap(Submissions.Status::dataset, Submissions.Status::state));
        assertThat(ns).containsEntry("referral", Submissions.State.ON_TIME)
                .containsEntry("case_closure", Submissions.State.LATE)
                .containsEntry("follow_up", Submissions.State.MISSING);
        Submissions.Status late = one(Submissions.status(home, JOBS, about, today()), "NORTHERN_SHIRE", "case_closure");
        assertThat(late.dueBy()).isEqualTo(due);
        assertThat(late.rows()).isEqualTo(expected.get("sites").get("NORTHERN_SHIRE").get("closures").asLong());
        // the next return: nothing has arrived this month, so due or missing depending on the day, never on time
        assertThat(one(Submissions.status(home, JOBS, arrived, today()), "NORTHERN_SHIRE", "referral").state())
                .isIn(Submissions.State.DUE, Submissions.State.MISSING);
        Cli.Result status = Cli.run("status", "--home", home.toString(), "--month", about.toString());
        assertThat(status.out()).containsPattern("NORTHERN_SHIRE\\s+case_closure\\s+LATE");
    }

    @Test
    void ingestReceivedOnDatesABackLoadedFilesArrival() throws Exception {
        // last year's files, loaded today from a shared drive, with the day each arrived
        Path home = tmp.resolve("back-loaded");
        YearMonth about = YearMonth.of(2026, 6);
        LocalDate due = WorkingDays.load(JOBS).nth(about.plusMonths(1), 5);
        Path ns = Path.of("sample-data");
        assertThat(Cli.run("ingest", "--home", home.toString(), "--received-on", due.minusDays(1).toString(),
                ns.resolve("northern-shire-referrals.synthetic.csv").toString()).exit()).isZero();
        assertThat(Cli.run("ingest", "--home", home.toString(), "--received-on", due.plusDays(6).toString(),
                ns.resolve("northern-shire-closures.synthetic.csv").toString()).exit()).isZero();
        List<Submissions.Status> rows = Submissions.status(home, JOBS, about, today());
        assertThat(one(rows, "NORTHERN_SHIRE", "referral").state()).isEqualTo(Submissions.State.ON_TIME);
        assertThat(one(rows, "NORTHERN_SHIRE", "referral").firstReceivedAt()).startsWith(due.minusDays(1).toString());
        assertThat(one(rows, "NORTHERN_SHIRE", "case_closure").state()).isEqualTo(Submissions.State.LATE);
        assertThat(one(rows, "NORTHERN_SHIRE", "follow_up").state()).isEqualTo(Submissions.State.MISSING);
        // a day in the future is a usage error, and loads nothing
        Cli.Result future = Cli.run("ingest", "--home", home.toString(), "--received-on", today().plusDays(2).toString(),
                ns.resolve("northern-shire-follow-ups.synthetic.csv").toString());
        assertThat(future.exit()).isEqualTo(2);
        assertThat(future.err()).contains("is in the future");
        assertThat(one(Submissions.status(home, JOBS, about, today()), "NORTHERN_SHIRE", "follow_up").state()).isEqualTo(Submissions.State.MISSING);
        // and they are not this month's arrivals
        assertThat(one(Submissions.status(home, JOBS, YearMonth.from(today()).minusMonths(1), today()), "NORTHERN_SHIRE", "referral").state())
                .isIn(Submissions.State.DUE, Submissions.State.MISSING);
    }

    @Test
    void expectedSubmissionsAreReadFromJobs() {
        List<Submissions.Expected> e = Submissions.expected(JOBS);
        assertThat(e).extracting(Submissions.Expected::site).contains("ISOLATED_COASTAL", "EXPANDED_CITY", "METRO_CITY", "NORTHERN_SHIRE", "RIVER_VALLEY");
        Submissions.Expected rv = e.stream().filter(x -> x.site().equals("RIVER_VALLEY")).findFirst().orElseThrow();
        assertThat(rv.expectedIn(YearMonth.of(2026, 8))).isTrue();
        assertThat(rv.expectedIn(YearMonth.of(2026, 9))).isFalse();
        assertThat(rv.dueWorkingDay()).isEqualTo(5);
    }

    static Submissions.Status one(List<Submissions.Status> rows, String site, String dataset) {
        return rows.stream().filter(x -> x.site().equals(site) && x.dataset().equals(dataset)).findFirst().orElseThrow();
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
