package org.sightline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 *
 * <p>The file is parsed ahead on a thread of its own, up to {@code aheadBlocks} blocks (a chunk's
 * worth), so parsing the next chunk overlaps with processing and writing this one. Blocks, the end of
 * the file and a failure (a malformed file, a limit passed) reach {@link #read} in file order, so the
 * step sees exactly what reading on its own thread would give; the rows saved at a commit are the rows
 * handed to the step, not the rows parsed ahead.
 */
public final class SourceBlockReader implements ItemStreamReader<SourceBlock>, StepExecutionListener {

    /** The rows read so far, in the step's execution context (the key the row-by-row reader used). */
    static final String ROWS_READ = "source.read.count";

    private final IngestUnit unit;
    private final int maxCellLength;
    private final long maxRows;
    private final int blockRows;
    private final int aheadBlocks;
    private SourceFile source;
    private SheetReader rows;
    /** Rows handed to the step. */
    private long read;
    private StepExecution step;
    private Thread parser;
    private BlockingQueue<Object> ahead;
    private boolean ended;
    /** A failure the parser met, given to every read from then on. */
    private Throwable failure;

    /** The end of the rows, in the queue of blocks parsed ahead. */
    private static final Object END = new Object();

    public SourceBlockReader(IngestUnit unit, int maxCellLength, long maxRows, int blockRows, int aheadBlocks) {
        this.unit = unit;
        this.maxCellLength = maxCellLength;
        this.maxRows = maxRows;
        this.blockRows = blockRows;
        this.aheadBlocks = Math.max(1, aheadBlocks);
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
        if (ended) return null;
        if (parser == null) startParser();
        if (failure == null) {
            Object next;
            try {
                next = ahead.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(unit.fileName() + ": interrupted while reading", e);
            }
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof SourceBlock block) return handOut(block);
            failure = (Throwable) next;
        }
        if (failure instanceof IOException e) throw e;
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        throw new IOException(failure);   // no other checked failure comes from parsing
    }

    private SourceBlock handOut(SourceBlock block) {
        read += block.rows().size();
        // the job repository counts rows, as an operator expects: Spring Batch adds one per block
        if (step != null) step.setReadCount(step.getReadCount() + block.rows().size() - 1);
        return block;
    }

    /** Parses the rest of the file on a thread of its own, a block at a time, into {@link #ahead}. */
    private void startParser() {
        ahead = new ArrayBlockingQueue<>(aheadBlocks);
        long start = read;
        parser = new Thread(() -> {
            long parsed = start;
            try {
                while (true) {
                    List<SourceRow> block = new ArrayList<>(blockRows);
                    SourceRow row;
                    while (block.size() < blockRows && (row = rows.next()) != null) {
                        if (++parsed > maxRows) throw LimitExceededException.rows(unit, maxRows);
                        block.add(row);
                    }
                    if (block.isEmpty()) break;
                    ahead.put(new SourceBlock(block));
                }
                ahead.put(END);
            } catch (InterruptedException stopped) {
                // the step closed the reader before the end of the file
            } catch (Throwable failure) {
                try {
                    ahead.put(failure);
                } catch (InterruptedException stopped) {
                    // closed meanwhile: nobody is waiting for the failure
                }
            }
        }, "ingest-read");
        parser.setDaemon(true);
        parser.start();
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(ROWS_READ, read);
    }

    @Override
    public void close() throws ItemStreamException {
        if (parser != null) {
            // stop parsing ahead before the file is closed under it
            parser.interrupt();
            try {
                parser.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            parser = null;
        }
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

        /** The unit has more data rows than its limit. */
        static LimitExceededException rows(IngestUnit unit, long maxRows) {
            return new LimitExceededException(unit.fileName() + ": more than " + maxRows + " data rows (the limit for "
                    + unit.contract().dataset() + "); split the file or raise the limit");
        }
    }
}
