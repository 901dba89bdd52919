package org.sightline.sample;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The checked-in sample data and its oracle are exactly what the generator makes, and stay labelled synthetic. */
class SampleDataGeneratorTest {

    static final Path SAMPLE_DATA = Path.of("sample-data");

    @TempDir
    Path tmp;

    @Test
    void regeneratingGivesTheCheckedInOracle() throws IOException {
        String json = SampleDataGenerator.generate(tmp);
        try (InputStream in = getClass().getResourceAsStream("/sample-expected.json")) {
            assertThat(in).as("src/test/resources/sample-expected.json").isNotNull();
            assertThat(json).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The folders this generator writes: sample-data/ itself and its fidelity/ and care-records/ sub-folders (other sub-folders belong to other generators). */
    static final List<String> FOLDERS = List.of("", FidelitySamples.DIR, LinkedCareSamples.DIR);

    @Test
    void regeneratingGivesByteIdenticalSampleFiles() throws IOException {
        SampleDataGenerator.generate(tmp);
        for (String folder : FOLDERS) {
            for (Path made : files(tmp.resolve(folder))) {
                Path checkedIn = SAMPLE_DATA.resolve(folder).resolve(made.getFileName().toString());
                assertThat(checkedIn).as("run SampleDataGenerator and commit sample-data/").exists();
                assertThat(Files.readAllBytes(made)).as(checkedIn.toString()).isEqualTo(Files.readAllBytes(checkedIn));
            }
            assertThat(files(SAMPLE_DATA.resolve(folder))).as("files in sample-data/" + folder + " the generator does not make")
                    .hasSameSizeAs(files(tmp.resolve(folder)));
        }
        assertThat(files(tmp.resolve(FidelitySamples.DIR))).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyFileAndSheetSaysSynthetic() throws IOException {
        SampleDataGenerator.generate(tmp);
        for (Path f : allFiles(tmp)) {
            String name = f.getFileName().toString();
            assertThat(name).contains(".synthetic.");
            if (name.endsWith(".xlsx")) {
                try (Workbook wb = new XSSFWorkbook(Files.newInputStream(f))) {
                    for (Sheet sheet : wb) {
                        assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                                .as(name + " / " + sheet.getSheetName()).startsWith("SYNTHETIC SAMPLE DATA");
                    }
                }
            } else {
                Charset cs = name.startsWith("river-valley") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
                String first = new String(Files.readAllBytes(f), cs).replace("\uFEFF", "").lines().findFirst().orElse("");
                assertThat(first).as(name).startsWith("SYNTHETIC SAMPLE DATA");
            }
        }
    }

    @Test
    void sampleDataStaysSmall() throws IOException {
        SampleDataGenerator.generate(tmp);
        long total = 0;
        for (Path f : allFiles(tmp)) total += Files.size(f);
        assertThat(total).isLessThan(1_000_000L);
    }

    static List<Path> allFiles(Path dir) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (String folder : FOLDERS) out.addAll(files(dir.resolve(folder)));
        return out;
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }
}
