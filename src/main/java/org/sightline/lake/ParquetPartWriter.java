package org.sightline.lake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.sightline.contract.ColumnType;

/**
 * Writes rows of one dataset to one Parquet file (ZSTD, row groups of up to {@value #ROW_GROUP_ROWS}
 * rows) with parquet-java's file writer and no Hadoop file system. A row is the stored values in schema
 * order followed by the lineage values.
 *
 * <p>Rows are buffered (references only: the caller holds them anyway) and each row group is encoded
 * column by column: definition and repetition levels and dictionary indexes in the RLE/bit-packed
 * hybrid, values plain or through a dictionary, pages cut at {@value #PAGE_ROWS} rows or 1 MiB, page
 * statistics for the column index. parquet-java's {@link ParquetFileWriter} lays out the pages and
 * writes the footer and indexes. Its value-at-a-time column writers are not used: writing the
 * benchmark's 250 parts through them took about 40% more time (docs/PERFORMANCE.md). Every field is
 * optional at the top level (definition level 1 for a value, 0 for a null); list columns carry
 * repetition levels.
 */
public final class ParquetPartWriter implements Closeable {

    /** Rows per row group: DuckDB's own default. */
    static final int ROW_GROUP_ROWS = 122_880;
    /** A data page ends at the first row boundary after this many rows or bytes (parquet-java's defaults). */
    private static final int PAGE_ROWS = 20_000;
    private static final int PAGE_BYTES = 1024 * 1024;
    /** A column chunk is written with plain values when its dictionary would be larger than this. */
    private static final int DICTIONARY_BYTES = 1024 * 1024;
    private static final ParquetProperties PROPERTIES = ParquetProperties.builder().build();

    private final MessageType type;
    private final List<ColumnDescriptor> descriptors;
    private final ColumnType[] types;
    /** Pseudonyms and the source row: (nearly) all distinct, so no dictionary. */
    private final boolean[] unique;
    /** Pseudonyms: min/max statistics of random values prune nothing, so none (and no column index). */
    private final boolean[] noStatistics;
    private final int rowGroupRows;
    private final int pageRows;
    private final ParquetFileWriter file;
    private final ZstdPageCompressor compressor = new ZstdPageCompressor();
    private final List<Object[]> buffered = new ArrayList<>();
    private final Bytes page = new Bytes(64 * 1024);
    private long rows;
    private boolean closed;

    public ParquetPartWriter(Path path, LakeSchema schema) throws IOException {
        this(path, schema, ROW_GROUP_ROWS, PAGE_ROWS);
    }

    /** With row groups and pages of at most so many rows (tests use small ones to get several). */
    ParquetPartWriter(Path path, LakeSchema schema, int rowGroupRows, int pageRows) throws IOException {
        this.type = schema.messageType();
        this.rowGroupRows = rowGroupRows;
        this.pageRows = pageRows;
        this.descriptors = type.getColumns();
        int n = type.getFieldCount();
        if (descriptors.size() != n) throw new IllegalArgumentException("one column per field expected in " + type);
        this.types = schema.fieldTypes();
        String[] names = schema.fieldNames();
        this.unique = new boolean[n];
        this.noStatistics = new boolean[n];
        for (int k = 0; k < n; k++) {
            unique[k] = schema.uniqueColumns().contains(names[k]);
            noStatistics[k] = unique[k] && !names[k].equals("source_row");
        }
        boolean started = false;
        // local files: no padding to HDFS block boundaries
        this.file = new ParquetFileWriter(new LocalOutputFile(path), type, ParquetFileWriter.Mode.OVERWRITE,
                Long.MAX_VALUE, 0, null, PROPERTIES);
        try {
            file.start();
            started = true;
        } finally {
            if (!started) {
                file.abort();
                compressor.release();
            }
        }
    }

    public void write(Object[] row) throws IOException {
        buffered.add(row);
        rows++;
        if (buffered.size() >= rowGroupRows) flushRowGroup();
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            flushRowGroup();
            file.end(Map.of("sightline.schema", type.getName()));
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            compressor.release();
        }
    }

    private void flushRowGroup() throws IOException {
        if (buffered.isEmpty()) return;
        file.startBlock(buffered.size());
        Column[] columns = Column.split(buffered, types);
        for (int k = 0; k < descriptors.size(); k++) {
            writeColumn(k, columns[k]);
            columns[k] = null;
        }
        file.endBlock();
        buffered.clear();
    }

    /**
     * One column chunk: its levels and values, then a dictionary page if it pays, then the data pages.
     *
     * <p>Each loop over values is a method of its own, and the per-page work another: compiled as one
     * method this was 50-60 KB of machine code, which C2 took about a second to compile, several times
     * over (on-stack replacement, then recompiling after a deoptimisation), while the writer ran in
     * slower code (docs/PERFORMANCE.md, "The writer's loops compiled apart").
     */
    private void writeColumn(int k, Column c) throws IOException {
        ColumnDescriptor d = descriptors.get(k);
        PrimitiveType pt = d.getPrimitiveType();
        Dictionary dict = unique[k] || pt.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BOOLEAN
                ? null : Dictionary.build(c, pt);
        file.startColumn(d, c.entries, CompressionCodecName.ZSTD);
        if (dict != null) writeDictionaryPage(pt, dict);
        int[] seenOnPage = dict != null && !noStatistics[k] ? new int[dict.values.size()] : null;
        if (seenOnPage != null) Arrays.fill(seenOnPage, -1);
        int row = 0;
        int pageNumber = 0;
        while (row < c.rows) {
            int end = pageEnd(c, row, dict != null, pt);
            writeDataPage(d, c, row, end, dict, seenOnPage, pageNumber++, noStatistics[k]);
            row = end;
        }
        file.endColumn();
    }

    private void writeDictionaryPage(PrimitiveType pt, Dictionary dict) throws IOException {
        page.reset();
        for (int i = 0; i < dict.values.size(); i++) writePlain(page, pt, dict.values.get(i), dict.encoded == null ? null : dict.encoded.get(i));
        file.writeDictionaryPage(new DictionaryPage(compressor.compress(page), page.size(), dict.values.size(),
                Encoding.PLAIN_DICTIONARY));
    }

    /** The row after a page starting at {@code row}: at most {@code pageRows} rows, and about 1 MiB of values (dictionary indexes count as 4 bytes). */
    private int pageEnd(Column c, int row, boolean dictionary, PrimitiveType pt) {
        int first = row;
        long bytes = 0;
        while (row < c.rows && row - first < pageRows && bytes < PAGE_BYTES) {
            int valueEnd = c.rowValueEnd[row];
            for (int v = row == 0 ? 0 : c.rowValueEnd[row - 1]; v < valueEnd; v++) bytes += dictionary ? 4 : plainSize(pt, c.values[v]);
            row++;
        }
        return row;
    }

    /** The data page of rows {@code firstRow} to {@code row} (exclusive). */
    private void writeDataPage(ColumnDescriptor d, Column c, int firstRow, int row, Dictionary dict, int[] seenOnPage,
                               int pageNumber, boolean noStats) throws IOException {
        PrimitiveType pt = d.getPrimitiveType();
        int firstEntry = firstRow == 0 ? 0 : c.entryEnd(firstRow - 1);
        int firstValue = firstRow == 0 ? 0 : c.rowValueEnd[firstRow - 1];
        int entryEnd = c.entryEnd(row - 1);
        int valueEnd = c.rowValueEnd[row - 1];
        int maxRep = d.getMaxRepetitionLevel();
        page.reset();
        if (maxRep > 0) lengthPrefixedLevels(c.reps, firstEntry, entryEnd, bitWidth(maxRep));
        lengthPrefixedLevels(c.defs, firstEntry, entryEnd, bitWidth(d.getMaxDefinitionLevel()));
        Statistics<?> stats = noStats ? null : Statistics.createStats(pt);
        if (dict != null) {
            int width = bitWidth(dict.values.size() - 1);
            page.writeByte(width);
            Hybrid.encode(dict.ids, firstValue, valueEnd, width, page);
            if (stats != null) dictionaryStatistics(stats, pt, dict, seenOnPage, pageNumber, firstValue, valueEnd);
        } else {
            writePlainValues(page, pt, c.values, firstValue, valueEnd, stats);
        }
        if (stats != null) stats.incrementNumNulls((entryEnd - firstEntry) - (valueEnd - firstValue));
        int uncompressed = page.size();
        file.writeDataPage(entryEnd - firstEntry, uncompressed, compressor.compress(page), stats, row - firstRow,
                maxRep > 0 ? Encoding.RLE : Encoding.BIT_PACKED, Encoding.RLE,
                dict != null ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
    }

    /** A page's statistics from the dictionary: each distinct value on the page once. */
    private static void dictionaryStatistics(Statistics<?> stats, PrimitiveType pt, Dictionary dict, int[] seenOnPage,
                                             int pageNumber, int from, int to) {
        for (int v = from; v < to; v++) {
            int id = dict.ids[v];
            if (seenOnPage[id] != pageNumber) {
                seenOnPage[id] = pageNumber;
                update(stats, pt, dict.values.get(id), dict.encoded == null ? null : dict.encoded.get(id));
            }
        }
    }

    /** Values {@code from} to {@code to} (exclusive) plain, with their statistics unless {@code stats} is null. */
    private static void writePlainValues(Bytes out, PrimitiveType pt, Object[] values, int from, int to, Statistics<?> stats) {
        if (pt.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
            writePlainStrings(out, values, from, to, stats);
            return;
        }
        for (int v = from; v < to; v++) {
            Object value = values[v];
            writePlain(out, pt, value, null);
            if (stats != null) update(stats, pt, value, null);
        }
        if (pt.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BOOLEAN) out.flushBits();
    }

    private static void writePlainStrings(Bytes out, Object[] values, int from, int to, Statistics<?> stats) {
        if (stats == null) {
            // no statistics (pseudonyms): the text straight into the page, no Binary a value
            for (int v = from; v < to; v++) out.writeLengthPrefixedUtf8((String) values[v]);
            return;
        }
        for (int v = from; v < to; v++) {
            Binary b = binary(values[v]);
            out.writeIntLE(b.length());
            out.write(b.getBytesUnsafe());
            if (stats != null) stats.updateStats(b);
        }
    }

    /** Levels in the hybrid encoding with their length first (data page v1). */
    private void lengthPrefixedLevels(int[] levels, int from, int to, int width) {
        int at = page.size();
        page.writeIntLE(0);
        Hybrid.encode(levels, from, to, width, page);
        page.patchIntLE(at, page.size() - at - 4);
    }

    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    private static Binary binary(Object v) {
        return Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one plain value (a string's bytes from {@code encoded} when already known). */
    private static void writePlain(Bytes out, PrimitiveType pt, Object v, Binary encoded) {
        switch (pt.getPrimitiveTypeName()) {
            case BINARY -> {
                Binary b = encoded != null ? encoded : binary(v);
                out.writeIntLE(b.length());
                out.write(b.getBytesUnsafe());
            }
            case INT64 -> out.writeLongLE(((Number) v).longValue());
            case INT32 -> out.writeIntLE(epochDay(v));
            case DOUBLE -> out.writeLongLE(Double.doubleToLongBits(((Number) v).doubleValue()));
            case BOOLEAN -> out.writeBit((Boolean) v);
            default -> throw new IllegalStateException("no plain encoding here for " + pt);
        }
    }

    private static int plainSize(PrimitiveType pt, Object v) {
        return switch (pt.getPrimitiveTypeName()) {
            case BINARY -> 4 + ((String) v).length();
            case INT64, DOUBLE -> 8;
            case INT32 -> 4;
            default -> 1;
        };
    }

    private static int epochDay(Object v) {
        return (int) ((LocalDate) v).toEpochDay();
    }

    private static void update(Statistics<?> stats, PrimitiveType pt, Object v, Binary b) {
        switch (pt.getPrimitiveTypeName()) {
            case BINARY -> stats.updateStats(b != null ? b : binary(v));
            case INT64 -> stats.updateStats(((Number) v).longValue());
            case INT32 -> stats.updateStats(epochDay(v));
            case DOUBLE -> stats.updateStats(((Number) v).doubleValue());
            case BOOLEAN -> stats.updateStats((boolean) (Boolean) v);
            default -> throw new IllegalStateException("no statistics here for " + pt);
        }
    }

    /**
     * One column of a row group: a definition (and for lists repetition) level per entry, the non-null
     * values in order, and where each row's entries and values end (pages end on row boundaries).
     */
    private static final class Column {
        final int rows;
        int entries;
        int[] defs;
        int[] reps;
        Object[] values;
        int valueCount;
        /** Where each row's entries end; null for a flat column, where row r's entries end at r + 1. */
        final int[] rowEntryEnd;
        final int[] rowValueEnd;

        private Column(int rows, int capacity, boolean repeated) {
            this.rows = rows;
            this.defs = new int[capacity];
            this.reps = repeated ? new int[capacity] : null;
            this.values = new Object[capacity];
            this.rowEntryEnd = repeated ? new int[rows] : null;
            this.rowValueEnd = new int[rows];
        }

        int entryEnd(int row) {
            return rowEntryEnd == null ? row + 1 : rowEntryEnd[row];
        }

        /**
         * The rows split into columns in one pass over the rows (a pass per column would fetch every row
         * from memory once per column). A flat column has level 1 for a value, 0 for a null.
         */
        static Column[] split(List<Object[]> rs, ColumnType[] types) {
            int n = rs.size();
            int width = types.length;
            Column[] columns = new Column[width];
            for (int k = 0; k < width; k++) columns[k] = new Column(n, Math.max(16, n), types[k] == ColumnType.LIST);
            for (int r = 0; r < n; r++) {
                Object[] row = rs.get(r);
                for (int k = 0; k < width; k++) {
                    Column c = columns[k];
                    Object v = row[k];
                    if (types[k] == ColumnType.LIST) {
                        c.addList((List<?>) v);
                    } else {
                        if (v != null) {
                            c.defs[r] = 1;
                            c.values[c.valueCount++] = v;
                        }
                        c.entries = r + 1;
                    }
                    if (c.rowEntryEnd != null) c.rowEntryEnd[r] = c.entries;
                    c.rowValueEnd[r] = c.valueCount;
                }
            }
            return columns;
        }

        /**
         * A list column ({@code optional group (LIST) { repeated group list { optional binary element } }}):
         * definition level 0 for a null list, 1 for an empty one, 2 for a null item, 3 for an item;
         * repetition level 0 for a list's first item, 1 for the others.
         */
        private void addList(List<?> items) {
            if (items == null) add(0, 0, null);
            else if (items.isEmpty()) add(0, 1, null);
            else {
                int rep = 0;
                for (Object item : items) {
                    if (item == null) add(rep, 2, null);
                    else add(rep, 3, String.valueOf(item));
                    rep = 1;
                }
            }
        }

        private void add(int rep, int def, Object value) {
            if (entries == defs.length) {
                defs = Arrays.copyOf(defs, entries * 2);
                reps = Arrays.copyOf(reps, entries * 2);
            }
            reps[entries] = rep;
            defs[entries++] = def;
            if (value != null) {
                if (valueCount == values.length) values = Arrays.copyOf(values, valueCount * 2);
                values[valueCount++] = value;
            }
        }
    }

    /** A column chunk's distinct values in order of first appearance, and each value's index. */
    static final class Dictionary {
        final List<Object> values = new ArrayList<>();
        /** For strings, each distinct value's bytes. */
        final List<Binary> encoded;
        final int[] ids;

        private Dictionary(int n, boolean strings) {
            this.ids = new int[n];
            this.encoded = strings ? new ArrayList<>() : null;
        }

        /**
         * The dictionary of a column chunk, or null when plain values are smaller: a dictionary larger
         * than {@link #DICTIONARY_BYTES}, or one that with its indexes is no smaller than the values.
         */
        static Dictionary build(Column c, PrimitiveType pt) {
            return switch (pt.getPrimitiveTypeName()) {
                case INT32, INT64, DOUBLE -> buildNumeric(c, pt);
                case BINARY -> buildStrings(c);
                default -> throw new IllegalStateException("no dictionary here for " + pt);
            };
        }

        /** Strings: a hash map of the values themselves (codes are shared instances, so {@code v == last} often hits). */
        private static Dictionary buildStrings(Column c) {
            Dictionary d = new Dictionary(c.valueCount, true);
            Map<Object, Integer> index = new HashMap<>();
            long dictionaryBytes = 0;
            long plainBytes = 0;
            Object last = null;
            int lastId = -1;
            for (int i = 0; i < c.valueCount; i++) {
                Object v = c.values[i];
                int id;
                if (v == last) {
                    id = lastId;
                } else {
                    Integer known = index.get(v);
                    if (known == null) {
                        id = d.values.size();
                        index.put(v, id);
                        d.values.add(v);
                        Binary b = binary(v);
                        d.encoded.add(b);
                        dictionaryBytes += 4 + b.length();
                        if (dictionaryBytes > DICTIONARY_BYTES) return null;
                    } else {
                        id = known;
                    }
                    last = v;
                    lastId = id;
                }
                d.ids[i] = id;
                plainBytes += 4 + ((String) v).length();
            }
            return d.paysOff(c.valueCount, dictionaryBytes, plainBytes);
        }

        /**
         * Dates, integers and decimals: keyed by their plain value (epoch day, the long, the double's
         * bits) in an open-addressing table of primitives, where a hash map of the boxed values cost
         * more than the rest of the column's encoding (equal dates are distinct objects, so the
         * identity shortcut seldom hits).
         */
        private static Dictionary buildNumeric(Column c, PrimitiveType pt) {
            PrimitiveType.PrimitiveTypeName t = pt.getPrimitiveTypeName();
            int width = t == PrimitiveType.PrimitiveTypeName.INT32 ? 4 : 8;
            Dictionary d = new Dictionary(c.valueCount, false);
            int slots = 1024;
            long[] keys = new long[slots];
            int[] ids = new int[slots];      // id + 1; 0 marks a free slot
            for (int i = 0; i < c.valueCount; i++) {
                Object v = c.values[i];
                long key = switch (t) {
                    case INT32 -> epochDay(v);
                    case INT64 -> ((Number) v).longValue();
                    default -> Double.doubleToLongBits(((Number) v).doubleValue());
                };
                int mask = slots - 1;
                int at = mix(key) & mask;
                while (ids[at] != 0 && keys[at] != key) at = (at + 1) & mask;
                if (ids[at] == 0) {
                    int id = d.values.size();
                    if ((long) (id + 1) * width > DICTIONARY_BYTES) return null;
                    d.values.add(v);
                    keys[at] = key;
                    ids[at] = id + 1;
                    if ((id + 1) * 2 > slots) {
                        // grow: rehash into twice the slots
                        long[] k2 = new long[slots * 2];
                        int[] i2 = new int[slots * 2];
                        int m2 = slots * 2 - 1;
                        for (int s = 0; s < slots; s++) {
                            if (ids[s] == 0) continue;
                            int to = mix(keys[s]) & m2;
                            while (i2[to] != 0) to = (to + 1) & m2;
                            k2[to] = keys[s];
                            i2[to] = ids[s];
                        }
                        keys = k2;
                        ids = i2;
                        slots *= 2;
                    }
                    d.ids[i] = id;
                } else {
                    d.ids[i] = ids[at] - 1;
                }
            }
            return d.paysOff(c.valueCount, (long) d.values.size() * width, (long) c.valueCount * width);
        }

        /**
         * A slot hash for a key: MurmurHash3's 64-bit finaliser, so that every bit of the key reaches
         * the low bits (whole-number and short decimal doubles differ only in their high bits).
         */
        static int mix(long key) {
            long h = key;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) h;
        }

        /** This dictionary, or null when it with its indexes is no smaller than the plain values. */
        private Dictionary paysOff(int valueCount, long dictionaryBytes, long plainBytes) {
            long indexBytes = ((long) valueCount * bitWidth(Math.max(0, values.size() - 1)) + 7) / 8;
            return values.isEmpty() || dictionaryBytes + indexBytes >= plainBytes ? null : this;
        }
    }

    /**
     * Parquet's RLE/bit-packed hybrid encoding: a run of 8 or more equal values as one repeated value,
     * anything else bit-packed in groups of 8 (the last group padded with zeros).
     */
    static final class Hybrid {
        private static final int MAX_GROUPS = 63;

        static void encode(int[] v, int from, int to, int width, Bytes out) {
            int i = from;
            while (i < to) {
                int run = runLength(v, i, to);
                if (run >= 8) {
                    out.writeUnsignedVarInt(run << 1);
                    for (int b = 0; b < (width + 7) / 8; b++) out.writeByte(v[i] >>> (8 * b));
                    i += run;
                    continue;
                }
                // groups of 8 until a run of 8 starts on a group boundary
                int start = i;
                int groups = 0;
                do {
                    i = Math.min(to, i + 8);
                    groups++;
                } while (i < to && groups < MAX_GROUPS && runLength(v, i, to) < 8);
                out.writeUnsignedVarInt(groups << 1 | 1);
                long acc = 0;
                int bits = 0;
                long mask = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
                for (int j = start; j < start + groups * 8; j++) {
                    long value = j < i ? v[j] & mask : 0;
                    acc |= value << bits;
                    bits += width;
                    while (bits >= 8) {
                        out.writeByte((int) acc);
                        acc >>>= 8;
                        bits -= 8;
                    }
                }
            }
        }

        private static int runLength(int[] v, int i, int to) {
            int j = i + 1;
            while (j < to && v[j] == v[i]) j++;
            return j - i;
        }
    }

    /** A growable little-endian byte buffer for one page. */
    static final class Bytes {
        private byte[] buf;
        private int size;
        private int bitAcc;
        private int bitCount;

        Bytes(int capacity) {
            this.buf = new byte[capacity];
        }

        void reset() {
            size = 0;
            bitAcc = 0;
            bitCount = 0;
        }

        int size() {
            return size;
        }

        byte[] array() {
            return buf;
        }

        private void ensure(int more) {
            if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }

        void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void writeIntLE(int v) {
            ensure(4);
            buf[size] = (byte) v;
            buf[size + 1] = (byte) (v >>> 8);
            buf[size + 2] = (byte) (v >>> 16);
            buf[size + 3] = (byte) (v >>> 24);
            size += 4;
        }

        void patchIntLE(int at, int v) {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
            buf[at + 2] = (byte) (v >>> 16);
            buf[at + 3] = (byte) (v >>> 24);
        }

        void writeLongLE(long v) {
            writeIntLE((int) v);
            writeIntLE((int) (v >>> 32));
        }

        void write(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** A plain BINARY value: the length of the text's UTF-8, then the UTF-8. */
        void writeLengthPrefixedUtf8(String s) {
            ensure(4 + s.length());
            if (Ascii.copy(s, buf, size + 4)) {
                writeIntLE(s.length());
                size += s.length();
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                writeIntLE(b.length);
                write(b);
            }
        }

        void writeUnsignedVarInt(int v) {
            while ((v & ~0x7F) != 0) {
                writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            writeByte(v);
        }

        /** Plain booleans: one bit each, the first in the lowest bit. */
        void writeBit(boolean b) {
            if (b) bitAcc |= 1 << bitCount;
            if (++bitCount == 8) flushBits();
        }

        void flushBits() {
            if (bitCount > 0) {
                writeByte(bitAcc);
                bitAcc = 0;
                bitCount = 0;
            }
        }
    }
}
