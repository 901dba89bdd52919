package org.sightline.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.sightline.lake.Lake;
import org.sightline.ops.HomeLock;
import org.sightline.ops.OpsLogging;
import org.sightline.ops.RunSummary;
import org.sightline.ops.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run-nightly", description = "One pass of the schedule for system cron or a systemd timer: every job of jobs/schedule.yml "
        + "due today (the nightly ingest; the packs on their working day; delivery), once, in order, holding the home throughout.")
public final class RunNightlyCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunNightlyCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--wait", description = "Wait up to this many seconds if another process holds the home (default: 0, exit at once)")
    long waitSeconds;

    @Option(names = "--date", description = "Run the jobs due on this date instead of today, YYYY-MM-DD (to catch up a missed night)")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        OpsLogging.init(common.home());
        Schedule schedule = Schedule.load(common.jobs());
        LocalDate day = date != null ? date : LocalDate.now(schedule.zone());
        try (HomeLock lock = HomeLock.acquire(common.home(), Duration.ofSeconds(waitSeconds))) {
            Instant started = Instant.now();
            List<RunSummary.TaskRun> tasks = ServeCommand.scheduler(common, schedule).runDueOn(day);
            RunSummary summary = RunSummary.ofTasks("run-nightly", started, Lake.snapshotId(new Lake(common.home()).read()), tasks);
            summary.write(common.home());
            System.out.println(summary.summary());
            LOG.info("run command=run-nightly date={} tasks={} summary=\"{}\"", day, tasks.size(), summary.summary());
            int worst = Main.OK;
            for (RunSummary.TaskRun t : tasks) {
                int code = switch (t.outcome()) {
                    case "OK", "SKIPPED" -> Main.OK;
                    case "FILES_FAILED" -> Main.FILES_FAILED;
                    case "LOCKED" -> Main.LOCKED;
                    default -> Main.ERROR;
                };
                worst = Math.max(worst, code);
            }
            return worst;
        }
    }
}
