package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceRow;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;

/**
 * The reader parses ahead on a thread of its own and processes ahead on the workers; the step must see
 * what reading and processing in line would give.
 */
@Timeout(30)
class SourceBlockReaderTest {

    @TempDir
    Path dir;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** A reader whose processing hands the block on as it is. */
    private SourceBlockReader<SourceBlock> reader(Path csv, long maxRows, int blockRows, int ahead) throws Exception {
        return new SourceBlockReader<>(unit(csv), 1000, maxRows, blockRows, ahead, block -> block, workers);
    }

    private IngestUnit unit(Path csv) throws Exception {
        Contract referral = new ContractLoader(Path.of("jobs"), LocalDate.of(2026, 12, 1)).loadAll().get("referral");
        HeaderMap header = new HeaderMap(1, 1, new int[0], new String[0], List.of(), List.of(), List.of());
        return new IngestUnit(csv, Fingerprint.of(csv), null, referral, header, "test", "run", Instant.now());
    }

    private Path csv(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("Referral ID,Note\n");
        for (int i = 1; i <= rows; i++) sb.append("R-").append(i).append(",n").append(i).append('\n');
        return Files.writeString(dir.resolve("rows-" + rows + ".csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> ids(SourceBlockReader<SourceBlock> reader, int blocks) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            SourceBlock block = reader.read();
            if (block == null) break;
            for (SourceRow r : block.rows()) ids.add(r.cell(0));
        }
        return ids;
    }

    @Test
    void blocksArriveInFileOrderAndACommitSavesOnlyTheRowsHandedOut() throws Exception {
        Path file = csv(1003);
        SourceBlockReader<SourceBlock> reader = reader(file, 10_000, 10, 3);
        reader.open(new ExecutionContext());
        List<String> first = ids(reader, 5);
        assertThat(first).hasSize(50).startsWith("R-1", "R-2").endsWith("R-50");
        ExecutionContext saved = new ExecutionContext();
        reader.update(saved);
        // the parser is blocks ahead by now, but the commit records the 50 rows the step has
        assertThat(saved.getLong(SourceBlockReader.ROWS_READ)).isEqualTo(50);
        List<String> rest = ids(reader, 1000);
        assertThat(rest).hasSize(953).startsWith("R-51").endsWith("R-1003");
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        reader.close();

        // a restart from that commit carries on at row 51
        SourceBlockReader<SourceBlock> again = reader(file, 10_000, 10, 3);
        again.open(saved);
        assertThat(ids(again, 1)).containsExactly("R-51", "R-52", "R-53", "R-54", "R-55", "R-56", "R-57", "R-58", "R-59", "R-60");
        again.close();
    }

    @Test
    void aPassedLimitArrivesAfterTheBlocksBeforeIt() throws Exception {
        SourceBlockReader<SourceBlock> reader = reader(csv(100), 35, 10, 8);
        reader.open(new ExecutionContext());
        assertThat(ids(reader, 3)).hasSize(30).endsWith("R-30");
        assertThatThrownBy(reader::read).isInstanceOf(SourceBlockReader.LimitExceededException.class)
                .hasMessageContaining("more than 35 data rows");
        // and again if asked, rather than waiting for a parser that has stopped
        assertThatThrownBy(reader::read).isInstanceOf(SourceBlockReader.LimitExceededException.class);
        reader.close();
    }

    @Test
    void closingMidFileStopsTheParser() throws Exception {
        SourceBlockReader<SourceBlock> reader = reader(csv(5000), 10_000, 10, 2);
        reader.open(new ExecutionContext());
        assertThat(ids(reader, 1)).hasSize(10);
        reader.close();
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("ingest-read") && t.isAlive());
    }
    @Test
    void blocksAreProcessedAheadAndAProcessingFailureArrivesInOrder() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        SourceBlockReader<String> reader = new SourceBlockReader<>(unit(csv(100)), 1000, 10_000, 10, 3, block -> {
            String first = block.rows().get(0).cell(0);
            if (first.equals("R-61")) throw new IllegalStateException("cannot process the block from " + first);
            processed.incrementAndGet();
            return first + ".." + block.rows().get(block.rows().size() - 1).cell(0) + " on " + Thread.currentThread().getName();
        }, workers);
        reader.open(new ExecutionContext());
        assertThat(reader.read()).startsWith("R-1..R-10 on pool-");
        // the step has taken one block; the next three (the queue's) and the one the parser holds are
        // processed without waiting for it, and no more
        long until = System.currentTimeMillis() + 10_000;
        while (processed.get() < 5 && System.currentTimeMillis() < until) Thread.sleep(5);
        Thread.sleep(50);
        assertThat(processed.get()).isEqualTo(5);
        for (int b = 2; b <= 6; b++) assertThat(reader.read()).startsWith("R-" + (10 * b - 9) + "..R-" + (10 * b) + " ");
        assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("cannot process the block from R-61");
        assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class);
        ExecutionContext saved = new ExecutionContext();
        reader.update(saved);
        assertThat(saved.getLong(SourceBlockReader.ROWS_READ)).isEqualTo(60);
        reader.close();
    }
}
