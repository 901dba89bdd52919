package org.sightline.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample-data/lac/ and its ground truth are exactly what LacSampleGenerator makes, labelled synthetic, and small. */
class LacSampleGeneratorTest {

    static final Path DIR = Path.of("sample-data", LacSampleGenerator.DIR);

    @TempDir
    Path tmp;

    @Test
    void regeneratingGivesTheCheckedInFilesAndGroundTruth() throws IOException {
        String json = LacSampleGenerator.generate(tmp);
        try (InputStream in = getClass().getResourceAsStream("/sample-expected-lac.json")) {
            assertThat(in).as("src/test/resources/sample-expected-lac.json").isNotNull();
            assertThat(json).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Path> made = files(tmp);
        assertThat(made).hasSize(4);
        long total = 0;
        for (Path f : made) {
            Path checkedIn = DIR.resolve(f.getFileName().toString());
            assertThat(checkedIn).as("run LacSampleGenerator and commit sample-data/lac/").exists();
            assertThat(Files.readAllBytes(f)).as(checkedIn.toString()).isEqualTo(Files.readAllBytes(checkedIn));
            assertThat(f.getFileName().toString()).contains(".synthetic.");
            assertThat(Files.readAllLines(f).get(0)).startsWith("SYNTHETIC SAMPLE DATA");
            total += Files.size(f);
        }
        assertThat(files(DIR)).as("files in sample-data/lac/ the generator does not make").hasSameSizeAs(made);
        assertThat(total).as("the LAC sample stays small").isLessThan(200_000);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
