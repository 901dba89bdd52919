package org.sightline.ingest;

import java.util.List;

/**
 * The outcome for one data row: its lake rows (values in the dataset's stored-column order; usually
 * one, more when a hook unpivots) with each row's partition folder and natural key, or the errors
 * that reject it, or why it was skipped (blank, totals, a repeated header).
 *
 * @param keys natural keys of {@code rows}, or null when the dataset has none
 */
public record ProcessedRow(long sourceRow, List<Object[]> rows, List<String> partitions, List<KeySet.Print> keys,
                           List<RowError> errors, RowProcessor.Skip skip) {

    /** True when the row is rejected whole; a row with lake rows and errors loaded in part (see {@link #partial}). */
    public boolean rejected() {
        return errors != null && !errors.isEmpty() && rows.isEmpty();
    }

    static ProcessedRow rejected(long sourceRow, List<RowError> errors) {
        return new ProcessedRow(sourceRow, List.of(), List.of(), null, errors, null);
    }

    static ProcessedRow skipped(long sourceRow, RowProcessor.Skip skip) {
        return new ProcessedRow(sourceRow, List.of(), List.of(), null, null, skip);
    }

    /**
     * A row loaded in part: its lake rows, and errors for the parts a hook rejected (one judgement
     * area of an inspection, say), which go to the rejects report while the rest loads.
     */
    static ProcessedRow partial(long sourceRow, List<Object[]> rows, List<String> partitions, List<RowError> errors) {
        return new ProcessedRow(sourceRow, rows, partitions, null, errors, null);
    }

    static ProcessedRow loaded(long sourceRow, List<Object[]> rows, List<String> partitions) {
        return new ProcessedRow(sourceRow, rows, partitions, null, null, null);
    }
}
