package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.cli.Main;
import org.sightline.lake.Manifest;
import org.sightline.lake.Lake;
import org.sightline.ops.Receipt;
import org.sightline.ops.RunSummary;
import org.sightline.ops.Schedule;
import org.sightline.ops.Scheduler;
import org.sightline.ops.WorkingDays;

/** The scheduler running the nightly ingest while files keep arriving; and one run-nightly pass. */
class ServeTest {

    @TempDir
    Path tmp;

    /** Where each sample file is dropped: (inbox folder, file). */
    static final List<String[]> DROPS = List.of(
            new String[] {"reference", "sites.synthetic.csv"},
            new String[] {"site-returns/isolated-coastal", "isolated-coastal-referral-log.synthetic.xlsx"},
            new String[] {"referral", "northern-shire-referrals.synthetic.csv"},
            new String[] {"site-returns/expanded-city", "expanded-city-referral-log.synthetic.xlsx"},
            new String[] {"case_closure", "northern-shire-closures.synthetic.csv"},
            new String[] {"referral", "river-valley-referrals.synthetic.csv"},
            new String[] {"site-returns/metro-city", "metro-city-referral-log.synthetic.xlsx"},
            new String[] {"follow_up", "northern-shire-follow-ups.synthetic.csv"},
            new String[] {"case_closure", "river-valley-closures.synthetic.csv"},
            new String[] {"reference", "la-reference.synthetic.csv"});

    @Test
    void filesDroppedWhileTheScheduleRunsAreEachIngestedOnce() throws Exception {
        JsonNode expected = Expected.load();
        Path home = tmp.resolve("home");
        Path inbox = home.resolve("inbox");
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("schedule.yml"), """
                timezone: UTC
                jobs:
                  - name: nightly-ingest
                    cron: "*/2 * * * * *"
                    run: inbox --quiet-seconds 1 --settle-seconds 2
                """);
        Scheduler scheduler = new Scheduler(home, Schedule.load(jobs), WorkingDays.load(jobs),
                args -> Main.execute(args.toArray(String[]::new)), Main.commandNames(),
                List.of("--home", home.toString(), "--jobs", jobs.toString()), Clock.systemUTC(), System.out::println);
        AtomicReference<List<RunSummary.TaskRun>> ran = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread serve = new Thread(() -> {
            try {
                ran.set(scheduler.serve(Duration.ofMinutes(10)));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        serve.start();

        // files arrive one by one while scheduled passes run; one of them is written slowly
        Thread slow = null;
        for (int i = 0; i < DROPS.size(); i++) {
            String[] d = DROPS.get(i);
            if (i == 5) {
                slow = InboxTest.slowCopy(inbox.resolve(d[0]).resolve(d[1]), d[1], 16, 300);
            } else {
                InboxTest.drop(inbox, d[0], d[1]);
            }
            Thread.sleep(1500);
        }
        slow.join();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Receipt.all(home).size() < DROPS.size() && Instant.now().isBefore(deadline) && serve.isAlive()) Thread.sleep(500);
        scheduler.stop();
        serve.join(Duration.ofMinutes(3).toMillis());
        assertThat(failure.get()).isNull();
        assertThat(serve.isAlive()).isFalse();
        assertThat(ran.get().size()).as("scheduled passes while the files arrived").isGreaterThan(1);

        // every file was taken once, and loaded
        List<Receipt> receipts = Receipt.all(home);
        Map<String, Long> timesTaken = receipts.stream().collect(Collectors.groupingBy(Receipt::file, Collectors.counting()));
        assertThat(timesTaken).hasSize(DROPS.size()).allSatisfy((f, n) -> assertThat(n).as(f).isEqualTo(1));
        assertThat(receipts).allSatisfy(r -> assertThat(r.outcome()).as(r.file()).isEqualTo("LOADED"));
        assertThat(InboxTest.dataFilesLeft(inbox)).isEmpty();

        // each file (and sheet) published once, with all its good rows
        Manifest m = new Lake(home).read();
        Map<String, Long> published = m.ingests.stream().collect(Collectors.groupingBy(
                i -> i.sourceFile() + " [" + i.sourceSheet() + "]", Collectors.counting()));
        assertThat(published).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        for (String[] d : DROPS) {
            if (d[1].startsWith("sites") || d[1].startsWith("la-reference")) continue;
            long inLake = Lakes.count(home, "select (select count(*) from referral where source_file = '" + d[1] + "') + "
                    + "(select count(*) from case_closure where source_file = '" + d[1] + "') + (select count(*) from follow_up where source_file = '" + d[1] + "')");
            assertThat(inLake).as(d[1]).isEqualTo(InboxTest.goodRows(expected, d[1]));
        }
        assertThat(Lakes.count(home, "select count(*) from la_reference where source_file not like 'built-in:%'")).isEqualTo(expected.get("datasets").get("la_reference").get("good_rows").asLong());
        assertThat(Lakes.count(home, "select count(*) - count(distinct referral_key) from referral")).as("duplicate referrals").isZero();
    }

    @Test
    void runNightlyRunsTheJobsDueThatDayOnceAndSkipsCommandsThisBuildLacks() throws Exception {
        Path home = tmp.resolve("home");
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("schedule.yml"), """
                timezone: Europe/London
                jobs:
                  - name: nightly-ingest
                    cron: "0 0 2 * * *"
                    run: inbox --quiet-seconds 0 --settle-seconds 5
                  - name: packs
                    cron: "0 0 6 * * MON-FRI"
                    working_day: 7
                    run: no-such-command steering --month {previous_month}
                  - name: deliver-packs
                    cron: "0 0 7 * * MON-FRI"
                    run: deliver --month {previous_month}
                """);
        InboxTest.drop(home.resolve("inbox"), "referral", "northern-shire-referrals.synthetic.csv");
        // 2026-12-09 is the 7th working day of December 2026 (a Wednesday): all three jobs are due
        Cli.Result r = Cli.run("run-nightly", "--home", home.toString(), "--jobs", jobs.toString(), "--date", "2026-12-09");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("== nightly-ingest: sightline inbox").contains("== packs: SKIPPED")
                .contains("== deliver-packs: sightline deliver --month 2026-11").contains("OK: 3 scheduled commands, 0 failed, 1 skipped");
        RunSummary s = RunSummary.recent(home, 10).stream().filter(x -> x.command().equals("run-nightly")).findFirst().orElseThrow();
        assertThat(s.tasks()).extracting(RunSummary.TaskRun::name).containsExactly("nightly-ingest", "packs", "deliver-packs");
        assertThat(s.tasks()).extracting(RunSummary.TaskRun::outcome).containsExactly("OK", "SKIPPED", "OK");
        assertThat(Receipt.all(home)).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo("LOADED"));

        // 2026-12-12 is a Saturday: only the nightly ingest
        Cli.Result sat = Cli.run("run-nightly", "--home", home.toString(), "--jobs", jobs.toString(), "--date", "2026-12-12");
        assertThat(sat.exit()).isZero();
        assertThat(sat.out()).contains("== nightly-ingest").doesNotContain("== packs").doesNotContain("== deliver-packs");
    }

    @Test
    void serveCommandRunsItsScheduleUntilItsTimeIsUp() throws Exception {
        Path home = tmp.resolve("home");
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("schedule.yml"), """
                timezone: UTC
                jobs:
                  - name: every-second
                    cron: "* * * * * *"
                    run: not-installed-yet
                """);
        Cli.Result r = Cli.run("serve", "--home", home.toString(), "--jobs", jobs.toString(), "--for", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("scheduled: every-second (* * * * * *): sightline not-installed-yet; next ")
                .contains("== every-second: SKIPPED (this Sightline has no 'not-installed-yet' command").contains("serve stopped after");
        // each scheduled command leaves a run summary for monitoring
        List<RunSummary> runs = RunSummary.recent(home, 100);
        assertThat(runs).isNotEmpty().allSatisfy(x -> {
            assertThat(x.command()).isEqualTo("scheduled-every-second");
            assertThat(x.tasks()).singleElement().satisfies(t -> assertThat(t.outcome()).isEqualTo("SKIPPED"));
        });
    }
}
