package org.sightline.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import org.sightline.ops.Delivery;
import org.sightline.ops.HomeLock;
import org.sightline.ops.OpsLogging;
import org.sightline.ops.RunSummary;
import org.sightline.ops.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deliver", description = "Deliver the monthly packs in <home>/reports/YYYY-MM/ to the recipient groups of jobs/delivery.yml "
        + "(outbox folders, and email when configured); failed deliveries are retried by every later run.")
public final class DeliverCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--month", description = "The month whose packs to deliver, YYYY-MM (default: last month, and any month with a failed delivery)")
    YearMonth month;

    @Option(names = "--wait", description = "Wait up to this many seconds if another process holds the home (default: 0, exit at once)")
    long waitSeconds;

    @Override
    public Integer call() throws Exception {
        OpsLogging.init(common.home());
        Delivery delivery = new Delivery(common.home(), Delivery.load(common.jobs(), common.home()), Clock.systemUTC());
        try (HomeLock lock = HomeLock.acquire(common.home(), Duration.ofSeconds(waitSeconds))) {
            Instant started = Instant.now();
            List<YearMonth> months = month != null ? List.of(month)
                    : delivery.defaultMonths(LocalDate.now(Schedule.load(common.jobs()).zone()));
            List<Delivery.Attempt> attempts = delivery.deliver(months);
            for (Delivery.Attempt a : attempts) System.out.println(a.line());
            if (attempts.isEmpty()) {
                System.out.println("nothing to deliver for " + months.stream().map(YearMonth::toString).reduce((x, y) -> x + ", " + y).orElse("-")
                        + " (no new packs in " + common.home().resolve("reports") + ")");
            }
            RunSummary summary = RunSummary.ofDeliveries(started, attempts);
            summary.write(common.home());
            System.out.println(summary.summary());
            LOG.info("run command=deliver attempts={} failed={}", attempts.size(), attempts.stream().filter(a -> !a.delivered()).count());
            return summary.ok() ? Main.OK : Main.FILES_FAILED;
        }
    }
}
