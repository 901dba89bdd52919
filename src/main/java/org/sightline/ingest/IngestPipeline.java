package org.sightline.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.sightline.contract.ValueParser;
import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The reader, processor and writer of one unit's ingest, built in one place from the unit and the run's
 * settings: the ingest job's job-scoped pipeline and step-scoped parts ({@link IngestJobConfiguration},
 * resolved from the job parameters, for a new ingest and for a restart alike) and {@code validate}
 * ({@link IngestService#validate}) read, parse, check and settle rows with the same parts, so a dry run
 * cannot drift from an ingest.
 *
 * <p>A chunk of the load step is {@code chunkSize} rows, read in blocks of {@link #blockRows()} rows; each
 * block is processed on the workers as soon as it is parsed (up to a chunk's worth ahead of the step),
 * then settled and written in file order.
 */
final class IngestPipeline {
    /** Rows per item of the load step: a block is processed on one thread, blocks on several at once. */
    static final int BLOCK_ROWS = 500;

    private final IngestUnit unit;
    /** The run's settings with the unit's contract's own limits. */
    private final IngestSettings settings;
    private final LoadState state;
    private final DatasetHook hook;
    private final RowItemProcessor processor;

    private IngestPipeline(IngestUnit unit, IngestSettings runSettings, Pseudonymiser pseudonymiser) {
        this.unit = unit;
        this.settings = runSettings.forContract(unit.contract());
        this.state = new LoadState(unit.contract(), unit.fileName(), unit.sheet());
        this.hook = DatasetHook.create(unit.contract());
        RowProcessor rows = new RowProcessor(unit.contract(), unit.header(), new ValueParser(settings.today()),
                pseudonymiser, unit.fileName(), unit.sheet(), hook);
        HookContext hookContext = new HookContext(unit, settings.home(), settings.today(), settings.maxCellLength());
        this.processor = new RowItemProcessor(rows, state, hook, hookContext);
    }

    /** Threads that process blocks ahead of the reader and write a chunk's partitions, one per core (daemon threads). */
    static ExecutorService newWorkers() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The parts of an ingest (pseudonymising with the home's key) or of a dry run (a throwaway key). */
    static IngestPipeline of(IngestUnit unit, IngestSettings runSettings, Pseudonymiser pseudonymiser) {
        return new IngestPipeline(unit, runSettings, pseudonymiser);
    }

    IngestUnit unit() {
        return unit;
    }

    IngestSettings settings() {
        return settings;
    }

    LoadState state() {
        return state;
    }

    DatasetHook hook() {
        return hook;
    }

    /** Blank, totals and header rows skipped, bad rows rejected, the rest turned into lake rows; opening it runs the hook's first pass. */
    RowItemProcessor processor() {
        return processor;
    }

    int blockRows() {
        return Math.min(BLOCK_ROWS, settings.chunkSize());
    }

    /** The load step's commit interval, in blocks: a chunk is {@code chunkSize} rows. */
    int blocksPerChunk() {
        int blockRows = blockRows();
        return (settings.chunkSize() + blockRows - 1) / blockRows;
    }

    /** Reads the unit's rows after its header, in blocks processed ahead on {@code workers}; refuses a file over the row limit. */
    SourceBlockReader<ProcessedBlock> reader(ExecutorService workers) {
        return new SourceBlockReader<>(unit, settings.maxCellLength(), settings.maxRows(), blockRows(), blocksPerChunk(),
                processor, workers);
    }

    /** Settles each chunk in file order and writes it to staging. */
    StagingWriter writer(Lake lake, AsyncTaskExecutor executor) {
        return new StagingWriter(unit, new LakeSchema(unit.contract()), state, lake, executor);
    }
}
