package org.sightline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.sightline.ingest.read.SheetReader;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the data rows of one unit (the rows below its header) in blocks of consecutive rows, each
 * block already processed ({@code T} is what the processor makes of it). Restartable: the count of rows
 * read is saved at each chunk commit, and a restart skips that many rows, whatever the block size was.
 *
 * <p>The file is parsed ahead on a thread of its own, and each block is processed on the workers as
 * soon as it is parsed, up to {@code aheadBlocks} blocks (a chunk's worth) ahead of the step. So the
 * next chunk is parsed and processed while the step settles and writes this one, and no core waits for
 * the chunk's serial part. This needs a processor that depends on nothing but the block, which
 * {@link RowItemProcessor} is: all that depends on the rows before is settled by the writer. Blocks,
 * the end of the file and a failure (a malformed file, a limit passed, a processing error) reach
 * {@link #read} in file order, so the step sees exactly what reading and processing on its own thread
 * would give; the rows saved at a commit are the rows handed to the step, not the rows read ahead.
 */
// not final: the ingest job's step-scoped bean of this class is a class-based scoped proxy (IngestJobConfiguration)
public class SourceBlockReader<T> implements ItemStreamReader<T>, StepExecutionListener {

    /** The rows read so far, in the step's execution context (the key the row-by-row reader used). */
    static final String ROWS_READ = "source.read.count";

    private final IngestUnit unit;
    private final int maxCellLength;
    private final long maxRows;
    private final int blockRows;
    private final int aheadBlocks;
    private final ItemProcessor<SourceBlock, T> processor;
    private final ExecutorService workers;
    private SourceFile source;
    private SheetReader rows;
    /** Rows handed to the step. */
    private long read;
    private StepExecution step;
    private Thread parser;
    private BlockingQueue<Object> ahead;
    private boolean ended;
    private Progress progress;
    /** A failure the parser met, given to every read from then on. */
    private Throwable failure;

    /** The end of the rows, in the queue of blocks read ahead. */
    private static final Object END = new Object();

    /**
     * A block read ahead: its count of rows and its processing. Not the block itself, so that its
     * cells are garbage once processed rather than kept alive (and copied by each young collection)
     * until the step takes the block.
     */
    private record Ahead<T>(int rows, Future<T> processed) {}

    public SourceBlockReader(IngestUnit unit, int maxCellLength, long maxRows, int blockRows, int aheadBlocks,
                             ItemProcessor<SourceBlock, T> processor, ExecutorService workers) {
        this.unit = unit;
        this.maxCellLength = maxCellLength;
        this.maxRows = maxRows;
        this.blockRows = blockRows;
        this.aheadBlocks = Math.max(1, aheadBlocks);
        this.processor = processor;
        this.workers = workers;
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
            progress = new Progress(unit.fileName() + (unit.sheet() == null ? "" : " [" + unit.sheet() + "]"), read);
        } catch (IOException e) {
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    @Override
    public T read() throws Exception {
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
            if (next instanceof Ahead<?> a) {
                try {
                    @SuppressWarnings("unchecked")
                    T item = (T) a.processed().get();
                    return handOut(a.rows(), item);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            } else {
                failure = (Throwable) next;
            }
        }
        if (failure instanceof Exception e) throw e;
        if (failure instanceof Error e) throw e;
        throw new IllegalStateException(failure);
    }

    private T handOut(int rows, T item) {
        read += rows;
        if (progress != null) progress.update(read, this.rows.fractionRead());
        // the job repository counts rows, as an operator expects: Spring Batch adds one per block
        if (step != null) step.setReadCount(step.getReadCount() + rows - 1);
        return item;
    }

    /**
     * Parses the rest of the file on a thread of its own, a block at a time, hands each block to the
     * workers to process and queues it in {@link #ahead}.
     */
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
                    SourceBlock next = new SourceBlock(block);
                    ahead.put(new Ahead<>(block.size(), workers.submit(() -> processor.process(next))));
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
        if (progress != null) progress.done();
        if (parser != null) {
            // stop parsing ahead before the file is closed under it
            parser.interrupt();
            try {
                parser.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            parser = null;
            // blocks processed ahead that the step will not take
            for (Object next : ahead) {
                if (next instanceof Ahead<?> a) a.processed().cancel(false);
            }
            ahead.clear();
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
