package org.sightline.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.sightline.ops.OpsLogging;
import org.sightline.ops.RunSummary;
import org.sightline.ops.Schedule;
import org.sightline.ops.Scheduler;
import org.sightline.ops.WorkingDays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the schedule of jobs/schedule.yml until stopped (Ctrl-C or SIGTERM lets the running command finish).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds (default: run until stopped)")
    Long forSeconds;

    @Override
    public Integer call() throws Exception {
        OpsLogging.init(common.home());
        Schedule schedule = Schedule.load(common.jobs());
        Scheduler scheduler = scheduler(common, schedule);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            scheduler.stop();
            try {
                done.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sightline-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<RunSummary.TaskRun> tasks = scheduler.serve(forSeconds == null ? null : Duration.ofSeconds(forSeconds));
            System.out.println("serve stopped after " + tasks.size() + " scheduled commands");
            return Main.OK;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    static Scheduler scheduler(CommonOptions common, Schedule schedule) {
        return new Scheduler(common.home(), schedule, WorkingDays.load(common.jobs()),
                args -> {
                    Instant started = Instant.now();
                    int exit = Main.execute(args.toArray(String[]::new));
                    return exit;
                },
                Main.commandNames(), common.passOn(), Clock.systemDefaultZone(), System.out::println);
    }
}
