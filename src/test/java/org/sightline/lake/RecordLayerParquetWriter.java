package org.sightline.lake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.sightline.contract.ColumnType;

/**
 * The reference for {@link ParquetPartWriterTest}: parquet-java's own {@code ParquetWriter} and its
 * record layer (start/end field per value), with the settings of the lake's first part writer, whose
 * encodings and statistics {@link ParquetPartWriter} reproduces page by page itself.
 */
final class RecordLayerParquetWriter implements Closeable {

    private final ParquetWriter<Object[]> writer;
    private long rows;

    RecordLayerParquetWriter(Path file, LakeSchema schema) throws IOException {
        Builder b = new Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(64L * 1024 * 1024)
                .withPageSize(1024 * 1024)
                .withDictionaryEncoding(true)
                // page size statistics (optional, newer metadata) cost a pass per value and no reader here uses them
                .withSizeStatisticsEnabled(false);
        // pseudonyms and the source row are unique per row: a dictionary would only be built and thrown
        // away, and min/max statistics of random pseudonyms prune nothing
        for (String column : schema.uniqueColumns()) {
            b = b.withDictionaryEncoding(column, false);
            if (!column.equals("source_row")) b = b.withStatisticsEnabled(column, false);
        }
        this.writer = b.build();
    }

    public void write(Object[] row) throws IOException {
        writer.write(row);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final LakeSchema schema;

        Builder(OutputFile file, LakeSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType type;
        private final ColumnType[] types;
        private final String[] names;
        private RecordConsumer out;

        RowWriteSupport(LakeSchema schema) {
            this.type = schema.messageType();
            this.types = schema.fieldTypes();
            this.names = schema.fieldNames();
        }

        /** A string as Parquet bytes, encoded afresh each time: the reference keeps no caches. */
        private static Binary binary(String value) {
            return Binary.fromString(value);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(type, Map.of("sightline.schema", type.getName()));
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(type, Map.of("sightline.schema", type.getName()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = row[i];
                if (v == null) continue;
                out.startField(names[i], i);
                ColumnType t = types[i];
                if (t == null) {
                    out.addLong((Long) v);
                } else {
                    switch (t) {
                        case STRING, CODE -> out.addBinary(binary((String) v));
                        case INTEGER -> out.addLong(((Number) v).longValue());
                        case DECIMAL -> out.addDouble(((Number) v).doubleValue());
                        case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
                        case BOOLEAN -> out.addBoolean((Boolean) v);
                        case LIST -> writeList((List<?>) v);
                    }
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }

        private void writeList(List<?> items) {
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField("list", 0);
                for (Object item : items) {
                    out.startGroup();
                    if (item != null) {
                        out.startField("element", 0);
                        out.addBinary(Binary.fromString(String.valueOf(item)));
                        out.endField("element", 0);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }
    }
}
