package org.sightline.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample-data/ofsted/ and its oracle are exactly what OfstedSampleGenerator makes, labelled synthetic. */
class OfstedSampleGeneratorTest {

    static final Path DIR = Path.of("sample-data", OfstedSampleGenerator.DIR);

    @TempDir
    Path tmp;

    @Test
    void regeneratingGivesTheCheckedInOracle() throws IOException {
        String json = OfstedSampleGenerator.generate(tmp);
        try (InputStream in = getClass().getResourceAsStream("/sample-expected-ofsted.json")) {
            assertThat(in).as("src/test/resources/sample-expected-ofsted.json").isNotNull();
            assertThat(json).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void regeneratingGivesByteIdenticalWorkbooks() throws IOException {
        OfstedSampleGenerator.generate(tmp);
        List<Path> made = files(tmp);
        assertThat(made).hasSize(2);
        for (Path f : made) {
            Path checkedIn = DIR.resolve(f.getFileName().toString());
            assertThat(checkedIn).as("run OfstedSampleGenerator and commit sample-data/ofsted/").exists();
            assertThat(Files.readAllBytes(f)).as(checkedIn.toString()).isEqualTo(Files.readAllBytes(checkedIn));
        }
        assertThat(files(DIR)).as("files in sample-data/ofsted/ the generator does not make").hasSameSizeAs(made);
        // and a second run in the same JVM gives the same bytes again
        Path again = tmp.resolve("again");
        OfstedSampleGenerator.generate(again);
        for (Path f : made) assertThat(Files.readAllBytes(again.resolve(f.getFileName()))).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void everySheetSaysSyntheticAndTheFilesStaySmall() throws IOException {
        OfstedSampleGenerator.generate(tmp);
        long total = 0;
        for (Path f : files(tmp)) {
            assertThat(f.getFileName().toString()).contains(".synthetic.");
            total += Files.size(f);
            try (Workbook wb = new XSSFWorkbook(Files.newInputStream(f))) {
                for (Sheet sheet : wb) {
                    assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).as(f.getFileName() + " / " + sheet.getSheetName())
                            .startsWith("SYNTHETIC SAMPLE DATA");
                }
            }
        }
        assertThat(total).isLessThan(100_000L);
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
