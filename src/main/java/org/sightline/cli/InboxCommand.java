package org.sightline.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sightline.contract.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.lake.Lake;
import org.sightline.ops.HomeLock;
import org.sightline.ops.InboxConfig;
import org.sightline.ops.Inboxes;
import org.sightline.ops.Receipt;
import org.sightline.ops.RunSummary;
import org.sightline.ops.Sites;
import org.sightline.query.LakeViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inbox", description = "One pass over the inbox folders (jobs/inboxes.yml): ingest every file that has stopped changing, "
        + "then move it to processed/YYYY-MM-DD/ or failed/ with its rejects report beside it.")
public final class InboxCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--wait", description = "Wait up to this many seconds if another process holds the home (default: 0, exit at once)")
    long waitSeconds;

    @Option(names = "--quiet-seconds", description = "Override the quiet period of jobs/inboxes.yml: a file is taken once unchanged for this long")
    Long quietSeconds;

    @Option(names = "--settle-seconds", description = "Override how long this pass waits for files still being written")
    Long settleSeconds;

    @Option(names = "--chunk-size", description = "Rows per committed chunk (default: ${DEFAULT-VALUE})", defaultValue = "20000")
    int chunkSize;

    @Override
    public Integer call() throws Exception {
        Map<String, Contract> contracts = common.contracts();
        IngestSettings settings = IngestSettings.defaults(common.home(), common.jobs()).withChunkSize(chunkSize);
        InboxConfig config = InboxConfig.load(common.jobs(), common.home());
        if (quietSeconds != null || settleSeconds != null) {
            config = config.withTimings(quietSeconds == null ? config.quiet() : Duration.ofSeconds(quietSeconds),
                    settleSeconds == null ? config.settleTimeout() : Duration.ofSeconds(settleSeconds));
        }
        Inboxes inboxes = new Inboxes(config, Sites.load(common.jobs()), Clock.systemDefaultZone());
        try (HomeLock lock = HomeLock.acquire(common.home(), Duration.ofSeconds(waitSeconds));
             ConfigurableApplicationContext ctx = Batch.start(common)) {
            Instant started = Instant.now();
            Inboxes.PassResult r = inboxes.run(ctx.getBean(IngestService.class), settings, contracts);
            Lake lake = new Lake(settings.home());
            LakeViews.write(lake, contracts);
            long loaded = 0, rejected = 0, failed = 0, already = 0, ok = 0, forReference = 0;
            for (var res : r.results()) {
                if (res.detail() != null && res.detail().startsWith("resumed")) System.out.println(res.line() + " (" + res.detail() + ")");
            }
            for (Receipt rc : r.receipts()) {
                long l = rc.units().stream().mapToLong(Receipt.Unit::loaded).sum();
                long j = rc.units().stream().mapToLong(Receipt.Unit::rejected).sum();
                loaded += l;
                rejected += j;
                switch (rc.outcome()) {
                    case "FAILED" -> failed++;
                    case "ALREADY_LOADED" -> already++;
                    case FileResult.WAITING -> forReference++;
                    default -> ok++;
                }
                System.out.printf("%-14s %s/%s%s -> %s: %d rows loaded, %d rejected%n", rc.outcome(), rc.inbox(), rc.file(),
                        rc.site() == null ? "" : " (" + rc.site() + ")", rc.movedTo(), l, j);
                for (Receipt.Unit u : rc.units()) {
                    if ("FAILED".equals(u.outcome()) || FileResult.WAITING.equals(u.outcome())) {
                        System.out.println("               " + (u.sheet() == null ? "" : "[" + u.sheet() + "] ") + u.message());
                    }
                }
            }
            for (Inboxes.Waiting w : r.waiting()) System.out.println("WAITING        " + w.inbox() + "/" + w.file() + ": " + w.reason());
            for (String w : r.warnings()) System.out.println("WARNING        " + w);
            boolean good = failed == 0 && r.results().stream().noneMatch(x -> x.failed() && x.detail() != null && x.detail().startsWith("resumed"));
            String line = (good ? "OK" : "FAILED") + ": " + r.receipts().size() + " files taken from the inboxes (" + ok + " loaded, "
                    + already + " already loaded, " + failed + " failed" + (forReference > 0 ? ", " + forReference + " waiting for reference data and left in the inbox" : "")
                    + "), " + r.waiting().size() + " still being written; "
                    + loaded + " rows loaded, " + rejected + " rows rejected";
            RunSummary summary = new RunSummary("inbox", started.toString(), Instant.now().toString(), Lake.snapshotId(lake.read()), good,
                    line, r.results(), r.receipts(), r.waiting(), null, null);
            summary.write(settings.home());
            System.out.println(line);
            LOG.info("run command=inbox files={} loaded_files={} already={} failed={} waiting={} rows_loaded={} rows_rejected={}",
                    r.receipts().size(), ok, already, failed, r.waiting().size(), loaded, rejected);
            return good ? Main.OK : Main.FILES_FAILED;
        }
    }
}
