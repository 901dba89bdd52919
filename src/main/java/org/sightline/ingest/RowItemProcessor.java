package org.sightline.ingest;

import java.util.ArrayList;
import java.util.List;

import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Batch processor, one block of rows at a time: marks blank, totals and repeated header rows as
 * skipped, rejects bad rows with their errors, and gives the rest their lake rows, partitions and
 * natural keys. Stateless per row, so the reader runs it on the workers, ahead of the step; what depends
 * on the rows before (in-file duplicates, rows already in the lake, the counts) is settled in file
 * order by {@link LoadState#settle}, which the writer calls.
 */
// not final: the ingest job's step-scoped bean of this class is a class-based scoped proxy (IngestJobConfiguration)
public class RowItemProcessor implements ItemProcessor<SourceBlock, ProcessedBlock>, ItemStream {

    public static final String NOTE = "sightline.note";

    private final RowProcessor rows;
    private final LoadState state;
    private final DatasetHook hook;
    private final HookContext hookContext;
    private final int storedCount;
    /** A lake row's length: the stored columns and the lineage columns. */
    private final int width;
    /** The lineage values every lake row of the unit shares: file, its SHA-256, sheet, run. */
    private final String fileName;
    private final String sha256;
    private final String sheet;
    private final String runId;
    /** Boxed once: every lake row of the unit shares it. */
    private final Long ingestedAtMicros;

    RowItemProcessor(RowProcessor rows, LoadState state, DatasetHook hook, HookContext hookContext) {
        this.rows = rows;
        this.state = state;
        this.hook = hook;
        this.hookContext = hookContext;
        IngestUnit unit = hookContext.unit();
        this.storedCount = rows.storedColumns().length;
        this.width = storedCount + org.sightline.lake.LakeSchema.LINEAGE.size();
        this.fileName = unit.fileName();
        this.sha256 = unit.fingerprint().sha256();
        this.sheet = unit.sheet();
        this.runId = unit.runId();
        java.time.Instant t = unit.startedAt();
        this.ingestedAtMicros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Override
    public ProcessedBlock process(SourceBlock block) {
        List<ProcessedRow> out = new ArrayList<>(block.rows().size());
        for (SourceRow row : block.rows()) out.add(process(row));
        return new ProcessedBlock(out);
    }

    /** One row's outcome, before {@link LoadState#settle}: lake rows with their lineage values filled in. */
    ProcessedRow process(SourceRow row) {
        RowProcessor.Skip skip = rows.skipReason(row);
        if (skip != null) return ProcessedRow.skipped(row.row(), skip);
        ProcessedRow p = rows.process(row);
        if (p.rejected()) return p;
        List<Object[]> lake = p.rows();
        boolean inPlace = true;
        for (Object[] r : lake) inPlace &= r.length == width;
        if (inPlace) {
            // rows from RowProcessor.newRow (the default row, and a hook's new rows) have room for the lineage
            for (Object[] r : lake) lineage(r, row.row());
        } else {
            List<Object[]> copied = new ArrayList<>(lake.size());
            for (Object[] r : lake) copied.add(lineage(java.util.Arrays.copyOf(r, width), row.row()));
            lake = copied;
        }
        List<KeySet.Print> keys = null;
        if (state.hasKey()) {
            if (lake.size() == 1) {
                keys = List.of(state.key(lake.get(0)));
            } else {
                keys = new ArrayList<>(lake.size());
                for (Object[] r : lake) keys.add(state.key(r));
            }
        }
        return new ProcessedRow(p.sourceRow(), lake, p.partitions(), keys, p.errors(), null);
    }

    /** Fills the lineage columns ({@link org.sightline.lake.LakeSchema#LINEAGE}) after the stored values. */
    private Object[] lineage(Object[] out, long sourceRow) {
        out[storedCount] = fileName;
        out[storedCount + 1] = sha256;
        out[storedCount + 2] = sheet;
        out[storedCount + 3] = sourceRow;
        out[storedCount + 4] = runId;
        out[storedCount + 5] = ingestedAtMicros;
        return out;
    }

    /** Runs the hook's first pass; again on restart, since hooks keep their state in memory. */
    @Override
    public void open(ExecutionContext ctx) throws ItemStreamException {
        try {
            String note = hook.prepare(hookContext);
            if (note != null) ctx.putString(NOTE, note);
        } catch (Exception e) {
            // a hook refusing the file for its content (a runtime exception) is final; one waiting for
            // reference data, or failing to read (an I/O error), is tried again by later runs
            boolean refused = e instanceof RuntimeException && !(e instanceof DatasetHook.WaitingForReference);
            throw new ItemStreamException(e.getMessage(), refused ? new DatasetHook.Refused(e) : e);
        }
    }
}
