package org.sightline.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A delimited text file as people send them: UTF-8 with or without BOM, Windows-1252, UTF-16 (with a
 * BOM, or detected from its zero bytes); comma, semicolon, tab or pipe delimited (detected); quoted
 * fields with doubled quotes and line breaks.
 */
public final class CsvFile implements SourceFile {

    private static final int SNIFF_BYTES = 64 * 1024;

    private final Path path;
    private final Charset charset;
    private final int bomLength;
    private final char delimiter;
    private final int maxCellLength;

    private CsvFile(Path path, Charset charset, int bomLength, char delimiter, int maxCellLength) {
        this.path = path;
        this.charset = charset;
        this.bomLength = bomLength;
        this.delimiter = delimiter;
        this.maxCellLength = maxCellLength;
    }

    /**
     * @param validUtf8 whether every byte of the file decodes as UTF-8 (from the fingerprint pass)
     */
    public static CsvFile open(Path path, boolean validUtf8, int maxCellLength) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        Charset cs;
        int bom = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            bom = 3;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (looksUtf16(head, n, 1)) {
            cs = StandardCharsets.UTF_16LE;
        } else if (looksUtf16(head, n, 0)) {
            cs = StandardCharsets.UTF_16BE;
        } else if (validUtf8) {
            cs = StandardCharsets.UTF_8;
        } else {
            refuseMixedEncoding(path);
            cs = Charset.forName("windows-1252");
        }
        for (int i = bom; i < n && cs == StandardCharsets.UTF_8; i++) {
            if (head[i] == 0) throw new UnreadableFileException("the file contains NUL bytes (byte " + (i + 1) + "): it is binary or damaged, not a CSV");
        }
        String sample = new String(head, bom, Math.max(0, n - bom), cs);
        char delimiter = sniffDelimiter(sample);
        return new CsvFile(path, cs, bom, delimiter, maxCellLength);
    }

    /**
     * A file that is not wholly UTF-8 is read as Windows-1252, which turns every UTF-8 character of it
     * into two wrong ones. So one that is UTF-8 but for some bytes (a value pasted from another source)
     * is refused, naming the first such byte and its line, instead of being read wrong or refused
     * without a reason.
     */
    static void refuseMixedEncoding(Path path) throws IOException {
        long utf8Chars = 0;
        long firstBad = -1;
        long badLine = 0;
        int badByte = 0;
        long line = 1;
        long pos = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            int b;
            while ((b = in.read()) != -1) {
                pos++;
                if (b == '\n') line++;
                if (b < 0x80) continue;
                int len = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                boolean ok = len > 0;
                for (int k = 0; ok && k < len; k++) {
                    in.mark(1);
                    int c = in.read();
                    if (c < 0x80 || c > 0xBF) {
                        ok = false;
                        if (c != -1) in.reset();
                    } else {
                        pos++;
                    }
                }
                if (ok) utf8Chars++;
                else if (firstBad < 0) {
                    firstBad = pos;
                    badLine = line;
                    badByte = b;
                }
            }
        }
        if (utf8Chars > 0 && firstBad > 0) {
            throw new UnreadableFileException(String.format("the file is UTF-8 (%d characters beyond plain ASCII) except for byte %d on line %d (0x%02X, "
                    + "which is not UTF-8; probably Windows-1252 '%s'): a mix of encodings, e.g. a value pasted from another program. "
                    + "Save the whole file as UTF-8 and send it again; nothing was read",
                    utf8Chars, firstBad, badLine, badByte, new String(new byte[] {(byte) badByte}, Charset.forName("windows-1252"))));
        }
    }

    private static boolean looksUtf16(byte[] b, int n, int zeroOffset) {
        if (n < 4) return false;
        int pairs = 0;
        int zeros = 0;
        for (int i = 0; i + 1 < n && pairs < 512; i += 2, pairs++) {
            if (b[i + zeroOffset] == 0 && b[i + 1 - zeroOffset] != 0) zeros++;
        }
        return pairs > 0 && zeros * 10 >= pairs * 7;
    }

    /** Picks the delimiter that splits the sample's lines most consistently. */
    static char sniffDelimiter(String sample) {
        char[] candidates = {',', ';', '\t', '|'};
        String[] lines = sample.split("\r\n|\n|\r", 41);
        char best = ',';
        int bestScore = 0;
        for (char d : candidates) {
            java.util.Map<Integer, Integer> freq = new java.util.HashMap<>();
            for (int i = 0; i < Math.min(lines.length, 40); i++) {
                int count = countOutsideQuotes(lines[i], d);
                if (count > 0) freq.merge(count, 1, Integer::sum);
            }
            int score = 0;
            for (java.util.Map.Entry<Integer, Integer> e : freq.entrySet()) {
                score = Math.max(score, e.getValue() * 1000 + e.getKey());
            }
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char d) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == d && !quoted) count++;
        }
        return count;
    }

    @Override
    public Format format() {
        return Format.CSV;
    }

    @Override
    public List<String> sheets() {
        return java.util.Collections.singletonList(null);
    }

    @Override
    public String detail() {
        String d = switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "comma";
        };
        return "CSV, " + charset.name() + (bomLength > 0 ? " with BOM" : "") + ", " + d + "-delimited";
    }

    public Charset charset() { return charset; }

    public char delimiter() { return delimiter; }

    @Override
    public SheetReader open(String sheet) throws IOException {
        long size = Files.size(path);
        Counting counted = new Counting(Files.newInputStream(path));
        InputStream in = new BufferedInputStream(counted, 1 << 16);
        in.skipNBytes(bomLength);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Parser parser = new Parser(new InputStreamReader(in, decoder), delimiter, maxCellLength);
        return new SheetReader() {
            @Override
            public SourceRow next() throws IOException {
                return parser.next();
            }

            @Override
            public double fractionRead() {
                return size == 0 ? 1 : Math.min(1, (double) counted.bytes / size);
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    /** Counts the bytes read from the file (a 64 KB buffer at a time), for progress. */
    private static final class Counting extends java.io.FilterInputStream {
        volatile long bytes;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) bytes++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) bytes += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            bytes += k;
            return k;
        }
    }

    /** RFC 4180 parser over a character stream; record numbers count from 1. */
    static final class Parser implements SheetReader {
        private final Reader reader;
        private final char delimiter;
        private final int maxCellLength;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private long record;
        private boolean eof;
        private final StringBuilder cell = new StringBuilder(64);
        private final java.util.ArrayList<String> cells = new java.util.ArrayList<>(32);

        Parser(Reader reader, char delimiter, int maxCellLength) {
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

        @Override
        public SourceRow next() throws IOException {
            int c = read();
            if (c == -1) return null;
            record++;
            long start = record;
            cells.clear();
            cell.setLength(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (!quoted && !wasQuoted && cell.length() == 0 && c > 0 && isPlain((char) c)) {
                    // fast path for an unquoted cell: c, just read, is buf[pos - 1]; scan the plain chars after it
                    int from = pos - 1;
                    int j = pos;
                    while (j < len && isPlain(buf[j])) j++;
                    int n = j - from;
                    if (n > maxCellLength) throw tooLong(start);
                    char end = j < len ? buf[j] : 0;
                    if (j < len && (end == delimiter || end == '\n' || end == '\r')) {
                        // the whole cell and its end are in the buffer: one String straight from it
                        cells.add(new String(buf, from, n));
                        pos = j + 1;
                        if (end == delimiter) {
                            c = read();
                            continue;
                        }
                        if (end == '\r') {
                            int d = read();
                            if (d != '\n' && d != -1) pos--; // lone CR ends the line; keep the next char
                        }
                        return new SourceRow(start, cells.toArray(new String[0]));
                    }
                    // a quote (literal, mid-cell), a NUL or the end of the buffer: the slow path goes on from j
                    cell.append(buf, from, n);
                    pos = j;
                    c = read();
                    continue;
                }
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
                        if (d != '\n' && d != -1) pos--; // lone CR ends the line; keep the next char
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

        /** Not the delimiter, a line end, a quote or NUL: a char an unquoted cell holds as it is. */
        private boolean isPlain(char ch) {
            return ch != delimiter && ch != '\n' && ch != '\r' && ch != '"' && ch != 0;
        }

        private void append(char ch, long row) throws UnreadableFileException {
            if (cell.length() >= maxCellLength) throw tooLong(row);
            cell.append(ch);
        }

        private UnreadableFileException tooLong(long row) {
            return new UnreadableFileException("row " + row + ", column " + (cells.size() + 1)
                    + ": a cell is longer than the limit of " + maxCellLength + " characters");
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
