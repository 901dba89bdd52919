package org.sightline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Working days, the schedule file and when its entries fire (dates worked out by hand from a calendar). */
class ScheduleTest {

    static final Path JOBS = Path.of("jobs");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path tmp;

    @Test
    void workingDaysSkipWeekendsAndBankHolidays() {
        WorkingDays days = WorkingDays.load(JOBS);
        // January 2026: Thu 1st is New Year's Day; Fri 2nd, Mon 5th, Tue 6th, Wed 7th, Thu 8th
        assertThat(days.nth(YearMonth.of(2026, 1), 1)).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(days.nth(YearMonth.of(2026, 1), 5)).isEqualTo(LocalDate.of(2026, 1, 8));
        // December 2026: Tue 1st ... Wed 9th is the 7th
        assertThat(days.nth(YearMonth.of(2026, 12), 7)).isEqualTo(LocalDate.of(2026, 12, 9));
        // April 2026: Wed 1st, Thu 2nd; Good Friday 3rd and Easter Monday 6th are holidays; Tue 7th is the 3rd
        assertThat(days.nth(YearMonth.of(2026, 4), 3)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(days.index(LocalDate.of(2026, 4, 8))).isEqualTo(4);
        assertThat(days.index(LocalDate.of(2026, 4, 6))).isZero();
        assertThat(days.index(LocalDate.of(2026, 11, 22))).as("a Sunday").isZero();
        // without holidays the 1st of January 2026 is the first working day
        assertThat(new WorkingDays(Set.of()).nth(YearMonth.of(2026, 1), 1)).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void theDefaultScheduleIngestsNightlyAndBuildsPacksOnTheSeventhWorkingDay() {
        Schedule s = Schedule.load(JOBS);
        WorkingDays days = WorkingDays.load(JOBS);
        assertThat(s.zone()).isEqualTo(LONDON);
        assertThat(s.entries()).extracting(Schedule.Entry::name).containsExactly("nightly-ingest", "steering-packs", "site-comparison", "deliver-packs");
        ZonedDateTime sundayNight = ZonedDateTime.of(2026, 11, 22, 1, 0, 0, 0, LONDON);
        assertThat(s.entry("nightly-ingest").next(sundayNight, days)).isEqualTo(ZonedDateTime.of(2026, 11, 22, 2, 0, 0, 0, LONDON));
        assertThat(s.entry("steering-packs").next(sundayNight, days)).isEqualTo(ZonedDateTime.of(2026, 12, 9, 6, 0, 0, 0, LONDON));
        assertThat(s.entry("steering-packs").commandFor(LocalDate.of(2026, 12, 9)))
                .containsExactly("report", "steering", "--all-sites", "--month", "2026-11");
        assertThat(s.entry("steering-packs").firesOn(LocalDate.of(2026, 12, 9), LONDON, days)).isTrue();
        assertThat(s.entry("steering-packs").firesOn(LocalDate.of(2026, 12, 10), LONDON, days)).isFalse();
        assertThat(s.entry("deliver-packs").firesOn(LocalDate.of(2026, 12, 12), LONDON, days)).as("Saturday").isFalse();
        // January 2027: Fri 1st is a holiday; Mon 4th is the 1st working day, so the 7th is Tue 12th
        assertThat(s.entry("steering-packs").next(ZonedDateTime.of(2026, 12, 10, 0, 0, 0, 0, LONDON), days))
                .isEqualTo(ZonedDateTime.of(2027, 1, 12, 6, 0, 0, 0, LONDON));
    }

    @Test
    void aMissedRunIsFoundForCatchingUp() {
        Schedule s = Schedule.load(JOBS);
        WorkingDays days = WorkingDays.load(JOBS);
        Schedule.Entry nightly = s.entry("nightly-ingest");
        ZonedDateTime lastRun = ZonedDateTime.of(2026, 11, 20, 2, 0, 0, 0, LONDON);
        // off from Friday 03:00 to Sunday 09:00: Saturday's and Sunday's 02:00 were missed; the latest is caught up
        assertThat(Scheduler.lastMissed(nightly, lastRun, ZonedDateTime.of(2026, 11, 22, 9, 0, 0, 0, LONDON), days))
                .isEqualTo(ZonedDateTime.of(2026, 11, 22, 2, 0, 0, 0, LONDON));
        assertThat(Scheduler.lastMissed(nightly, lastRun, ZonedDateTime.of(2026, 11, 21, 1, 0, 0, 0, LONDON), days)).isNull();
    }

    @Test
    void commandLinesKeepQuotedArguments() {
        assertThat(Schedule.split("report steering --title 'Monthly pack' --month {month}"))
                .containsExactly("report", "steering", "--title", "Monthly pack", "--month", "{month}");
        assertThat(Schedule.split("  inbox  ")).containsExactly("inbox");
    }

    @Test
    void mistakesInTheScheduleNameTheFile() throws Exception {
        Files.writeString(tmp.resolve("schedule.yml"), "jobs:\n  - name: x\n    cron: \"0 2 * *\"\n    run: inbox\n");
        assertThatThrownBy(() -> Schedule.load(tmp)).hasMessageContaining("schedule.yml").hasMessageContaining("not a cron expression");
        Files.writeString(tmp.resolve("schedule.yml"), "jobs:\n  - name: x\n    cron: \"0 0 2 * * *\"\n");
        assertThatThrownBy(() -> Schedule.load(tmp)).hasMessageContaining("nothing to run");
        Files.writeString(tmp.resolve("schedule.yml"), "jobs:\n  - name: x\n    cron: \"0 0 2 * * *\"\n    run: run-nightly\n");
        Schedule s = Schedule.load(tmp);
        assertThatThrownBy(() -> new Scheduler(tmp, s, new WorkingDays(Set.of()), a -> 0, Set.of("run-nightly"), List.of(),
                java.time.Clock.systemUTC(), x -> { })).hasMessageContaining("may not run 'run-nightly'");
    }

    @Test
    void withoutAScheduleFileTheDefaultsApply() {
        Schedule s = Schedule.load(tmp);
        assertThat(s.entries()).extracting(Schedule.Entry::name).containsExactly("nightly-ingest", "steering-packs", "site-comparison", "deliver-packs");
    }
}
