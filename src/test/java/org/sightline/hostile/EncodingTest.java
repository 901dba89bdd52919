package org.sightline.hostile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.read.CsvFile;
import org.sightline.ingest.read.UnreadableFileException;

/** A CSV that is UTF-8 but for one Windows-1252 byte is refused naming that byte and its line (not read wholly as 1252 in silence). */
class EncodingTest {

    @TempDir
    Path tmp;

    @Test
    void utf8ButForOneWindows1252ByteIsRefusedNamingTheByteAndLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("SYNTHETIC\nSITE,NAME\nMetro City,Zoë Brontë\n".getBytes(StandardCharsets.UTF_8));
        b.write("Metro City,Ren".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);   // 'é' in Windows-1252
        b.write("e\n".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(tmp.resolve("mixed.csv"), b.toByteArray());
        assertThatThrownBy(() -> CsvFile.open(f, false, 32767)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("line 4").hasMessageContaining("0xE9").hasMessageContaining("'é'").hasMessageContaining("Save the whole file as UTF-8");
    }

    @Test
    void wholly1252IsStillRead() throws Exception {
        Path f = Files.write(tmp.resolve("latin.csv"), "SYNTHETIC\nSITE,NAME\nMetro City,Ren\u00e9e\n".getBytes("windows-1252"));
        try (CsvFile c = CsvFile.open(f, false, 32767)) {
            org.assertj.core.api.Assertions.assertThat(c.charset().name()).isEqualTo("windows-1252");
        }
    }
}
