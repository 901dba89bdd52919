package org.sightline.ingest;

import java.util.List;

import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Batch processor: skips blank, totals and repeated header rows (counted), rejects bad rows with
 * their errors, rejects in-file duplicates of the natural key, and drops rows an append dataset
 * already holds (counted as duplicates, so re-sent months add nothing).
 */
public final class RowItemProcessor implements ItemProcessor<SourceRow, ProcessedRow> {

    private final RowProcessor rows;
    private final LoadState state;
    private final Contract contract;
    private final String fileName;
    private final String sheet;

    RowItemProcessor(RowProcessor rows, LoadState state, Contract contract, String fileName, String sheet) {
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
        if (p.rejected()) return p;
        String key = state.key(p.values());
        if (key == null) return p;
        Long first = state.seenInFile.putIfAbsent(key, row.row());
        if (first != null) {
            return new ProcessedRow(row.row(), null, null, List.of(new RowError(fileName, sheet, row.row(), "(row)",
                    String.join(", ", contract.naturalKey()), "", "duplicate",
                    "the same " + String.join(" + ", contract.naturalKey()) + " as row " + first + "; each appears once")));
        }
        if (state.inLake.contains(key)) {
            state.counters.duplicates++;
            return null;
        }
        return p;
    }
}
