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

    public boolean rejected() {
        return errors != null && !errors.isEmpty();
    }

    static ProcessedRow rejected(long sourceRow, List<RowError> errors) {
        return new ProcessedRow(sourceRow, List.of(), List.of(), null, errors, null);
    }

    static ProcessedRow skipped(long sourceRow, RowProcessor.Skip skip) {
        return new ProcessedRow(sourceRow, List.of(), List.of(), null, null, skip);
    }

    static ProcessedRow loaded(long sourceRow, List<Object[]> rows, List<String> partitions) {
        return new ProcessedRow(sourceRow, rows, partitions, null, null, null);
    }
}
