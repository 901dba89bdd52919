package org.sightline.ingest;

import java.util.List;

/**
 * The outcome for one data row: either the values for the lake (in the dataset's stored-column
 * order, followed by the source row number) or the errors that reject it.
 */
public record ProcessedRow(long sourceRow, Object[] values, String partition, List<RowError> errors) {

    public boolean rejected() {
        return errors != null && !errors.isEmpty();
    }
}
