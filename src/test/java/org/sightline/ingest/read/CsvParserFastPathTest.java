package org.sightline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * CsvFile.Parser reads unquoted cells straight from its buffer; this checks it against the parser as it
 * was before (char by char, kept here as the oracle) on generated text, read in short random chunks so
 * cells and line ends straddle the buffer's refills.
 */
class CsvParserFastPathTest {

    /** CsvFile.Parser before the fast path, unchanged. */
    static final class OldParser {
        private final Reader reader;
        private final char delimiter;
        private final int maxCellLength;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private long record;
        private boolean eof;
        private final StringBuilder cell = new StringBuilder(64);
        private final ArrayList<String> cells = new ArrayList<>(32);

        OldParser(Reader reader, char delimiter, int maxCellLength) {
            this.reader = reader;
            this.delimiter = delimiter;
            this.maxCellLength = maxCellLength;
        }

        private int read() throws IOException {
            if (pos == len) {
                if (eof) return -1;
                try {
                    len = reader.read(buf, 0, buf.length);
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new UnreadableFileException("row " + (record + 1) + ": the bytes are not valid text in the detected encoding");
                }
                pos = 0;
                if (len <= 0) {
                    eof = true;
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        SourceRow next() throws IOException {
            int c = read();
            if (c == -1) return null;
            record++;
            long start = record;
            cells.clear();
            cell.setLength(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) throw new UnreadableFileException("row " + start + ": a quoted field is never closed (unbalanced quote)");
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            append('"', start);
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        append((char) c, start);
                    }
                } else if (c == -1 || c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n' && d != -1) pos--;
                    }
                    cells.add(cell.toString());
                    return new SourceRow(start, cells.toArray(new String[0]));
                } else if (c == delimiter) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    wasQuoted = false;
                } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == 0) {
                    throw new UnreadableFileException("row " + start + ": the file contains a NUL byte; it is binary or damaged");
                } else {
                    append((char) c, start);
                }
                c = read();
            }
        }

        private void append(char ch, long row) throws UnreadableFileException {
            if (cell.length() >= maxCellLength) {
                throw new UnreadableFileException("row " + row + ", column " + (cells.size() + 1)
                        + ": a cell is longer than the limit of " + maxCellLength + " characters");
            }
            cell.append(ch);
        }
    }

    /** Hands out the text a few chars per read, as a slow stream would. */
    static final class ChunkedReader extends Reader {
        private final String text;
        private final Random random;
        private final int maxChunk;
        private int at;

        ChunkedReader(String text, long seed, int maxChunk) {
            this.text = text;
            this.random = new Random(seed);
            this.maxChunk = maxChunk;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at >= text.length()) return -1;
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), text.length() - at);
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }

    private interface Next { SourceRow next() throws IOException; }

    /** The rows as "record: [cells]" lines, then the error message when reading stopped on one. */
    private static List<String> outcome(Next next) {
        List<String> out = new ArrayList<>();
        try {
            SourceRow r;
            while ((r = next.next()) != null) out.add(r.row() + ": " + Arrays.asList(r.cells()));
        } catch (IOException e) {
            out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return out;
    }

    private static List<String> both(String text, char delimiter, int max, long seed, int maxChunk, List<String> fast) {
        CsvFile.Parser p = new CsvFile.Parser(maxChunk > 0 ? new ChunkedReader(text, seed, maxChunk) : new StringReader(text), delimiter, max);
        fast.addAll(outcome(p::next));
        OldParser o = new OldParser(maxChunk > 0 ? new ChunkedReader(text, seed, maxChunk) : new StringReader(text), delimiter, max);
        return outcome(o::next);
    }

    @Test
    void generatedTextReadsAsBefore() {
        Random r = new Random(42);
        String alphabet = "abc ,,;\t\"\"\n\r\u0000é|x";
        for (int i = 0; i < 4000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = r.nextInt(i % 10 == 0 ? 400 : 40);
            for (int k = 0; k < length; k++) {
                char ch = alphabet.charAt(r.nextInt(alphabet.length()));
                if (ch == '\u0000' && r.nextInt(8) > 0) ch = 'n';   // NUL ends the read: keep it rare
                sb.append(ch);
            }
            String text = sb.toString();
            char delimiter = ",;\t|".charAt(r.nextInt(4));
            int max = r.nextInt(3) == 0 ? 1 + r.nextInt(6) : 32_767;
            int chunk = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(9);
            List<String> fast = new ArrayList<>();
            List<String> expected = both(text, delimiter, max, i, chunk, fast);
            assertThat(fast).as("text %s, delimiter '%s', max %d, chunk %d", text.replace("\n", "\\n").replace("\r", "\\r"), delimiter, max, chunk)
                    .isEqualTo(expected);
        }
    }

    @Test
    void fixedCasesReadAsBefore() {
        List<String> cases = List.of("", "a", "a,b", "a,b\n", "a,b\r\n", "a,b\rc,d", "a,b\r\rc", "a,,b,\n,\n", "ab\"c,d", "\"a\"b,c",
                "\"\"b,c", "\"a\"\"b\",c\nd", "a\u0000b", "\u0000", "a,\"unclosed\nb", "abcdef,gh\nijklmnop\n", "x,\"quoted long cell\",y",
                "r1c1,r1c2\r\nr2c1,r2c2\r\n", "a\"\"b,\"\"", "é,ü\n\u2028,ok");
        for (String text : cases) {
            for (int max : new int[] {3, 5, 32_767}) {
                for (int chunk : new int[] {0, 1, 2, 3}) {
                    List<String> fast = new ArrayList<>();
                    List<String> expected = both(text, ',', max, 7, chunk, fast);
                    assertThat(fast).as("'%s' max %d chunk %d", text, max, chunk).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anOverLongCellIsRefusedWithTheSameMessage() {
        CsvFile.Parser p = new CsvFile.Parser(new StringReader("ok,abcdefgh,z\n"), ',', 5);
        assertThatThrownBy(p::next).isInstanceOf(UnreadableFileException.class)
                .hasMessage("row 1, column 2: a cell is longer than the limit of 5 characters");
        CsvFile.Parser exact = new CsvFile.Parser(new StringReader("abcde,x\n"), ',', 5);
        assertThat(outcome(exact::next)).containsExactly("1: [abcde, x]");
    }

    @Test
    void longFilesAcrossManyBufferRefills() {
        // several buffers' worth of rows, with cells of many lengths, some quoted, against the oracle
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 20_000; row++) {
            for (int col = 0; col < 5; col++) {
                if (col > 0) sb.append(',');
                int kind = r.nextInt(10);
                if (kind == 0) sb.append("\"q,").append(row).append("\"\"x\"");
                else if (kind == 1) sb.append("");
                else sb.append("v").append(Integer.toString(r.nextInt(1 << 20), 36).repeat(1 + r.nextInt(3)));
            }
            sb.append(r.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        String text = sb.toString();
        assertThat(text.length()).isGreaterThan(3 * (1 << 16));
        for (int chunk : new int[] {0, 1000, 70_000}) {
            List<String> fast = new ArrayList<>();
            List<String> expected = both(text, ',', 32_767, 9, chunk, fast);
            assertThat(fast).hasSize(20_000).isEqualTo(expected);
        }
    }
}
