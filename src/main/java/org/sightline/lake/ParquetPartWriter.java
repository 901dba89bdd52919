package org.sightline.lake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.sightline.ingest.ColumnType;

/**
 * Writes rows of one dataset to one Parquet file (ZSTD, row groups of up to 64 MiB) with
 * parquet-java and no Hadoop file system. A row is the stored values in schema order followed by
 * the lineage values.
 *
 * <p>Values go straight to parquet-java's column writers (what its {@code ParquetWriter} does under
 * its record layer): every field of the schema is one column, optional at the top level, so a value
 * is written with definition level 1 and a null with 0; list columns carry repetition levels.
 */
public final class ParquetPartWriter implements Closeable {

    static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;
    private static final int PAGE_BYTES = 1024 * 1024;
    /** Rows between checks of the buffered size against the row group size. */
    private static final int SIZE_CHECK_ROWS = 1024;
    private static final int MAX_ENCODED = 4096;

    private final MessageType type;
    private final long rowGroupBytes;
    private final ParquetProperties props;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final BytesInputCompressor compressor;
    private final List<ColumnDescriptor> descriptors;
    private final ColumnType[] types;
    /** Per string column, the encoded form of values seen (null for columns of unique values). */
    private final Map<String, Binary>[] encoded;
    /** Per column, the last string written and its encoding: lineage and partition values repeat on every row. */
    private final String[] lastValue;
    private final Binary[] lastBinary;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private final ColumnWriter[] columns;
    private long rows;
    private long rowsInGroup;
    private int rowGroups;
    private boolean closed;

    public ParquetPartWriter(Path path, LakeSchema schema) throws IOException {
        this(path, schema, ROW_GROUP_BYTES);
    }

    /** With row groups of about {@code rowGroupBytes} (tests use small ones to get several). */
    ParquetPartWriter(Path path, LakeSchema schema, long rowGroupBytes) throws IOException {
        this.type = schema.messageType();
        this.rowGroupBytes = rowGroupBytes;
        ParquetProperties.Builder p = ParquetProperties.builder()
                .withPageSize(PAGE_BYTES)
                .withDictionaryEncoding(true)
                // page size statistics (optional, newer metadata) cost a pass per value and no reader here uses them
                .withSizeStatisticsEnabled(false);
        // pseudonyms and the source row are unique per row: a dictionary would only be built and thrown
        // away, and min/max statistics of random pseudonyms prune nothing
        for (String column : schema.uniqueColumns()) {
            p = p.withDictionaryEncoding(column, false);
            if (!column.equals("source_row")) p = p.withStatisticsEnabled(column, false);
        }
        this.props = p.build();
        this.descriptors = type.getColumns();
        int n = type.getFieldCount();
        if (descriptors.size() != n) throw new IllegalArgumentException("one column per field expected in " + type);
        this.types = schema.fieldTypes();
        String[] names = schema.fieldNames();
        @SuppressWarnings("unchecked")
        Map<String, Binary>[] caches = new Map[n];
        for (int k = 0; k < n; k++) {
            if ((types[k] == ColumnType.STRING || types[k] == ColumnType.CODE) && !schema.uniqueColumns().contains(names[k])) {
                caches[k] = new HashMap<>();
            }
        }
        this.encoded = caches;
        this.lastValue = new String[n];
        this.lastBinary = new Binary[n];
        this.columns = new ColumnWriter[n];
        // local files: no padding to HDFS block boundaries
        this.file = new ParquetFileWriter(new LocalOutputFile(path), type, ParquetFileWriter.Mode.OVERWRITE,
                rowGroupBytes, 0, null, props);
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), PAGE_BYTES);
        this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
        boolean started = false;
        try {
            file.start();
            startRowGroup();
            started = true;
        } finally {
            if (!started) {
                file.abort();
                codecs.release();
            }
        }
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, type, props.getAllocator(), props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled(), null, rowGroups);
        store = props.newColumnWriteStore(type, pages, pages);
        for (int k = 0; k < columns.length; k++) columns[k] = store.getColumnWriter(descriptors.get(k));
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
            rowGroups++;
            rowsInGroup = 0;
        }
        store.close();
        pages.close();
    }

    public void write(Object[] row) throws IOException {
        for (int k = 0; k < columns.length; k++) {
            Object v = row[k];
            ColumnWriter c = columns[k];
            ColumnType t = types[k];
            if (t == ColumnType.LIST) {
                writeList(c, (List<?>) v);
            } else if (v == null) {
                c.writeNull(0, 0);
            } else if (t == null) {
                c.write((Long) v, 0, 1);
            } else {
                switch (t) {
                    case STRING, CODE -> c.write(binary(k, (String) v), 0, 1);
                    case INTEGER -> c.write(((Number) v).longValue(), 0, 1);
                    case DECIMAL -> c.write(((Number) v).doubleValue(), 0, 1);
                    case DATE -> c.write((int) ((LocalDate) v).toEpochDay(), 0, 1);
                    case BOOLEAN -> c.write((boolean) (Boolean) v, 0, 1);
                    case LIST -> throw new IllegalStateException("unreachable");
                }
            }
        }
        store.endRecord();
        rows++;
        rowsInGroup++;
        if (rowsInGroup % SIZE_CHECK_ROWS == 0 && store.getBufferedSize() > rowGroupBytes) {
            flushRowGroup();
            startRowGroup();
        }
    }

    /**
     * A list column ({@code optional group (LIST) { repeated group list { optional binary element } }}):
     * definition level 0 for a null list, 1 for an empty one, 2 for a null item, 3 for an item;
     * repetition level 0 for a list's first item, 1 for the others.
     */
    private static void writeList(ColumnWriter c, List<?> items) {
        if (items == null) {
            c.writeNull(0, 0);
        } else if (items.isEmpty()) {
            c.writeNull(0, 1);
        } else {
            int r = 0;
            for (Object item : items) {
                if (item == null) c.writeNull(r, 2);
                else c.write(Binary.fromString(String.valueOf(item)), r, 3);
                r = 1;
            }
        }
    }

    /**
     * A string as Parquet bytes. Codes, sites and the lineage values repeat row after row, so their
     * encoding is kept (up to {@link #MAX_ENCODED} values a column); unique values are encoded once.
     */
    private Binary binary(int column, String value) {
        Map<String, Binary> cache = encoded[column];
        if (cache == null) return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
        if (value == lastValue[column]) return lastBinary[column];
        Binary b = cache.get(value);
        if (b == null) {
            b = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
            if (cache.size() < MAX_ENCODED) cache.put(value, b);
        }
        lastValue[column] = value;
        lastBinary[column] = b;
        return b;
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
            codecs.release();
        }
    }
}
