package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.sightline.lake.Manifest;
import org.sightline.lake.ParquetPartWriter;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.sightline.contract.Contract;

/**
 * Writes each chunk to staging: first settles its rows in file order ({@link LoadState#settle}), then
 * writes the good rows as one Parquet part per partition (the parts of a chunk in parallel) and the
 * rejected rows to a rejects part. File names carry the chunk number, so a chunk redone after a crash
 * overwrites its own leftovers; parts beyond the last committed chunk are deleted when the step
 * reopens. A chunk's parts are all complete when {@link #write} returns, before the chunk commits.
 */
// not final: the ingest job's step-scoped bean of this class is a class-based scoped proxy (IngestJobConfiguration)
public class StagingWriter implements ItemStreamWriter<ProcessedBlock>, StepExecutionListener {

    /** A chunk's list of its parts, for the publish step: a line per part, "{@code <file>\t<rows>\t<partition>}". */
    static final String PARTS_LIST = "chunk-%06d.parts";

    private final IngestUnit unit;
    private final LakeSchema schema;
    private final LoadState state;
    private final Lake lake;
    private final Path partsDir;
    private final Path rejectsDir;
    private final AsyncTaskExecutor executor;
    private StepExecution step;

    StagingWriter(IngestUnit unit, LakeSchema schema, LoadState state, Lake lake, AsyncTaskExecutor executor) {
        this.executor = executor;
        this.unit = unit;
        this.schema = schema;
        this.state = state;
        this.lake = lake;
        Path dir = lake.stagingDir().resolve(unit.stagingName());
        this.partsDir = dir.resolve("parts");
        this.rejectsDir = dir.resolve("rejects");
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    static Path stagingDir(Lake lake, IngestUnit unit) {
        return lake.stagingDir().resolve(unit.stagingName());
    }

    @Override
    public void open(ExecutionContext ctx) throws ItemStreamException {
        try {
            state.counters.load(ctx);
            Files.createDirectories(partsDir);
            Files.createDirectories(rejectsDir);
            long committed = state.counters.chunks;
            List<Path> kept = new ArrayList<>();
            for (Path dir : List.of(partsDir, rejectsDir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        if (chunkOf(p) >= committed) Files.delete(p);
                        else if (p.toString().endsWith(".parquet")) kept.add(p);
                    }
                }
            }
            List<String> key = unit.contract().naturalKey();
            LoadState.loadKeys(kept, key, state.seenInFile);
            if (unit.contract().loadMode() == Contract.LoadMode.APPEND) {
                List<Path> published = new ArrayList<>();
                for (Manifest.FileEntry f : lake.read().current(unit.contract().dataset())) published.add(lake.root().resolve(f.path()));
                LoadState.loadKeys(published, key, state.inLake);
            }
        } catch (IOException | java.sql.SQLException e) {
            throw new ItemStreamException("cannot prepare staging for " + unit.describe() + ": " + e.getMessage(), e);
        }
    }

    private static long chunkOf(Path p) {
        String n = p.getFileName().toString();
        int dash = n.indexOf('-');
        int end = n.indexOf('-', dash + 1);
        if (end < 0) end = n.indexOf('.', dash + 1);
        try {
            return Long.parseLong(n.substring(dash + 1, end));
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Fault injection for the restart tests: with {@code -Dsightline.fault.after-chunks=N} the writer
     * fails once N chunks have been committed, as a crash would; with
     * {@code -Dsightline.fault.chunk-delay-ms=M} each chunk takes M milliseconds longer, so that a test
     * can kill the process in the middle of a file.
     */
    @Override
    public void write(Chunk<? extends ProcessedBlock> chunk) throws Exception {
        long index = state.counters.chunks;
        long fault = Long.getLong("sightline.fault.after-chunks", -1);
        if (fault >= 0 && index >= fault) {
            throw new IllegalStateException("injected fault after " + index + " committed chunks");
        }
        long delay = Long.getLong("sightline.fault.chunk-delay-ms", 0);
        if (delay > 0) Thread.sleep(delay);
        Settled settledRows = settle(chunk);
        Map<String, List<Object[]>> byPartition = settledRows.byPartition;
        List<RowError> errors = settledRows.errors;
        // one part per partition: all but the last on the executor's threads, the last on this one
        List<Callable<Void>> parts = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        int p = 0;
        long loaded = 0;
        for (Map.Entry<String, List<Object[]>> e : byPartition.entrySet()) {
            Path file = partsDir.resolve(String.format("part-%06d-%03d.parquet", index, p++));
            List<Object[]> rows = e.getValue();
            parts.add(() -> {
                try (ParquetPartWriter w = new ParquetPartWriter(file, schema)) {
                    for (Object[] r : rows) w.write(r);
                }
                return null;
            });
            list.append(file.getFileName()).append('\t').append(rows.size()).append('\t').append(e.getKey()).append('\n');
            loaded += rows.size();
        }
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < parts.size() - 1; i++) running.add(executor.submit(parts.get(i)));
        Exception failed = null;
        try {
            if (!parts.isEmpty()) parts.get(parts.size() - 1).call();
        } catch (Exception e) {
            failed = e;
        }
        for (Future<Void> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failed == null) failed = e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (failed != null) throw failed;
        // the chunk's parts for the publish step, written once they are complete (one file a chunk, not one a part)
        if (!parts.isEmpty()) Files.writeString(partsDir.resolve(String.format(PARTS_LIST, index)), list);
        if (!errors.isEmpty()) RejectsReport.appendCsv(rejectsDir.resolve(String.format("chunk-%06d.csv", index)), errors);
        state.counters.loaded += loaded;
        state.counters.loadedSourceRows += settledRows.sourceRows;
        state.counters.rejected += settledRows.rejectedRows;
        state.counters.chunks++;
        org.sightline.lake.Faults.point("chunk-written", state.counters.chunks);
        if (step != null) {
            // the job repository counts rows, as an operator expects (Spring Batch adds one per block
            // written): rows staged are written, rows skipped or already in the lake are filtered
            step.setWriteCount(step.getWriteCount() + settledRows.staged - chunk.size());
            step.setFilterCount(step.getFilterCount() + settledRows.settled - settledRows.staged);
        }
    }

    /** A chunk's rows after settling: the rows to load by partition, the rejects, and counts. */
    private static final class Settled {
        final Map<String, List<Object[]>> byPartition = new LinkedHashMap<>();
        final List<RowError> errors = new ArrayList<>();
        long rejectedRows;
        long sourceRows;
        long settled;
        long staged;
    }

    /**
     * Settles each row of the chunk against the load state, in order (a method of its own, so that
     * the JIT compiles this loop apart from the writing).
     */
    private Settled settle(Chunk<? extends ProcessedBlock> chunk) {
        Settled out = new Settled();
        for (ProcessedBlock block : chunk) {
            for (ProcessedRow processed : block.rows()) {
                ProcessedRow r = state.settle(processed);
                out.settled++;
                if (r == null) continue;
                out.staged++;
                if (r.rejected()) {
                    out.errors.addAll(r.errors());
                    out.rejectedRows++;
                } else {
                    if (r.errors() != null) out.errors.addAll(r.errors());   // the parts a hook rejected
                    if (!r.rows().isEmpty()) out.sourceRows++;
                    for (int i = 0; i < r.rows().size(); i++) {
                        out.byPartition.computeIfAbsent(r.partitions().get(i), k -> new ArrayList<>()).add(r.rows().get(i));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void update(ExecutionContext ctx) throws ItemStreamException {
        state.counters.save(ctx);
    }

    @Override
    public void close() throws ItemStreamException {
        // each part is closed when its chunk is written
    }
}
