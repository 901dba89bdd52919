package org.sightline.ingest;

import java.util.List;

/**
 * The outcome for one data row: either its lake rows (values in the dataset's stored-column order;
 * usually one, more when a hook unpivots) with each row's partition folder, or the errors that
 * reject it.
 */
public record ProcessedRow(long sourceRow, List<Object[]> rows, List<String> partitions, List<RowError> errors) {

    public boolean rejected() {
        return errors != null && !errors.isEmpty();
    }

    static ProcessedRow rejected(long sourceRow, List<RowError> errors) {
        return new ProcessedRow(sourceRow, List.of(), List.of(), errors);
    }
}
