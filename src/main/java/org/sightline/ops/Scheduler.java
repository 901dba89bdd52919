package org.sightline.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedule of {@code jobs/schedule.yml}: {@link #serve} as a long-running process
 * ({@code sightline serve}), {@link #runDueOn} as one pass for system cron or a systemd timer
 * ({@code sightline run-nightly}).
 *
 * <p>Each entry runs as the Sightline command it names, in this process, one at a time, holding the
 * home's lock (waiting for it up to the entry's {@code wait_seconds} when someone else is writing).
 * An entry whose command this Sightline does not have is skipped with a warning (a schedule may name
 * the report commands before they are installed). When {@code serve} starts it runs, once, any entry
 * whose last scheduled time passed while it was down (machine off at 02:00), and an ingest that a
 * crash interrupted is resumed by the next ingest the schedule runs.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Commands a schedule may not run (they run schedules themselves). */
    public static final Set<String> NOT_SCHEDULABLE = Set.of("serve", "run-nightly");

    /** Runs one Sightline command line; returns its exit code. */
    public interface Runner {
        int run(List<String> args);
    }

    private final Path home;
    private final Schedule schedule;
    private final WorkingDays days;
    private final Runner runner;
    private final Set<String> commands;
    private final List<String> commonArgs;
    private final Clock clock;
    private final Consumer<String> console;
    private volatile boolean stopping;
    private final Object wake = new Object();

    /**
     * @param commands   the top-level commands this Sightline has
     * @param commonArgs appended to every command ({@code --home}, {@code --jobs}, database options)
     * @param console    where progress lines go (stdout for the CLI)
     */
    public Scheduler(Path home, Schedule schedule, WorkingDays days, Runner runner, Set<String> commands,
                     List<String> commonArgs, Clock clock, Consumer<String> console) {
        this.home = home;
        this.schedule = schedule;
        this.days = days;
        this.runner = runner;
        this.commands = commands;
        this.commonArgs = commonArgs;
        this.clock = clock.withZone(schedule.zone());
        this.console = console;
        for (Schedule.Entry e : schedule.entries()) {
            if (NOT_SCHEDULABLE.contains(e.command().get(0))) {
                throw new ConfigException(schedule.file(), "job '" + e.name() + "' may not run '" + e.command().get(0) + "'");
            }
        }
    }

    /** Runs one entry now, for the given run date (placeholders), under the home's lock. */
    public RunSummary.TaskRun run(Schedule.Entry e, LocalDate runDate) {
        List<String> cmd = e.commandFor(runDate);
        String line = String.join(" ", cmd);
        Instant started = clock.instant();
        int exit;
        String outcome;
        String message = null;
        if (!commands.contains(cmd.get(0))) {
            exit = 0;
            outcome = "SKIPPED";
            message = "this Sightline has no '" + cmd.get(0) + "' command; the entry is skipped until it has";
            LOG.warn("task={} {}", e.name(), message);
        } else {
            console.accept("== " + e.name() + ": sightline " + line);
            try (HomeLock lock = HomeLock.acquire(home, Duration.ofSeconds(e.waitSeconds()))) {
                List<String> args = new ArrayList<>(cmd);
                args.addAll(commonArgs);
                exit = runner.run(args);
            } catch (HomeLock.LockedException ex) {
                exit = 3;
                message = ex.getMessage();
            } catch (IOException | RuntimeException ex) {
                exit = 4;
                message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            }
            outcome = switch (exit) {
                case 0 -> "OK";
                case 1 -> "FILES_FAILED";
                case 2 -> "ERROR";
                case 3 -> "LOCKED";
                default -> "ERROR";
            };
            if (exit == 2) message = "the command line is not valid for this Sightline (see the output above)";
        }
        Instant finished = clock.instant();
        LOG.info("task={} command=\"{}\" exit={} outcome={} seconds={}", e.name(), line, exit, outcome,
                Duration.between(started, finished).toSeconds());
        if (!"SKIPPED".equals(outcome)) console.accept("== " + e.name() + ": " + outcome + (message == null ? "" : " (" + message + ")"));
        else console.accept("== " + e.name() + ": SKIPPED (" + message + ")");
        return new RunSummary.TaskRun(e.name(), line, started.toString(), finished.toString(), exit, outcome, message);
    }

    /** {@code run-nightly}: every entry that is scheduled on this date, once, in schedule order. */
    public List<RunSummary.TaskRun> runDueOn(LocalDate date) throws IOException {
        List<RunSummary.TaskRun> out = new ArrayList<>();
        for (Schedule.Entry e : schedule.entries()) {
            if (!e.firesOn(date, schedule.zone(), days)) continue;
            out.add(run(e, date));
            remember(e, ZonedDateTime.now(clock));
        }
        return out;
    }

    /** Asks {@link #serve} to stop after the command it is running. */
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * Runs the schedule until {@link #stop} (or for {@code runFor}, when given). Holds
     * {@code <home>/.serve.lock} meanwhile: one {@code serve} per home.
     */
    public List<RunSummary.TaskRun> serve(Duration runFor) throws IOException {
        Files.createDirectories(home);
        try (FileChannel ch = FileChannel.open(home.resolve(".serve.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) throw new HomeLock.LockedException("sightline serve is already running for " + home);
            return loop(runFor);
        }
    }

    private List<RunSummary.TaskRun> loop(Duration runFor) throws IOException {
        List<RunSummary.TaskRun> done = new ArrayList<>();
        Instant end = runFor == null ? null : clock.instant().plus(runFor);
        ZonedDateTime now = ZonedDateTime.now(clock);
        Map<String, String> state = state();
        for (Schedule.Entry e : schedule.entries()) {
            if (!e.catchUp() || !state.containsKey(e.name())) continue;
            ZonedDateTime missed = lastMissed(e, ZonedDateTime.parse(state.get(e.name())), now);
            if (missed == null) continue;
            console.accept("== " + e.name() + " was due at " + schedule.local(missed) + " while Sightline was not running: running it now");
            LOG.info("task={} catch_up_for={}", e.name(), missed);
            RunSummary.TaskRun task = run(e, missed.toLocalDate());
            done.add(task);
            remember(e, missed);
            RunSummary.ofTasks("scheduled-" + e.name(), Instant.parse(task.startedAt()), null, List.of(task)).write(home);
        }
        Map<Schedule.Entry, ZonedDateTime> next = new LinkedHashMap<>();
        for (Schedule.Entry e : schedule.entries()) next.put(e, e.next(ZonedDateTime.now(clock), days));
        for (Map.Entry<Schedule.Entry, ZonedDateTime> n : next.entrySet()) {
            console.accept("scheduled: " + n.getKey().name() + " (" + n.getKey().cron()
                    + (n.getKey().workingDay() == null ? "" : ", working day " + n.getKey().workingDay()) + "): sightline "
                    + String.join(" ", n.getKey().command()) + "; next " + (n.getValue() == null ? "never" : schedule.local(n.getValue())));
        }
        LOG.info("serve started home={} jobs={}", home, schedule.entries().size());
        while (!stopping) {
            ZonedDateTime first = next.values().stream().filter(java.util.Objects::nonNull).min(ZonedDateTime::compareTo).orElse(null);
            Instant until = first == null ? end : first.toInstant();
            if (end != null && until != null && end.isBefore(until)) until = end;
            if (until == null) break;
            waitUntil(until);
            if (stopping || end != null && !clock.instant().isBefore(end)) break;
            for (Schedule.Entry e : schedule.entries()) {
                ZonedDateTime t = next.get(e);
                if (t == null || t.toInstant().isAfter(clock.instant())) continue;
                if (stopping) break;
                RunSummary.TaskRun task = run(e, t.toLocalDate());
                done.add(task);
                remember(e, t);
                RunSummary.ofTasks("scheduled-" + e.name(), Instant.parse(task.startedAt()), null, List.of(task)).write(home);
                ZonedDateTime after = ZonedDateTime.now(clock);
                ZonedDateTime n = e.next(after.isAfter(t) ? after : t, days);
                next.put(e, n);
            }
        }
        LOG.info("serve stopped home={} tasks_run={}", home, done.size());
        return done;
    }

    private void waitUntil(Instant t) {
        synchronized (wake) {
            while (!stopping) {
                long ms = Duration.between(clock.instant(), t).toMillis();
                if (ms <= 0) return;
                try {
                    wake.wait(Math.min(ms, 60_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                    return;
                }
            }
        }
    }

    /** The latest time an entry was due after {@code last} and up to {@code now} (within a week); null when none. */
    static ZonedDateTime lastMissed(Schedule.Entry e, ZonedDateTime last, ZonedDateTime now, WorkingDays days) {
        ZonedDateTime from = last.isBefore(now.minusDays(7)) ? now.minusDays(7) : last;
        ZonedDateTime t = from;
        ZonedDateTime found = null;
        for (int i = 0; i < 10_000; i++) {
            t = e.next(t, days);
            if (t == null || t.isAfter(now)) return found;
            found = t;
        }
        return null;   // fires too often to be worth catching up: it will run again soon
    }

    private ZonedDateTime lastMissed(Schedule.Entry e, ZonedDateTime last, ZonedDateTime now) {
        return lastMissed(e, last, now, days);
    }

    private Path stateFile() {
        return home.resolve("ops").resolve("schedule-state.json");
    }

    /** Entry name -> when it last ran (its scheduled time). */
    public Map<String, String> state() throws IOException {
        Path f = stateFile();
        if (!Files.exists(f)) return new TreeMap<>();
        try {
            return new TreeMap<>(JSON.readValue(f.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            return new TreeMap<>();
        }
    }

    private synchronized void remember(Schedule.Entry e, ZonedDateTime t) throws IOException {
        Map<String, String> s = state();
        s.put(e.name(), t.toString());
        Path f = stateFile();
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), s);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
