package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;

import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.lake.Lake;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The generic ingest job, defined once: one {@code ingest} Job bean, one execution per unit (file ×
 * sheet × dataset), {@code load} (read → parse/validate/pseudonymise → staged Parquet, chunk by chunk,
 * restartable) then {@code publish} (accept or refuse the file; atomic publish; rejects report).
 *
 * <p>Nothing of a unit is passed in as a Java object: the job parameters ({@link #parameters}) name the
 * unit and the run's settings, and the parts are scoped beans built from them. The unit's
 * {@link IngestPipeline} is a job-scoped bean resolved from the parameters ({@link #resolve}, the one
 * resolver for a new ingest and for a restart, which reads the parameters back from the job
 * repository); the load step is job-scoped (its chunk size comes from the parameters); its reader,
 * processor and writer and the publish tasklet are step-scoped beans taken from that pipeline.
 * {@code validate} builds the same parts through the same factory ({@link IngestPipeline#of}) with a
 * throwaway key. Within a chunk the blocks of rows are processed on all cores, ahead of the step
 * ({@link SourceBlockReader}), and the partitions' parts written in parallel; the order-dependent work
 * (duplicates, counts) stays in file order in the writer.
 */
@Configuration
public class IngestJobConfiguration {

    public static final String JOB = "ingest";
    public static final String LOAD_STEP = "load";
    public static final String PUBLISH_STEP = "publish";
    /** Job parameter: the absolute path of the home the job writes to. */
    public static final String HOME = "home";
    // identifying: with HOME, a unit's job instance
    static final String DATASET = "dataset";
    static final String SOURCE_SHA = "source.sha256";
    static final String SHEET = "sheet";
    static final String CONTRACT_SHA = "contract.sha256";
    // not identifying: the run, where the file is, what its first bytes said
    static final String FILE = "file";
    static final String RUN_ID = "run.id";
    static final String STARTED_AT = "started.at";
    static final String SOURCE_SIZE = "source.size";
    static final String SOURCE_UTF8 = "source.utf8";
    static final String SOURCE_HEAD = "source.head";
    // not identifying: the run's settings, so that a restart runs with the settings it started with
    static final String JOBS_DIR = "jobs.dir";
    static final String TODAY = "today";
    static final String CHUNK_SIZE = "chunk.size";
    static final String MAX_FILE_BYTES = "max.file.bytes";
    static final String MAX_ROWS = "max.rows";
    static final String MAX_CELL_LENGTH = "max.cell.length";

    /** Process blocks ahead of the step and write a chunk's partitions, one thread per core (daemon threads). */
    private final ExecutorService workers = IngestPipeline.newWorkers();
    private final AsyncTaskExecutor executor = new TaskExecutorAdapter(workers);

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
    }

    @Bean
    public Job ingestJob(JobRepository jobRepository, @Qualifier("ingestLoadStep") Step load,
                         @Qualifier("ingestPublishStep") Step publish) {
        return new JobBuilder(JOB, jobRepository).start(load).next(publish).build();
    }

    /** One execution's unit, settings and shared parts, resolved from its parameters (a new ingest's or a restart's alike). */
    @Bean(destroyMethod = "")
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    IngestPipeline ingestPipeline(@Value("#{jobExecution.jobParameters}") JobParameters parameters) throws IOException {
        IngestSettings settings = settings(parameters);
        return IngestPipeline.of(resolve(parameters), settings, Pseudonymiser.forHome(settings.home()));
    }

    /** The load step, built for each execution: its commit interval is the chunk size of the execution's parameters. */
    @Bean
    @JobScope
    Step ingestLoadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, IngestPipeline pipeline,
                        @Qualifier("ingestReader") SourceBlockReader<ProcessedBlock> reader,
                        @Qualifier("ingestProcessor") RowItemProcessor processor,
                        @Qualifier("ingestWriter") StagingWriter writer) {
        return new StepBuilder(LOAD_STEP, jobRepository)
                .<ProcessedBlock, ProcessedBlock>chunk(pipeline.blocksPerChunk())
                .transactionManager(transactionManager)
                .reader(reader)
                // the processor runs inside the reader; as a stream it still opens with the step (the hook's first pass)
                .stream(processor)
                .writer(writer)
                .build();
    }

    @Bean(destroyMethod = "")
    @StepScope
    SourceBlockReader<ProcessedBlock> ingestReader(IngestPipeline pipeline) {
        return pipeline.reader(workers);
    }

    @Bean(destroyMethod = "")
    @StepScope
    RowItemProcessor ingestProcessor(IngestPipeline pipeline) {
        return pipeline.processor();
    }

    @Bean(destroyMethod = "")
    @StepScope
    StagingWriter ingestWriter(IngestPipeline pipeline) {
        return pipeline.writer(new Lake(pipeline.settings().home()), executor);
    }

    @Bean
    Step ingestPublishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           @Qualifier("ingestPublishTasklet") PublishTasklet publish) {
        return new StepBuilder(PUBLISH_STEP, jobRepository).tasklet(publish, transactionManager).build();
    }

    @Bean(destroyMethod = "")
    @StepScope
    PublishTasklet ingestPublishTasklet(IngestPipeline pipeline, JobRepository jobRepository) {
        Path home = pipeline.settings().home();
        return new PublishTasklet(pipeline.unit(), new Lake(home), rejectsFile(home, pipeline.unit()), jobRepository);
    }

    /**
     * A unit's job parameters. Identifying ones make its job instance: home, dataset, file content, sheet,
     * contract. The home is part of the identity so that several homes can share one job repository (one
     * PostgreSQL database) without one home's history blocking, or resuming into, another. The rest are
     * not identifying: the run, where the file is and what its fingerprint said, and the run's settings,
     * which a restart (started with the parameters read back from the job repository) keeps.
     */
    public static JobParameters parameters(IngestUnit unit, IngestSettings settings) {
        Fingerprint fp = unit.fingerprint();
        return new JobParametersBuilder()
                .addString(HOME, settings.home().toAbsolutePath().normalize().toString())
                .addString(DATASET, unit.contract().dataset())
                .addString(SOURCE_SHA, fp.sha256())
                .addString(SHEET, unit.sheet() == null ? "" : unit.sheet())
                .addString(CONTRACT_SHA, unit.contractSha())
                .addString(FILE, unit.file().toAbsolutePath().toString(), false)
                .addString(RUN_ID, unit.runId(), false)
                .addString(STARTED_AT, unit.startedAt().toString(), false)
                .addJobParameters(fingerprint(fp))
                .addJobParameters(settingsParameters(settings))
                .toJobParameters();
    }

    private static JobParameters fingerprint(Fingerprint fp) {
        return new JobParametersBuilder()
                .addLong(SOURCE_SIZE, fp.size(), false)
                .addString(SOURCE_UTF8, String.valueOf(fp.validUtf8()), false)
                .addString(SOURCE_HEAD, HexFormat.of().formatHex(fp.head()), false)
                .toJobParameters();
    }

    private static JobParameters settingsParameters(IngestSettings s) {
        return new JobParametersBuilder()
                .addString(JOBS_DIR, s.jobsDir().toAbsolutePath().normalize().toString(), false)
                .addString(TODAY, s.today().toString(), false)
                .addLong(CHUNK_SIZE, (long) s.chunkSize(), false)
                .addLong(MAX_FILE_BYTES, s.maxFileBytes(), false)
                .addLong(MAX_ROWS, s.maxRows(), false)
                .addLong(MAX_CELL_LENGTH, (long) s.maxCellLength(), false)
                .addString(ReplaceGuard.ALLOWED, String.valueOf(s.allowReplace()), false)
                .toJobParameters();
    }

    /**
     * The parameters of an execution an earlier Sightline started, which kept neither its settings nor its
     * file's fingerprint in its parameters, with this run's settings and the file's fingerprint ({@code fp},
     * which the caller has checked is the same file) added; others' as they are.
     */
    static JobParameters completed(JobParameters p, IngestSettings settings, Fingerprint fp) {
        JobParametersBuilder b = new JobParametersBuilder(p);
        if (p.getParameter(SOURCE_HEAD) == null) b.addJobParameters(fingerprint(fp));
        if (p.getParameter(JOBS_DIR) == null) b.addJobParameters(settingsParameters(settings));
        return b.toJobParameters();
    }

    /** The run's settings a job's parameters carry (the inverse of {@link #parameters} for the settings). */
    static IngestSettings settings(JobParameters p) {
        return new IngestSettings(Path.of(require(p, HOME)), Path.of(require(p, JOBS_DIR)), LocalDate.parse(require(p, TODAY)),
                Math.toIntExact(requireLong(p, CHUNK_SIZE)), requireLong(p, MAX_FILE_BYTES), requireLong(p, MAX_ROWS),
                Math.toIntExact(requireLong(p, MAX_CELL_LENGTH)), "true".equals(p.getString(ReplaceGuard.ALLOWED)));
    }

    /** The sheet a job's parameters name, or null for a file without sheets. */
    static String sheet(JobParameters p) {
        String sheet = p.getString(SHEET);
        return sheet == null || sheet.isEmpty() ? null : sheet;
    }

    /**
     * The unit a job's parameters describe (the inverse of {@link #parameters}), for a new ingest and a
     * restart alike: its contract loaded from the jobs folder of the parameters (and refused if it is not
     * the contract the job started with), its file's fingerprint from the parameters, its header matched
     * again in the file.
     */
    static IngestUnit resolve(JobParameters p) throws IOException {
        IngestSettings settings = settings(p);
        String dataset = require(p, DATASET);
        Contract contract = new ContractLoader(settings.jobsDir(), settings.today()).loadAll().get(dataset);
        if (contract == null) {
            throw new IllegalStateException("no contract for dataset '" + dataset + "' in " + settings.jobsDir().resolve("contracts"));
        }
        String contractSha = require(p, CONTRACT_SHA);
        if (!IngestService.contractSha(contract).equals(contractSha)) {
            throw new IllegalStateException("the contract " + contract.file() + " has changed since this ingest started; send the file again");
        }
        Path file = Path.of(require(p, FILE));
        Fingerprint fp = new Fingerprint(require(p, SOURCE_SHA), requireLong(p, SOURCE_SIZE),
                "true".equals(require(p, SOURCE_UTF8)), HexFormat.of().parseHex(require(p, SOURCE_HEAD)));
        String sheet = sheet(p);
        HeaderMap header;
        try (SourceFile src = SourceFiles.open(file, fp, settings.forContract(contract).maxCellLength())) {
            header = new HeaderMatcher(contract).match(DatasetDetector.leadingRows(src, sheet));
        }
        if (header == null) {
            throw new org.sightline.ingest.read.UnreadableFileException("no header for " + dataset + " found in the first "
                    + HeaderMatcher.SCAN_ROWS + " rows of " + file.getFileName() + (sheet == null ? "" : " [" + sheet + "]"));
        }
        return new IngestUnit(file, fp, sheet, contract, header, contractSha, require(p, RUN_ID), Instant.parse(require(p, STARTED_AT)));
    }

    private static String require(JobParameters p, String key) {
        String v = p.getString(key);
        if (v == null) throw new IllegalStateException("the ingest job's parameters lack '" + key + "'");
        return v;
    }

    private static long requireLong(JobParameters p, String key) {
        Long v = p.getLong(key);
        if (v == null) throw new IllegalStateException("the ingest job's parameters lack '" + key + "'");
        return v;
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
