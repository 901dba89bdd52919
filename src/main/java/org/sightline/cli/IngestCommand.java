package org.sightline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sightline.contract.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.lake.Lake;
import org.sightline.ops.HomeLock;
import org.sightline.ops.Receipt;
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

    @Option(names = "--new-key", description = "Accept the home's present pseudonymisation key (a new one when it is missing) although the lake was "
            + "written with another: pseudonyms from now on will not join the lake's existing ones (SECURITY.md). Restore the old key instead if you can.")
    boolean newKey;

    @Option(names = "--chunk-size", description = "Rows per committed chunk (default: ${DEFAULT-VALUE})", defaultValue = "20000")
    int chunkSize;

    @Option(names = "--max-file-mb", description = "Refuse files larger than this (default: ${DEFAULT-VALUE}; a contract may set its own)", defaultValue = "2048")
    long maxFileMb;

    @Option(names = "--max-rows", description = "Refuse a sheet with more data rows than this (default: ${DEFAULT-VALUE})", defaultValue = "20000000")
    long maxRows;

    @Option(names = "--max-cell-length", description = "Refuse a file with a longer cell (default: ${DEFAULT-VALUE} characters)", defaultValue = "32767")
    int maxCellLength;

    @Option(names = "--received-on", paramLabel = "YYYY-MM-DD", description = "When these files arrived, for loading files received"
            + " earlier (e.g. a shared drive's history): the day sightline status and the data-quality page judge their returns by"
            + " (default: now, when they are published)")
    java.time.LocalDate receivedOn;

    @Option(names = "--replace", description = "Let a replace load remove more than half of the rows it replaces, or columns"
            + " the published data has that the file lacks (refused without it, with the numbers)")
    boolean replace;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        if (receivedOn != null && receivedOn.isAfter(java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")))) {
            System.err.println("sightline ingest: --received-on " + receivedOn + " is in the future; give the day the files arrived");
            return Main.USAGE;
        }
        Map<String, Contract> contracts = common.contracts();
        CommonOptions.checkDataset(dataset, contracts);
        IngestSettings settings = IngestSettings.defaults(common.home(), common.jobs()).withChunkSize(chunkSize)
                .withLimits(maxFileMb * 1024 * 1024, maxRows, maxCellLength).withAllowReplace(replace);
        try (HomeLock lock = HomeLock.acquire(common.home(), Duration.ofSeconds(waitSeconds));
             ConfigurableApplicationContext ctx = Batch.start(common)) {
            if (newKey) org.sightline.ingest.Pseudonymiser.checkLakeKey(new Lake(common.home()), true);
            return run(ctx, settings, contracts, paths, dataset, "ingest", receivedOn == null ? null : arrivalOn(receivedOn));
        }
    }

    static int run(ConfigurableApplicationContext ctx, IngestSettings settings, Map<String, Contract> contracts,
                   List<Path> paths, String dataset, String command) throws Exception {
        return run(ctx, settings, contracts, paths, dataset, command, null);
    }

    /**
     * @param receivedAt when the files arrived, when that was before now (back-loading): recorded as an
     *                   arrival receipt per file, which expected submissions are judged by; null: the
     *                   publish time is the arrival
     */
    static int run(ConfigurableApplicationContext ctx, IngestSettings settings, Map<String, Contract> contracts,
                   List<Path> paths, String dataset, String command, Instant receivedAt) throws Exception {
        Instant started = Instant.now();
        IngestService.Run run = ctx.getBean(IngestService.class).ingestFiles(settings, contracts, paths, dataset);
        List<FileResult> results = run.results();
        if (receivedAt != null) recordArrivals(settings.home(), run.files(), receivedAt, started, command);
        Lake lake = new Lake(settings.home());
        LakeViews.write(lake, contracts);
        for (FileResult r : results) {
            System.out.println(r.line());
            if (r.detail() != null && r.detail().startsWith("resumed")) System.out.println("               " + r.detail() + " (from its last committed chunk)");
            if (r.rejectsReport() != null) System.out.println("               rejects: " + r.rejectsReport());
            if (r.ignored() != null) for (String i : r.ignored()) System.out.println("               " + i);
        }
        RunSummary summary = RunSummary.of(command, started, Lake.snapshotId(lake.read()), results);
        summary.write(settings.home());
        System.out.println(summary.summary());
        LOG.info("run command={} units={} snapshot={} summary=\"{}\"", command, results.size(), summary.snapshot(), summary.summary());
        return summary.ok() ? Main.OK : Main.FILES_FAILED;
    }

    /** Noon in London on the day given: an arrival on that day, whatever the machine's time zone. */
    static Instant arrivalOn(java.time.LocalDate day) {
        return day.atTime(12, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
    }

    /** One receipt per file read (as an inbox pass writes), saying it arrived at {@code receivedAt}. */
    static void recordArrivals(Path home, List<IngestService.IngestedFile> files, Instant receivedAt, Instant takenAt,
                               String command) throws java.io.IOException {
        for (IngestService.IngestedFile f : files) {
            if (f.fingerprint() == null || f.results().isEmpty()) continue;   // not read: nothing of it can have arrived
            List<Receipt.Unit> units = new java.util.ArrayList<>();
            for (FileResult r : f.results()) units.add(new Receipt.Unit(r.dataset(), r.sheet(), r.outcome(), r.loaded(), r.rejected(), r.message()));
            boolean failed = f.results().stream().anyMatch(FileResult::failed);
            new Receipt(takenAt.toString(), receivedAt.toString(), command + " --received-on", null, f.file().getFileName().toString(),
                    f.fingerprint().sha256(), f.fingerprint().size(), failed ? "FAILED" : "LOADED", units, null, null, null).append(home);
        }
    }
}
