package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.sightline.lake.Manifest;
import org.sightline.lake.ParquetPartWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes each chunk to staging: good rows as one Parquet part per partition, rejected rows to a
 * rejects part. File names carry the chunk number, so a chunk redone after a crash overwrites its
 * own leftovers; parts beyond the last committed chunk are deleted when the step reopens.
 */
public final class StagingWriter implements ItemStreamWriter<ProcessedRow> {

    private final IngestUnit unit;
    private final LakeSchema schema;
    private final LoadState state;
    private final Lake lake;
    private final Path partsDir;
    private final Path rejectsDir;
    private final int storedCount;
    private final long ingestedAtMicros;

    StagingWriter(IngestUnit unit, LakeSchema schema, LoadState state, Lake lake) {
        this.unit = unit;
        this.schema = schema;
        this.state = state;
        this.lake = lake;
        Path dir = lake.stagingDir().resolve(unit.stagingName());
        this.partsDir = dir.resolve("parts");
        this.rejectsDir = dir.resolve("rejects");
        this.storedCount = schema.columns().size();
        java.time.Instant t = unit.startedAt();
        this.ingestedAtMicros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
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
            LoadState.loadKeys(kept, key, state.seenInFile, null);
            if (unit.contract().loadMode() == Contract.LoadMode.APPEND) {
                List<Path> published = new ArrayList<>();
                for (Manifest.FileEntry f : lake.read().current(unit.contract().dataset())) published.add(lake.root().resolve(f.path()));
                LoadState.loadKeys(published, key, null, state.inLake);
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
    public void write(Chunk<? extends ProcessedRow> chunk) throws Exception {
        long index = state.counters.chunks;
        long fault = Long.getLong("sightline.fault.after-chunks", -1);
        if (fault >= 0 && index >= fault) {
            throw new IllegalStateException("injected fault after " + index + " committed chunks");
        }
        long delay = Long.getLong("sightline.fault.chunk-delay-ms", 0);
        if (delay > 0) Thread.sleep(delay);
        Map<String, List<Object[]>> byPartition = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        long rejectedRows = 0;
        long sourceRows = 0;
        for (ProcessedRow r : chunk) {
            if (r.rejected()) {
                errors.addAll(r.errors());
                rejectedRows++;
            } else {
                if (!r.rows().isEmpty()) sourceRows++;
                for (int i = 0; i < r.rows().size(); i++) {
                    byPartition.computeIfAbsent(r.partitions().get(i), k -> new ArrayList<>()).add(lineage(r.rows().get(i), r.sourceRow()));
                }
            }
        }
        int p = 0;
        long loaded = 0;
        for (Map.Entry<String, List<Object[]>> e : byPartition.entrySet()) {
            Path file = partsDir.resolve(String.format("part-%06d-%03d.parquet", index, p++));
            try (ParquetPartWriter w = new ParquetPartWriter(file, schema)) {
                for (Object[] r : e.getValue()) w.write(r);
            }
            // sidecar for the publish step: "<rows>\t<partition>"
            Files.writeString(file.resolveSibling(file.getFileName() + ".partition"), e.getValue().size() + "\t" + e.getKey());
            loaded += e.getValue().size();
        }
        if (!errors.isEmpty()) RejectsReport.appendCsv(rejectsDir.resolve(String.format("chunk-%06d.csv", index)), errors);
        state.counters.loaded += loaded;
        state.counters.loadedSourceRows += sourceRows;
        state.counters.rejected += rejectedRows;
        state.counters.chunks++;
    }

    private Object[] lineage(Object[] v, long sourceRow) {
        Object[] out = java.util.Arrays.copyOf(v, storedCount + LakeSchema.LINEAGE.size());
        out[storedCount] = unit.fileName();
        out[storedCount + 1] = unit.fingerprint().sha256();
        out[storedCount + 2] = unit.sheet();
        out[storedCount + 3] = sourceRow;
        out[storedCount + 4] = unit.runId();
        out[storedCount + 5] = ingestedAtMicros;
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
