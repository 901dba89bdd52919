package org.sightline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sightline.ingest.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.lake.Lake;
import org.sightline.ops.HomeLock;
import org.sightline.ops.RunSummary;
import org.sightline.query.LakeViews;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", description = "Ingest files or folders into the lake.")
public final class IngestCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", description = "The dataset the files hold (default: detected from each sheet's header)")
    String dataset;

    @Option(names = "--wait", description = "Wait up to this many seconds if another process holds the home (default: 0, exit at once)")
    long waitSeconds;

    @Option(names = "--chunk-size", description = "Rows per committed chunk (default: ${DEFAULT-VALUE})", defaultValue = "20000")
    int chunkSize;

    @Option(names = "--max-file-mb", description = "Refuse files larger than this (default: ${DEFAULT-VALUE}; a contract may set its own)", defaultValue = "2048")
    long maxFileMb;

    @Option(names = "--max-rows", description = "Refuse a sheet with more data rows than this (default: ${DEFAULT-VALUE})", defaultValue = "20000000")
    long maxRows;

    @Option(names = "--max-cell-length", description = "Refuse a file with a longer cell (default: ${DEFAULT-VALUE} characters)", defaultValue = "32767")
    int maxCellLength;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        Map<String, Contract> contracts = common.contracts();
        IngestSettings settings = IngestSettings.defaults(common.home(), common.jobs()).withChunkSize(chunkSize)
                .withLimits(maxFileMb * 1024 * 1024, maxRows, maxCellLength);
        try (HomeLock lock = HomeLock.acquire(common.home(), Duration.ofSeconds(waitSeconds));
             ConfigurableApplicationContext ctx = Batch.start(common)) {
            return run(ctx, settings, contracts, paths, dataset, "ingest");
        }
    }

    static int run(ConfigurableApplicationContext ctx, IngestSettings settings, Map<String, Contract> contracts,
                   List<Path> paths, String dataset, String command) throws Exception {
        Instant started = Instant.now();
        List<FileResult> results = ctx.getBean(IngestService.class).ingest(settings, contracts, paths, dataset);
        Lake lake = new Lake(settings.home());
        LakeViews.write(lake, contracts);
        for (FileResult r : results) {
            System.out.println(r.line());
            if (r.detail() != null && r.detail().startsWith("resumed")) System.out.println("               " + r.detail() + " (from its last committed chunk)");
            if (r.rejectsReport() != null) System.out.println("               rejects: " + r.rejectsReport());
        }
        RunSummary summary = RunSummary.of(command, started, Lake.snapshotId(lake.read()), results);
        summary.write(settings.home());
        System.out.println(summary.summary());
        LOG.info("run command={} units={} snapshot={} summary=\"{}\"", command, results.size(), summary.snapshot(), summary.summary());
        return summary.ok() ? Main.OK : Main.FILES_FAILED;
    }
}
