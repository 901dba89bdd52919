package org.sightline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @TempDir
    Path dir;

    private List<SourceRow> read(Path f) throws Exception {
        Fingerprint fp = Fingerprint.of(f);
        try (SourceFile src = SourceFiles.open(f, fp, 32_767); SheetReader r = src.open(null)) {
            List<SourceRow> rows = new ArrayList<>();
            SourceRow row;
            while ((row = r.next()) != null) rows.add(row);
            return rows;
        }
    }

    @Test
    void utf8WithBomAndCrlf() throws Exception {
        Path f = dir.resolve("a.csv");
        byte[] body = "name,town\r\nZoë,Bath\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF; all[1] = (byte) 0xBB; all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        List<SourceRow> rows = read(f);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cells()).containsExactly("name", "town");
        assertThat(rows.get(1).cells()).containsExactly("Zoë", "Bath");
    }

    @Test
    void windows1252SemicolonDelimited() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.write(f, "cost;site\n£2,594;Metro\n".getBytes(Charset.forName("windows-1252")));
        CsvFile csv = (CsvFile) SourceFiles.open(f, Fingerprint.of(f), 100);
        assertThat(csv.delimiter()).isEqualTo(';');
        assertThat(csv.charset().name()).isEqualTo("windows-1252");
        assertThat(read(f).get(1).cells()).containsExactly("£2,594", "Metro");
    }

    @Test
    void utf16WithAndWithoutBomAndTabs() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.write(f, "\uFEFFa\tb\n1\t2\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(read(f).get(1).cells()).containsExactly("1", "2");
        Path g = dir.resolve("d.csv");
        Files.write(g, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(read(g).get(1).cells()).containsExactly("1", "2");
    }

    @Test
    void quotedFieldsWithNewlinesKeepRecordNumbers() throws Exception {
        Path f = dir.resolve("e.csv");
        Files.writeString(f, "id,note\n1,\"two\nlines, and \"\"quotes\"\"\"\n2,plain\n");
        List<SourceRow> rows = read(f);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).cells()[1]).isEqualTo("two\nlines, and \"quotes\"");
        assertThat(rows.get(2).row()).isEqualTo(3);
    }

    @Test
    void unbalancedQuoteIsAClearError() throws Exception {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, "id,note\n1,\"never closed\n2,x\n");
        assertThatThrownBy(() -> read(f)).isInstanceOf(UnreadableFileException.class).hasMessageContaining("row 2").hasMessageContaining("unbalanced quote");
    }

    @Test
    void emptyAndBinaryFilesAreRefused() throws Exception {
        Path empty = dir.resolve("g.csv");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> read(empty)).hasMessageContaining("empty");
        Path bin = dir.resolve("h.xlsx");
        Files.write(bin, new byte[] {1, 2, 3, 0, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> read(bin)).isInstanceOf(UnreadableFileException.class);
    }
}
