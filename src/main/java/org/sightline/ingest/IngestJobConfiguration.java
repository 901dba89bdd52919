package org.sightline.ingest;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
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
import org.sightline.contract.ValueParser;

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

    /** Rows per item of the load step: a block is processed on one thread, blocks on several at once. */
    static final int BLOCK_ROWS = 500;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    /** Process blocks ahead of the step and write a chunk's partitions, one thread per core (daemon threads). */
    private final ExecutorService workers;
    private final AsyncTaskExecutor executor;

    public IngestJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor = new TaskExecutorAdapter(workers);
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
    }

    public Job job(IngestUnit unit, IngestSettings runSettings) throws java.io.IOException {
        IngestSettings settings = runSettings.forContract(unit.contract());
        Lake lake = new Lake(settings.home());
        Contract contract = unit.contract();
        LoadState state = new LoadState(contract, unit.fileName(), unit.sheet());
        DatasetHook hook = DatasetHook.create(contract);
        RowProcessor rows = new RowProcessor(contract, unit.header(), new ValueParser(settings.today()),
                Pseudonymiser.forHome(settings.home()), unit.fileName(), unit.sheet(), hook);
        HookContext hookContext = new HookContext(unit, settings.home(), settings.today(), settings.maxCellLength());
        // a chunk is chunkSize rows, read in blocks, each processed on the workers as soon as it is
        // parsed (up to a chunk's worth ahead of the step), then settled and written in order
        int blockRows = Math.min(BLOCK_ROWS, settings.chunkSize());
        int blocksPerChunk = (settings.chunkSize() + blockRows - 1) / blockRows;
        RowItemProcessor processor = new RowItemProcessor(rows, state, hook, hookContext);
        Step load = new StepBuilder(LOAD_STEP, jobRepository)
                .<ProcessedBlock, ProcessedBlock>chunk(blocksPerChunk)
                .transactionManager(transactionManager)
                .reader(new SourceBlockReader<>(unit, settings.maxCellLength(), settings.maxRows(), blockRows, blocksPerChunk,
                        processor, workers))
                // the processor runs inside the reader; as a stream it still opens with the step (the hook's first pass)
                .stream(processor)
                .writer(new StagingWriter(unit, new LakeSchema(contract), state, lake, executor))
                .build();
        Step publish = new StepBuilder(PUBLISH_STEP, jobRepository)
                .tasklet(new PublishTasklet(unit, lake, rejectsFile(settings.home(), unit), jobRepository), transactionManager)
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
                .addString("dataset", unit.contract().dataset())
                .addString("source.sha256", unit.fingerprint().sha256())
                .addString("sheet", unit.sheet() == null ? "" : unit.sheet())
                .addString("contract.sha256", unit.contractSha())
                .addString("file", unit.file().toAbsolutePath().toString(), false)
                .addString("run.id", unit.runId(), false)
                .addString("started.at", unit.startedAt().toString(), false)
                .toJobParameters();
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
