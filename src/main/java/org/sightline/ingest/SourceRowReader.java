package org.sightline.ingest;

import java.io.IOException;

import org.sightline.ingest.read.SheetReader;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the data rows of one unit (the rows below its header). Restartable: Spring Batch saves the
 * count of rows read at each chunk commit, and a restart skips that many rows.
 */
public final class SourceRowReader extends AbstractItemCountingItemStreamItemReader<SourceRow> {

    private final IngestUnit unit;
    private final int maxCellLength;
    private final long maxRows;
    private SourceFile source;
    private SheetReader rows;

    public SourceRowReader(IngestUnit unit, int maxCellLength, long maxRows) {
        this.unit = unit;
        this.maxCellLength = maxCellLength;
        this.maxRows = maxRows;
        setName("source");
    }

    @Override
    protected void doOpen() throws IOException {
        source = SourceFiles.open(unit.file(), unit.fingerprint(), maxCellLength);
        rows = source.open(unit.sheet());
        for (int i = 0; i < unit.header().rowsBefore(); i++) {
            if (rows.next() == null) break;
        }
    }

    @Override
    protected SourceRow doRead() throws IOException {
        SourceRow row = rows.next();
        if (row != null && getCurrentItemCount() > maxRows) {
            throw new LimitExceededException(unit.fileName() + ": more than " + maxRows + " data rows (the limit for "
                    + unit.contract().dataset() + "); split the file or raise the limit");
        }
        return row;
    }

    @Override
    protected void doClose() throws IOException {
        if (rows != null) rows.close();
        if (source != null) source.close();
    }

    /** A configured resource limit was passed. */
    public static final class LimitExceededException extends IOException {
        public LimitExceededException(String message) {
            super(message);
        }
    }
}
