package org.sightline.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;

import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.lake.Lake;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.sightline.contract.Contract;

/**
 * The generic ingest job, one execution per unit (file × sheet × dataset):
 * {@code load} (read → parse/validate/pseudonymise → staged Parquet, chunk by chunk, restartable)
 * then {@code publish} (accept or refuse the file; atomic publish; rejects report). Within a chunk the
 * blocks of rows are processed on all cores, ahead of the step ({@link SourceBlockReader}), and the
 * partitions' parts written in parallel; the order-dependent work (duplicates, counts) stays in file
 * order in the writer.
 */
@Component
public class IngestJobConfiguration {

    public static final String JOB = "ingest";
    public static final String LOAD_STEP = "load";
    public static final String PUBLISH_STEP = "publish";
    /** Job parameter: the absolute path of the home the job writes to. */
    public static final String HOME = "home";
    static final String DATASET = "dataset";
    static final String SOURCE_SHA = "source.sha256";
    static final String SHEET = "sheet";
    static final String CONTRACT_SHA = "contract.sha256";
    static final String FILE = "file";
    static final String RUN_ID = "run.id";
    static final String STARTED_AT = "started.at";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    /** Process blocks ahead of the step and write a chunk's partitions, one thread per core (daemon threads). */
    private final ExecutorService workers;
    private final AsyncTaskExecutor executor;

    public IngestJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.workers = IngestPipeline.newWorkers();
        this.executor = new TaskExecutorAdapter(workers);
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
    }

    public Job job(IngestUnit unit, IngestSettings runSettings) throws java.io.IOException {
        IngestPipeline pipeline = IngestPipeline.of(unit, runSettings, Pseudonymiser.forHome(runSettings.home()));
        Lake lake = new Lake(pipeline.settings().home());
        Step load = new StepBuilder(LOAD_STEP, jobRepository)
                .<ProcessedBlock, ProcessedBlock>chunk(pipeline.blocksPerChunk())
                .transactionManager(transactionManager)
                .reader(pipeline.reader(workers))
                // the processor runs inside the reader; as a stream it still opens with the step (the hook's first pass)
                .stream(pipeline.processor())
                .writer(pipeline.writer(lake, executor))
                .build();
        Step publish = new StepBuilder(PUBLISH_STEP, jobRepository)
                .tasklet(new PublishTasklet(unit, lake, rejectsFile(pipeline.settings().home(), unit), jobRepository), transactionManager)
                .build();
        return new JobBuilder(JOB, jobRepository).start(load).next(publish).build();
    }

    /**
     * Identifying parameters make a unit's job instance: home, dataset, file content, sheet, contract.
     * The home is part of the identity so that several homes can share one job repository (one
     * PostgreSQL database) without one home's history blocking, or resuming into, another.
     */
    public static JobParameters parameters(IngestUnit unit, Path home) {
        return new JobParametersBuilder()
                .addString(HOME, home.toAbsolutePath().normalize().toString())
                .addString(DATASET, unit.contract().dataset())
                .addString(SOURCE_SHA, unit.fingerprint().sha256())
                .addString(SHEET, unit.sheet() == null ? "" : unit.sheet())
                .addString(CONTRACT_SHA, unit.contractSha())
                .addString(FILE, unit.file().toAbsolutePath().toString(), false)
                .addString(RUN_ID, unit.runId(), false)
                .addString(STARTED_AT, unit.startedAt().toString(), false)
                .toJobParameters();
    }

    /** The sheet a job's parameters name, or null for a file without sheets. */
    static String sheet(JobParameters p) {
        String sheet = p.getString(SHEET);
        return sheet == null || sheet.isEmpty() ? null : sheet;
    }

    /**
     * The unit a job's parameters describe (the inverse of {@link #parameters}), to restart it: its
     * header is matched again in the file, which the caller has checked is the same file ({@code fp}) and
     * whose contract is the same ({@code contract}).
     */
    static IngestUnit unit(JobParameters p, Contract contract, Fingerprint fp, int maxCellLength) throws java.io.IOException {
        Path file = Path.of(p.getString(FILE));
        String sheet = sheet(p);
        HeaderMap header;
        try (SourceFile src = SourceFiles.open(file, fp, maxCellLength)) {
            header = new HeaderMatcher(contract).match(DatasetDetector.leadingRows(src, sheet));
        }
        return new IngestUnit(file, fp, sheet, contract, header, p.getString(CONTRACT_SHA), p.getString(RUN_ID),
                Instant.parse(p.getString(STARTED_AT)));
    }

    public static Path rejectsFile(Path home, IngestUnit unit) {
        return rejectsFile(home, unit.contract().dataset(), unit.fileName(), unit.sheet(), unit.fingerprint().sha256());
    }

    /**
     * Where the rejects report of one file (and sheet) of a dataset is written. The name is made safe
     * (letters, digits, {@code . _ -}) and short enough for any file system (a file name may already be
     * 255 bytes); a sheet name the making-safe changed gets a short hash of its own, so that sheets
     * {@code Referrals 1} and {@code Referrals_1} do not share one report.
     */
    public static Path rejectsFile(Path home, String dataset, String fileName, String sheetName, String sha256) {
        String stem = fileName.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (stem.length() > 100) stem = stem.substring(0, 100);
        String sheet = "";
        if (sheetName != null && !sheetName.isEmpty()) {
            String safe = sheetName.replaceAll("[^A-Za-z0-9._-]+", "_");
            if (safe.length() > 60) safe = safe.substring(0, 60);
            if (!safe.equals(sheetName)) safe += "-" + Integer.toHexString(sheetName.hashCode() & 0xfffff);
            sheet = "__" + safe;
        }
        return home.resolve("rejects").resolve(dataset)
                .resolve(stem + sheet + "-" + sha256.substring(0, 8) + ".rejects.csv");
    }
}
