package org.sightline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.it.Processes;

/**
 * The benchmark's code path end to end with tiny inputs: every step runs, the generated rows load,
 * the packs are written, and the printed figures are real numbers. Nothing is timed against a target.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void aTinyBenchmarkRunsEveryStepAndReportsRealNumbers() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dsightline.root=" + root, "-cp", Processes.classpath(), "org.sightline.cli.Main");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Benchmark.Results r = new Benchmark(new Benchmark.Settings(tmp, 2_000, 300, 1, java, root.resolve("jobs"), root, 2),
                new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String out = buf.toString(StandardCharsets.UTF_8);

        assertThat(r.csvRowsLoaded()).as(out).isEqualTo(2_000);
        assertThat(r.xlsxRowsLoaded()).as(out).isEqualTo(300);
        assertThat(r.duckSeconds()).isPositive();
        assertThat(r.ratio()).isPositive().isFinite();
        assertThat(r.xlsxPeakHeap()).isPositive();
        assertThat(r.xlsxPeakRss()).isPositive();
        assertThat(r.noopSeconds()).isNotNegative().isFinite();
        assertThat(r.packs()).isEqualTo(2);
        assertThat(r.pdfsPerMinute()).isPositive().isFinite();
        try (Stream<Path> s = Files.list(tmp.resolve("packs-2").resolve("out-1"))) {
            assertThat(s.filter(p -> p.toString().endsWith("-steering-pack.pdf")).count()).isEqualTo(2);
        }
        assertThat(out).contains("ratio b/a = ").contains("(d) steering packs, 2 sites").contains("nightly inbox pass, nothing new")
                .contains("2000 rows loaded, 0 rows rejected").contains("300 rows loaded, 0 rows rejected");
    }

    @Test
    void theXlsxHasDateAndNumberCells() throws Exception {
        Path x = BenchData.xlsx(tmp.resolve("t.xlsx"), 5);
        try (XSSFWorkbook wb = new XSSFWorkbook(x.toFile())) {
            Row row = wb.getSheetAt(0).getRow(2);
            assertThat(row.getCell(BenchData.REFERRAL_ID).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(BenchData.REFERRAL_ID).getNumericCellValue()).isEqualTo(1.0);
            for (int c : new int[] {BenchData.DOB, BenchData.REFERRED, BenchData.DECIDED}) {
                assertThat(row.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(row.getCell(c))).isTrue();
            }
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
        }
    }
}
