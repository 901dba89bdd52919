package org.sightline.ingest;

import java.util.ArrayList;
import java.util.List;

import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Batch processor: skips blank, totals and repeated header rows (counted), rejects bad rows with
 * their errors, rejects in-file duplicates of the natural key, and drops rows an append dataset
 * already holds (counted as duplicates, so re-sent months add nothing).
 */
public final class RowItemProcessor implements ItemProcessor<SourceRow, ProcessedRow>, ItemStream {

    public static final String NOTE = "sightline.note";

    private final RowProcessor rows;
    private final LoadState state;
    private final Contract contract;
    private final String fileName;
    private final String sheet;
    private final DatasetHook hook;
    private final HookContext hookContext;

    RowItemProcessor(RowProcessor rows, LoadState state, Contract contract, String fileName, String sheet,
                     DatasetHook hook, HookContext hookContext) {
        this.hook = hook;
        this.hookContext = hookContext;
        this.rows = rows;
        this.state = state;
        this.contract = contract;
        this.fileName = fileName;
        this.sheet = sheet;
    }

    @Override
    public ProcessedRow process(SourceRow row) {
        RowProcessor.Skip skip = rows.skipReason(row);
        if (skip != null) {
            switch (skip) {
                case BLANK -> state.counters.blank++;
                case TOTALS -> state.counters.totals++;
                case REPEATED_HEADER -> state.counters.repeatedHeaders++;
            }
            return null;
        }
        ProcessedRow p = rows.process(row);
        if (p.rejected() || state.keyIdx.length == 0) return p;
        List<Object[]> keep = new ArrayList<>(p.rows().size());
        List<String> partitions = new ArrayList<>(p.rows().size());
        List<String> keys = new ArrayList<>(p.rows().size());
        for (int i = 0; i < p.rows().size(); i++) {
            String key = state.key(p.rows().get(i));
            Long first = state.seenInFile.get(key);
            if (first != null || keys.contains(key)) {
                return ProcessedRow.rejected(row.row(), List.of(new RowError(fileName, sheet, row.row(), "(row)",
                        String.join(", ", contract.naturalKey()), "", "duplicate",
                        "the same " + String.join(" + ", contract.naturalKey()) + " as row " + (first == null ? row.row() : first) + "; each appears once")));
            }
            keys.add(key);
            if (state.inLake.contains(key)) continue;
            keep.add(p.rows().get(i));
            partitions.add(p.partitions().get(i));
        }
        for (String k : keys) state.seenInFile.put(k, row.row());
        if (keep.isEmpty() && !p.rows().isEmpty()) {
            state.counters.duplicates++;
            return null;
        }
        return new ProcessedRow(p.sourceRow(), keep, partitions, null);
    }

    /** Runs the hook's first pass; again on restart, since hooks keep their state in memory. */
    @Override
    public void open(ExecutionContext ctx) throws ItemStreamException {
        try {
            String note = hook.prepare(hookContext);
            if (note != null) ctx.putString(NOTE, note);
        } catch (Exception e) {
            throw new ItemStreamException(e.getMessage(), e);
        }
    }
}
