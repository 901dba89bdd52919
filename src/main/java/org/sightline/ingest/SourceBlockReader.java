package org.sightline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.sightline.ingest.read.SheetReader;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the data rows of one unit (the rows below its header) in blocks of consecutive rows.
 * Restartable: the count of rows read is saved at each chunk commit, and a restart skips that many
 * rows, whatever the block size was.
 */
public final class SourceBlockReader implements ItemStreamReader<SourceBlock>, StepExecutionListener {

    /** The rows read so far, in the step's execution context (the key the row-by-row reader used). */
    static final String ROWS_READ = "source.read.count";

    private final IngestUnit unit;
    private final int maxCellLength;
    private final long maxRows;
    private final int blockRows;
    private SourceFile source;
    private SheetReader rows;
    private long read;
    private StepExecution step;

    public SourceBlockReader(IngestUnit unit, int maxCellLength, long maxRows, int blockRows) {
        this.unit = unit;
        this.maxCellLength = maxCellLength;
        this.maxRows = maxRows;
        this.blockRows = blockRows;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void open(ExecutionContext ctx) throws ItemStreamException {
        try {
            source = SourceFiles.open(unit.file(), unit.fingerprint(), maxCellLength);
            rows = source.open(unit.sheet());
            for (int i = 0; i < unit.header().rowsBefore(); i++) {
                if (rows.next() == null) break;
            }
            long done = ctx.getLong(ROWS_READ, 0);
            while (read < done && rows.next() != null) read++;
        } catch (IOException e) {
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    @Override
    public SourceBlock read() throws IOException {
        List<SourceRow> block = new ArrayList<>(blockRows);
        SourceRow row;
        while (block.size() < blockRows && (row = rows.next()) != null) {
            if (++read > maxRows) {
                throw new LimitExceededException(unit.fileName() + ": more than " + maxRows + " data rows (the limit for "
                        + unit.contract().dataset() + "); split the file or raise the limit");
            }
            block.add(row);
        }
        if (block.isEmpty()) return null;
        // the job repository counts rows, as an operator expects: Spring Batch adds one per block
        if (step != null) step.setReadCount(step.getReadCount() + block.size() - 1);
        return new SourceBlock(block);
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(ROWS_READ, read);
    }

    @Override
    public void close() throws ItemStreamException {
        try {
            if (rows != null) rows.close();
            if (source != null) source.close();
        } catch (IOException e) {
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    /** A configured resource limit was passed. */
    public static final class LimitExceededException extends IOException {
        public LimitExceededException(String message) {
            super(message);
        }
    }
}
