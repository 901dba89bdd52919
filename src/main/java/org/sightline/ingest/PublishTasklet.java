package org.sightline.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.sightline.lake.Faults;
import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.sightline.lake.Manifest;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.sightline.contract.Contract;

/**
 * Second step of an ingest: decide whether the file as a whole is acceptable, assemble the rejects
 * report, and publish the staged Parquet atomically (or publish nothing and say why).
 */
// not final: the ingest job's step-scoped bean of this class is a class-based scoped proxy (IngestJobConfiguration)
public class PublishTasklet implements Tasklet {

    public static final String OUTCOME = "sightline.outcome";
    public static final String MESSAGE = "sightline.message";
    public static final String REJECTS = "sightline.rejects";

    private final IngestUnit unit;
    private final Lake lake;
    private final Path rejectsFile;
    private final JobRepository jobRepository;

    PublishTasklet(IngestUnit unit, Lake lake, Path rejectsFile, JobRepository jobRepository) {
        this.jobRepository = jobRepository;
        this.unit = unit;
        this.lake = lake;
        this.rejectsFile = rejectsFile;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution self = chunkContext.getStepContext().getStepExecution();
        ExecutionContext jobCtx = self.getJobExecution().getExecutionContext();
        Counters c = loadCounters(self);
        if (c == null) throw new IllegalStateException("the load step of " + unit.describe() + " has not run");
        Faults.point("load-done");
        Path staging = StagingWriter.stagingDir(lake, unit);
        List<Path> rejectParts = list(staging.resolve("rejects"), ".csv");
        if (!rejectParts.isEmpty()) {
            RejectsReport.assemble(rejectParts, rejectsFile);
            jobCtx.putString(REJECTS, rejectsFile.toString());
        }
        Contract contract = unit.contract();
        long considered = c.loaded + c.rejected + c.duplicates;
        String outcome;
        String message;
        if (considered == 0) {
            outcome = "FAILED";
            message = "no data rows below the header (row " + unit.header().headerRow() + "); nothing loaded";
        } else if (c.rejected > 0 && (double) c.rejected / (c.loadedSourceRows + c.duplicates + c.rejected) > contract.maxRejectShare()) {
            // measured in source rows (a hook may write several lake rows per source row), counting
            // rows already in the lake as good: a re-sent file is judged like the first one
            long rows = c.loadedSourceRows + c.duplicates + c.rejected;
            outcome = "FAILED";
            message = String.format("%d of %d rows rejected (%.0f%%), more than the limit of %.0f%%: the whole file is refused, nothing loaded; see the rejects report",
                    c.rejected, rows, 100.0 * c.rejected / rows, 100 * contract.maxRejectShare());
        } else {
            List<Lake.Staged> staged = new ArrayList<>();
            Set<String> partitions = new HashSet<>();
            String base = contract.dataset() + "/";
            // every part of the file, from each committed chunk's list of its parts (file, rows,
            // partition): not from the parts still in staging, since a publish killed or failed half
            // way has moved some of them into the lake already
            for (Path chunkParts : list(staging.resolve("parts"), ".parts")) {
                for (String line : Files.readAllLines(chunkParts)) {
                    String[] entry = line.split("\t", 3);
                    if (entry.length != 3) continue;
                    long rows = Long.parseLong(entry[1]);
                    String partition = entry[2];
                    String name = "part-" + unit.runId() + "-" + entry[0].substring(5);
                    staged.add(new Lake.Staged(staging.resolve("parts").resolve(entry[0]),
                            base + LakeSchema.folderOf(partition) + name, rows, partition));
                    partitions.add(partition);
                }
            }
            Set<String> supersede = new HashSet<>();
            if (contract.loadMode() == Contract.LoadMode.REPLACE && c.loaded > 0) {
                if (contract.scope().isEmpty()) supersede.add("*");
                else supersede.addAll(partitions);
            }
            // the guard is judged once, before the first part moves; a publish resumed after a kill has passed it
            boolean guarded = !"true".equals(self.getJobExecution().getJobParameters().getString(ReplaceGuard.ALLOWED))
                    && !lake.publishStarted(unit.runId());
            String refused = guarded ? ReplaceGuard.refusal(contract, lake, supersede, staged, c.loaded) : null;
            if (refused != null) {
                outcome = "FAILED";
                message = refused;
            } else {
                lake.publish(contract.dataset(), staged, supersede, new Manifest.IngestEntry(
                        contract.dataset(), unit.fileName(), unit.fingerprint().sha256(), unit.sheet(), unit.runId(),
                        c.loaded, c.rejected, c.duplicates, List.copyOf(partitions), Instant.now().toString()));
                outcome = "LOADED";
                message = c.loaded + " rows loaded" + (c.rejected > 0 ? ", " + c.rejected + " rejected" : "")
                        + (c.duplicates > 0 ? ", " + c.duplicates + " already in the lake" : "");
            }
        }
        jobCtx.putString(OUTCOME, outcome);
        jobCtx.putString(MESSAGE, message);
        contribution.setExitStatus(new ExitStatus(outcome, message));
        deleteTree(staging);
        Faults.point("publish-done");
        return RepeatStatus.FINISHED;
    }

    /**
     * The load step's counters: from this execution, or, when the job was restarted after a failure
     * in publish (the load step, complete, is not run again), from the job instance's last load step.
     */
    private Counters loadCounters(StepExecution self) {
        for (StepExecution s : self.getJobExecution().getStepExecutions()) {
            if (s.getStepName().equals(IngestJobConfiguration.LOAD_STEP)) return Counters.from(s.getExecutionContext());
        }
        StepExecution last = jobRepository.getLastStepExecution(self.getJobExecution().getJobInstance(), IngestJobConfiguration.LOAD_STEP);
        return last == null || last.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED ? null : Counters.from(last.getExecutionContext());
    }

    private static List<Path> list(Path dir, String suffix) throws java.io.IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
