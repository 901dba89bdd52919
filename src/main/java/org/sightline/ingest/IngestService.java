package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;

/**
 * Runs ingests: expands folders, fingerprints each file, works out which dataset each sheet holds,
 * skips what is already published, and runs the ingest job for the rest. One bad file never stops
 * the others. Unfinished jobs of earlier runs (a crash, a kill) are resumed first.
 */
@Service
public class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Set<String> EXTENSIONS = Set.of("csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    /** The one {@code ingest} job ({@link IngestJobConfiguration}): a unit is named by the parameters it is started with. */
    private final Job ingestJob;

    public IngestService(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("ingestJob") Job ingestJob) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingestJob = ingestJob;
    }

    /** Files under the given paths: a file as given, a folder walked for data files (hidden ones skipped). */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("~$"))
                            .filter(f -> EXTENSIONS.contains(extension(f)))
                            .sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public List<FileResult> ingest(IngestSettings settings, Map<String, Contract> contracts, List<Path> paths, String dataset) throws IOException {
        return ingestFiles(settings, contracts, paths, dataset).results();
    }

    /** One file of a run: where it is, its fingerprint (null when it could not be read), what became of its sheets. */
    public record IngestedFile(Path file, Fingerprint fingerprint, List<FileResult> results) {}

    /** A run: every result in the order the units ran (resumed ingests first), and the same grouped by the files given. */
    public record Run(List<FileResult> results, List<IngestedFile> files) {}

    /** {@link #ingest}, also saying which results came from which file (e.g. to record when each file arrived). */
    public Run ingestFiles(IngestSettings settings, Map<String, Contract> contracts, List<Path> paths, String dataset) throws IOException {
        Lake lake = new Lake(settings.home());
        // nothing is written with a key that is not the lake's (a deleted or replaced key)
        Pseudonymiser.checkLakeKey(lake, false);
        List<FileResult> results = new ArrayList<>(resumeUnfinished(settings, contracts));
        Set<String> resumedNow = new java.util.HashSet<>();
        for (FileResult r : results) if (!r.failed()) resumedNow.add(r.file() + "\u0000" + r.sheet() + "\u0000" + r.dataset());
        lake.recover();
        String invocation = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(2).putShort((short) new java.util.Random().nextInt()).array());
        // plan every file first, then run the units in load_after order (a stable sort: within one
        // rank, the order of the paths), so that e.g. fidelity exports meet the referral logs of
        // the same run already published
        List<PlannedUnit> planned = new ArrayList<>();
        List<Path> files = expand(paths);
        Map<PlannedUnit, Integer> fileOf = new java.util.IdentityHashMap<>();
        List<List<FileResult>> byFile = new ArrayList<>();
        Fingerprint[] prints = new Fingerprint[files.size()];
        for (int f = 0; f < files.size(); f++) {
            byFile.add(new ArrayList<>());
            for (PlannedUnit pu : plan(settings, contracts, files.get(f), dataset, invocation, planned.size())) {
                planned.add(pu);
                fileOf.put(pu, f);
                if (pu.unit() != null) prints[f] = pu.unit().fingerprint();
            }
        }
        Map<String, Integer> ranks = new java.util.HashMap<>();
        for (Contract c : contracts.values()) ranks.put(c.dataset(), ContractLoader.loadRank(c, contracts, new ArrayList<>()));
        List<PlannedUnit> ordered = new ArrayList<>(planned);
        ordered.sort(java.util.Comparator.comparingInt(pu -> pu.unit() == null ? 0 : ranks.getOrDefault(pu.unit().contract().dataset(), 0)));
        for (PlannedUnit pu : ordered) {
            int before = results.size();
            runUnit(pu, settings, lake, results, resumedNow);
            if (results.size() > before) byFile.get(fileOf.get(pu)).add(results.get(results.size() - 1));
        }
        retryWaiting(settings, contracts, results);
        List<IngestedFile> out = new ArrayList<>(files.size());
        for (int f = 0; f < files.size(); f++) out.add(new IngestedFile(files.get(f), prints[f], List.copyOf(byFile.get(f))));
        return new Run(results, out);
    }

    /**
     * Files still waiting for reference data (resumed, and waiting again, at the start of this run)
     * are tried once more when this run loaded something, which may be the reference they wait for:
     * their WAITING results are replaced by the outcome of the retry.
     */
    private void retryWaiting(IngestSettings settings, Map<String, Contract> contracts, List<FileResult> results) {
        if (results.stream().noneMatch(FileResult::waiting) || results.stream().noneMatch(r -> "LOADED".equals(r.outcome()))) return;
        List<FileResult> retried = resumeUnfinished(settings, contracts);
        Set<String> again = new java.util.HashSet<>();
        for (FileResult r : retried) again.add(r.file() + "\u0000" + r.sheet() + "\u0000" + r.dataset());
        results.removeIf(r -> r.waiting() && again.contains(r.file() + "\u0000" + r.sheet() + "\u0000" + r.dataset()));
        results.addAll(retried);
    }

    /** Runs one planned unit (or reports why it cannot run), adding its result to {@code results}. */
    private void runUnit(PlannedUnit pu, IngestSettings settings, Lake lake, List<FileResult> results, Set<String> resumedNow) {
        if (pu.result() != null) {
            results.add(pu.result());
            log(pu.result());
            return;
        }
        IngestUnit unit = pu.unit();
        Manifest.IngestEntry done = lake.read().findIngest(unit.contract().dataset(), unit.fingerprint().sha256(), unit.sheet());
        if (done != null && resumedNow.contains(unit.fileName() + "\u0000" + unit.sheet() + "\u0000" + unit.contract().dataset())) {
            return;   // the resumed ingest above already reported this file
        }
        if (done != null) {
            FileResult r = new FileResult(unit.fileName(), unit.sheet(), unit.contract().dataset(), "ALREADY_LOADED",
                    "this file was already loaded by run " + done.runId() + "; nothing changed", 0, 0, 0, 0, 0, null, pu.detail())
                    .withIgnored(ignored(unit));
            results.add(r);
            log(r);
            return;
        }
        JobParameters params = IngestJobConfiguration.parameters(unit, settings);
        FileResult r = run(unit, settings, params, pu.detail()).withIgnored(ignored(unit));
        results.add(r);
        log(r);
    }

    /** The unit's source columns that map to nothing and that its hook does not read either. */
    static List<String> ignored(IngestUnit unit) {
        if (DatasetHook.create(unit.contract()).readsUnmatchedColumns()) return List.of();
        return unit.header().ignoredLines();
    }

    private static void log(FileResult r) {
        LOG.info("file={} sheet={} dataset={} outcome={} loaded={} rejected={} duplicates={} blank={} totals={}",
                r.file(), r.sheet(), r.dataset(), r.outcome(), r.loaded(), r.rejected(), r.duplicates(), r.blank(), r.totals());
    }

    private FileResult run(IngestUnit unit, IngestSettings settings, JobParameters params, String detail) {
        try {
            dropOrphanInstance(params);
            JobExecution ex = jobOperator.start(ingestJob, params);
            org.sightline.lake.Faults.point("job-done");
            if (ex.getStatus() == BatchStatus.FAILED && inputProblem(ex) && !waiting(ex)) {
                // the file itself is at fault: running it again cannot help, so it is not left to resume
                jobOperator.abandon(ex);
                PublishTasklet.deleteTree(StagingWriter.stagingDir(new Lake(settings.home()), unit));
            }
            return result(unit.fileName(), unit.sheet(), unit.contract().dataset(), ex, detail);
        } catch (Exception e) {
            return FileResult.failed(unit.fileName(), unit.sheet(), unit.contract().dataset(), "the ingest could not run: " + e.getMessage(), detail);
        } catch (OutOfMemoryError e) {
            LOG.error("file={} ran out of memory while being loaded", unit.fileName());
            return FileResult.failed(unit.fileName(), unit.sheet(), unit.contract().dataset(), "Sightline ran out of memory loading this file (heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB); it is left to resume. Split it, save it as CSV, or give Sightline more memory", detail);
        }
    }

    /** The result of a unit's job execution: of file {@code fileName}, sheet {@code sheet} (or null), for {@code dataset}. */
    private FileResult result(String fileName, String sheet, String dataset, JobExecution ex, String detail) {
        if (ex.getStatus() == BatchStatus.FAILED && waiting(ex) && !ex.getExecutionContext().containsKey(WAITING_KEY)) {
            // kept with the execution, for later runs that read it back from the job repository
            ex.getExecutionContext().putString(WAITING_KEY, "true");
            jobRepository.updateExecutionContext(ex);
        }
        String outcome = ex.getExecutionContext().getString(PublishTasklet.OUTCOME, null);
        String message = ex.getExecutionContext().getString(PublishTasklet.MESSAGE, null);
        String rejects = ex.getExecutionContext().getString(PublishTasklet.REJECTS, null);
        Counters c = new Counters();
        String[] note = {null};
        // the load step of this execution, or (a job restarted in publish) of the instance's last
        org.springframework.batch.core.step.StepExecution load = ex.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(IngestJobConfiguration.LOAD_STEP)).findFirst()
                .orElseGet(() -> jobRepository.getLastStepExecution(ex.getJobInstance(), IngestJobConfiguration.LOAD_STEP));
        if (load != null) {
            c.load(load.getExecutionContext());
            note[0] = load.getExecutionContext().getString(RowItemProcessor.NOTE, null);
        }
        if (note[0] != null) detail = detail == null ? note[0] : detail + "; " + note[0];
        if (ex.getStatus() != BatchStatus.COMPLETED || outcome == null) {
            outcome = waiting(ex) ? FileResult.WAITING : "FAILED";
            message = failureMessage(ex) + (waiting(ex) ? " (waiting: tried again by every ingest until it loads)" : "");
        }
        return new FileResult(fileName, sheet, dataset, outcome, message,
                "LOADED".equals(outcome) ? c.loaded : 0, c.rejected, c.duplicates, c.blank, c.totals, rejects, detail);
    }

    /**
     * A process killed between the job repository's creating a job instance and its first execution
     * leaves an instance with no executions, which Spring Batch then refuses to start again ("Cannot
     * find any job execution for job instance"), so the file could never load. Nothing of such an
     * instance ran, and its identifying parameters include this home (held by this process's home
     * lock), so it is deleted and the file starts afresh.
     */
    private void dropOrphanInstance(JobParameters params) {
        JobInstance orphan = jobRepository.getJobInstance(IngestJobConfiguration.JOB, params);
        if (orphan != null && jobRepository.getJobExecutions(orphan).isEmpty()) {
            LOG.warn("job instance {} of an earlier run has no executions (that run was killed as it started): deleted", orphan.getInstanceId());
            jobRepository.deleteJobInstance(orphan);
            return;
        }
        // a completed job of this file that published nothing (it was refused: too many rejects, a
        // destructive replace): the file is sent again, so it is judged again, afresh
        JobExecution last = orphan == null ? null : jobRepository.getLastJobExecution(orphan);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            LOG.info("job instance {} of an earlier run refused this file; the file is tried again", orphan.getInstanceId());
            jobRepository.deleteJobInstance(orphan);
        } else if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
            // abandoned (refused for its content, or it waited for reference data and was taken away): a failed
            // job publishes nothing, so the file sent again is judged afresh
            LOG.info("job instance {} of an earlier run was abandoned; the file is tried again", orphan.getInstanceId());
            jobRepository.deleteJobInstance(orphan);
        }
    }

    /**
     * Whether a failed job failed because of its input (unreadable, over a limit, refused by its
     * dataset's hook) rather than a crash: such a file is final until it is sent again.
     */
    private static boolean inputProblem(JobExecution ex) {
        for (Throwable t : ex.getAllFailureExceptions()) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof org.sightline.ingest.read.UnreadableFileException || c instanceof SourceBlockReader.LimitExceededException
                        || c instanceof DatasetHook.Refused) return true;
            }
        }
        return false;
    }

    /** Whether a failed job waits for reference data ({@link DatasetHook.WaitingForReference}): it is resumed by later runs. */
    private static boolean waiting(JobExecution ex) {
        for (Throwable t : ex.getAllFailureExceptions()) {
            for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof DatasetHook.WaitingForReference) return true;
        }
        // an execution read back from the job repository keeps no exceptions: the mark put in its context then
        return ex.getExecutionContext().containsKey(WAITING_KEY);
    }

    /** The job execution context's mark of an ingest that waits for reference data. */
    private static final String WAITING_KEY = "sightline.waiting";

    private static String failureMessage(JobExecution ex) {
        List<Throwable> all = new ArrayList<>(ex.getAllFailureExceptions());
        if (all.isEmpty()) return "the ingest stopped with status " + ex.getStatus();
        Throwable t = all.get(0);
        while (t.getCause() != null && t.getCause() != t && !(t instanceof IOException)) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    record PlannedUnit(IngestUnit unit, FileResult result, String detail) {}

    /** Works out the units of one file; problems become FAILED (or SKIPPED) results. */
    List<PlannedUnit> plan(IngestSettings settings, Map<String, Contract> contracts, Path file, String dataset, String invocation, int seq) {
        String name = file.getFileName().toString();
        List<PlannedUnit> out = new ArrayList<>();
        try {
            if (Files.isSymbolicLink(file)) {
                return List.of(new PlannedUnit(null, FileResult.failed(name, null, dataset, "symbolic links are not followed; copy the file in instead", null), null));
            }
            if (!Files.isRegularFile(file)) {
                return List.of(new PlannedUnit(null, FileResult.failed(name, null, dataset, "not a readable file: " + file, null), null));
            }
            long size = Files.size(file);
            if (size > settings.maxFileBytes()) {
                return List.of(new PlannedUnit(null, FileResult.failed(name, null, dataset,
                        "the file is " + size + " bytes, over the limit of " + settings.maxFileBytes() + "; nothing read", null), null));
            }
            Fingerprint fp = Fingerprint.of(file);
            try (SourceFile src = SourceFiles.open(file, fp, settings.maxCellLength())) {
                String detail = src.detail();
                for (DatasetDetector.Match m : new DatasetDetector(contracts, KnownTables.load(settings.jobsDir())).detect(src, dataset)) {
                    if (m.problem() != null) {
                        boolean onlySheet = src.sheets().size() == 1 || dataset != null;
                        String ds = m.contract() == null ? null : m.contract().dataset();
                        FileResult r = onlySheet || m.contract() != null
                                ? FileResult.failed(name, m.sheet(), ds, m.problem(), detail)
                                : new FileResult(name, m.sheet(), null, "SKIPPED", m.problem(), 0, 0, 0, 0, 0, null, detail);
                        out.add(new PlannedUnit(null, r, detail));
                        continue;
                    }
                    long limit = settings.forContract(m.contract()).maxFileBytes();
                    if (size > limit) {
                        out.add(new PlannedUnit(null, FileResult.failed(name, m.sheet(), m.contract().dataset(),
                                "the file is " + size + " bytes, over the limit of " + limit + " for " + m.contract().dataset() + "; nothing read", detail), detail));
                        continue;
                    }
                    String runId = invocation + "-" + String.format("%03d", seq + out.size() + 1);
                    out.add(new PlannedUnit(new IngestUnit(file, fp, m.sheet(), m.contract(), m.header(),
                            contractSha(m.contract()), runId, Instant.now()), null, detail));
                }
                if (out.stream().allMatch(p -> p.unit() == null) && out.stream().noneMatch(p -> p.result().failed())) {
                    out.add(new PlannedUnit(null, FileResult.failed(name, null, dataset, "no sheet of this workbook holds a known dataset", detail), detail));
                }
            }
        } catch (IOException | RuntimeException e) {
            out.add(new PlannedUnit(null, FileResult.failed(name, null, dataset, e.getMessage() == null ? e.toString() : e.getMessage(), null), null));
        } catch (OutOfMemoryError e) {
            // what the file held is garbage now: the run goes on with the next file
            LOG.error("file={} ran out of memory while being read (heap {} MB)", name, Runtime.getRuntime().maxMemory() >> 20);
            out.add(new PlannedUnit(null, FileResult.failed(name, null, dataset, "Sightline ran out of memory reading this file (heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB); nothing of it was loaded. Split it, save it as CSV, or give Sightline more memory", null), null));
        }
        return out;
    }

    static String contractSha(Contract c) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(c.file()));
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Resumes ingests a crash or kill left unfinished: a dead STARTED execution is marked failed
     * ({@link JobOperator#recover}) and then restarted from its last committed chunk with its
     * original parameters. One whose file is gone or changed is abandoned, with a message.
     */
    List<FileResult> resumeUnfinished(IngestSettings settings, Map<String, Contract> contracts) {
        List<FileResult> out = new ArrayList<>();
        List<JobInstance> instances = jobRepository.getJobInstances(IngestJobConfiguration.JOB, 0, 200);
        for (JobInstance instance : instances) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null) continue;
            String jobHome = last.getJobParameters().getString(IngestJobConfiguration.HOME);
            // another home's job (a shared PostgreSQL repository) is not ours to resume
            if (jobHome != null && !jobHome.equals(settings.home().toAbsolutePath().normalize().toString())) continue;
            BatchStatus st = last.getStatus();
            if (st == BatchStatus.STARTED || st == BatchStatus.STARTING || st == BatchStatus.STOPPING) {
                last = jobOperator.recover(last);
                st = last.getStatus();
            }
            if (st != BatchStatus.FAILED && st != BatchStatus.STOPPED) continue;
            JobParameters p = last.getJobParameters();
            Path file = Path.of(p.getString(IngestJobConfiguration.FILE));
            String name = file.getFileName().toString();
            String dataset = p.getString(IngestJobConfiguration.DATASET);
            Contract c = contracts.get(dataset);
            try {
                Fingerprint fp = Files.isRegularFile(file) ? Fingerprint.of(file) : null;
                String sheet = IngestJobConfiguration.sheet(p);
                String sha = p.getString(IngestJobConfiguration.SOURCE_SHA);
                if (c == null || fp == null || !fp.sha256().equals(sha)
                        || !contractSha(c).equals(p.getString(IngestJobConfiguration.CONTRACT_SHA))) {
                    jobOperator.abandon(last);
                    new Lake(settings.home()).forgetPublish(p.getString(IngestJobConfiguration.RUN_ID));
                    PublishTasklet.deleteTree(new Lake(settings.home()).stagingDir().resolve(IngestUnit.stagingName(dataset, sha, sheet)));
                    if (fp == null && waiting(last)) {
                        // a file that waited for reference data and has gone (an inbox takes it again as a new file): nothing to report
                        LOG.info("file={} outcome=ABANDONED reason=waiting-file-gone", name);
                        continue;
                    }
                    out.add(FileResult.failed(name, sheet, dataset,
                            "an unfinished earlier ingest was abandoned: its file or contract has changed or gone", null));
                    continue;
                }
                // restarted with the parameters it started with: the job resolves its unit and settings from them
                JobExecution ex = jobOperator.start(ingestJob, IngestJobConfiguration.completed(p, settings, fp));
                FileResult r = result(name, sheet, dataset, ex, "resumed an unfinished ingest");
                out.add(r);
                log(r);
            } catch (Exception e) {
                out.add(FileResult.failed(name, null, dataset, "resuming an unfinished ingest failed: " + e.getMessage(), null));
            }
        }
        return out;
    }

    /** Dry run: what would load and what would be rejected, with nothing written to the lake. */
    public List<FileResult> validate(IngestSettings settings, Map<String, Contract> contracts, Path file, String dataset,
                                     List<RowError> errorsOut) throws IOException {
        List<FileResult> results = new ArrayList<>();
        Pseudonymiser pseudo = Pseudonymiser.forDryRun(settings.home());
        java.util.concurrent.ExecutorService workers = IngestPipeline.newWorkers();
        try {
            validate(settings, contracts, file, dataset, errorsOut, pseudo, workers, results);
        } finally {
            workers.shutdownNow();
        }
        return results;
    }

    private void validate(IngestSettings settings, Map<String, Contract> contracts, Path file, String dataset, List<RowError> errorsOut,
                          Pseudonymiser pseudo, java.util.concurrent.ExecutorService workers, List<FileResult> results) {
        for (PlannedUnit pu : plan(settings, contracts, file, dataset, "validate", 0)) {
            if (pu.result() != null) {
                results.add(pu.result());
                continue;
            }
            IngestUnit u = pu.unit();
            IngestPipeline pipeline = IngestPipeline.of(u, settings, pseudo);
            LoadState state = pipeline.state();
            org.springframework.batch.infrastructure.item.ExecutionContext ctx = new org.springframework.batch.infrastructure.item.ExecutionContext();
            try {
                pipeline.processor().open(ctx);   // the hook's first pass, as the load step opens it
            } catch (org.springframework.batch.infrastructure.item.ItemStreamException e) {
                if (e.getCause() instanceof DatasetHook.WaitingForReference) {
                    results.add(new FileResult(u.fileName(), u.sheet(), u.contract().dataset(), FileResult.WAITING,
                            e.getMessage() + " (an ingest would wait for it)", 0, 0, 0, 0, 0, null, pu.detail()).withIgnored(ignored(u)));
                } else {
                    results.add(FileResult.failed(u.fileName(), u.sheet(), u.contract().dataset(), e.getMessage(), pu.detail()));
                }
                continue;
            }
            String note = ctx.getString(RowItemProcessor.NOTE, null);
            long good = 0;
            long bad = 0;
            SourceBlockReader<ProcessedBlock> reader = pipeline.reader(workers);
            try {
                reader.open(ctx);
                ProcessedBlock block;
                while ((block = reader.read()) != null) {
                    for (ProcessedRow row : block.rows()) {
                        ProcessedRow p = state.settle(row);
                        if (p == null) continue;
                        if (p.rejected()) {
                            bad++;
                            errorsOut.addAll(p.errors());
                        } else {
                            good++;
                            if (p.errors() != null) errorsOut.addAll(p.errors());   // parts of the row rejected
                        }
                    }
                }
            } catch (Exception e) {
                results.add(FileResult.failed(u.fileName(), u.sheet(), u.contract().dataset(), e.getMessage(), pu.detail()));
                continue;
            } finally {
                reader.close();
            }
            boolean refused = bad > 0 && (double) bad / (good + state.counters.duplicates + bad) > u.contract().maxRejectShare();
            String outcome = refused || good + bad == 0 ? "FAILED" : "VALID";
            String message = good + " rows would load, " + bad + " would be rejected"
                    + (refused ? " (over the " + Math.round(100 * u.contract().maxRejectShare()) + "% limit: the file would be refused)" : "")
                    + (good + bad == 0 ? " (no data rows)" : "");
            results.add(new FileResult(u.fileName(), u.sheet(), u.contract().dataset(), outcome, message, good, bad,
                    state.counters.duplicates, state.counters.blank, state.counters.totals, null,
                    note == null ? pu.detail() : pu.detail() + "; " + note).withIgnored(ignored(u)));
        }
    }
}
