package org.sightline.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.contract.ColumnType;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;

/**
 * The part writer encodes its pages itself and leaves the file layout to parquet-java. Every
 * dataset's schema, every column type, nulls, empty lists, null list items, several row groups and
 * several pages per column chunk: DuckDB must read back exactly the values written, and the same table
 * as from parquet-java's own writer (its record layer, {@link RecordLayerParquetWriter}); with one row
 * group each, both files must carry the same statistics per column.
 */
class ParquetPartWriterTest {

    @TempDir
    Path dir;

    private static final int ROWS = 3000;

    /** Row r of a schema: each type's values with nulls, repeats (for dictionaries) and, for lists, null/empty/items. */
    private static List<Object[]> rows(LakeSchema schema) {
        List<ColumnType> types = new ArrayList<>(schema.columns().values());
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Object[] row = new Object[types.size() + LakeSchema.LINEAGE.size()];
            for (int k = 0; k < types.size(); k++) {
                boolean nul = (r + k) % 5 == 0;
                row[k] = switch (types.get(k)) {
                    // some not ASCII (a pseudonym column's plain values are written without a Binary each)
                    case STRING, CODE -> nul ? null : "v" + k + "-" + (r % 7) + (k % 2 == 0 ? "" : "-" + r) + (r % 11 == 0 ? "-é€" : "");
                    // every other column repeats, so that it is written through a dictionary
                    // (600 distinct: the dictionary's table grows and the dictionary still pays; both zeros)
                    case INTEGER -> nul ? null : (Object) (k % 2 == 0 ? (long) r * (k + 1) - 50 : (long) (r % 600) * (k + 1) - 50);
                    case DECIMAL -> nul ? null : (Object) (k % 2 == 0 ? r * 0.25 : r % 31 == 0 ? -0.0 : ((r % 600) - 300) * 0.5);
                    case DATE -> nul ? null : LocalDate.of(2020, 1, 1).plusDays(k % 2 == 0 ? r % 900 : r % 60);
                    case BOOLEAN -> nul ? null : (Object) (r % 3 == 0);
                    case LIST -> switch (r % 4) {
                        case 0 -> null;
                        case 1 -> List.of();
                        case 2 -> Arrays.asList("a" + r, null, "b");
                        default -> List.of("x");
                    };
                };
            }
            int base = types.size();
            row[base] = "file.csv";
            row[base + 1] = "ab12";
            row[base + 2] = r % 2 == 0 ? null : "Sheet1";
            row[base + 3] = (long) r + 1;
            row[base + 4] = "run-1";
            row[base + 5] = 1_700_000_000_000_000L + r;
            rows.add(row);
        }
        return rows;
    }

    @Test
    void everyDatasetReadsBackAsWrittenAndAsTheRecordLayerWroteIt() throws Exception {
        Map<String, Contract> contracts = new ContractLoader(Path.of("jobs"), LocalDate.of(2026, 12, 1)).loadAll();
        assertThat(contracts).hasSizeGreaterThan(5);
        int lists = 0;
        java.util.Set<String> dictionaryTypes = new java.util.TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            for (Contract contract : contracts.values()) {
                LakeSchema schema = new LakeSchema(contract);
                List<Object[]> rows = rows(schema);
                Path direct = dir.resolve(contract.dataset() + "-direct.parquet");
                Path single = dir.resolve(contract.dataset() + "-single.parquet");
                Path reference = dir.resolve(contract.dataset() + "-reference.parquet");
                // small row groups and pages, so the direct writer has to start several of each
                try (ParquetPartWriter w = new ParquetPartWriter(direct, schema, 1000, 300)) {
                    for (Object[] r : rows) w.write(r);
                    assertThat(w.rows()).isEqualTo(ROWS);
                }
                try (ParquetPartWriter w = new ParquetPartWriter(single, schema)) {
                    for (Object[] r : rows) w.write(r);
                }
                try (RecordLayerParquetWriter w = new RecordLayerParquetWriter(reference, schema)) {
                    for (Object[] r : rows) w.write(r);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + direct + "')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(contract.dataset() + " row groups").isGreaterThan(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT type FROM parquet_metadata('" + direct + "') WHERE encodings LIKE '%DICTIONARY%'")) {
                    while (rs.next()) dictionaryTypes.add(rs.getString(1));
                }
                // one row group in each: the same statistics, column by column, as parquet-java computes
                String stats = "SELECT path_in_schema, num_values, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('%s')";
                for (String[] pair : List.of(new String[] {single.toString(), reference.toString()}, new String[] {reference.toString(), single.toString()})) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + stats.formatted(pair[0]) + " EXCEPT ALL " + stats.formatted(pair[1]) + ")")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(contract.dataset() + ": column statistics of one file not in the other").isZero();
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*), count(stats_min_value) FROM parquet_metadata('" + single + "')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(schema.fieldNames().length);
                    assertThat(rs.getInt(2)).as(contract.dataset() + " columns with statistics").isGreaterThan(schema.fieldNames().length / 2);
                }
                for (String[] pair : List.of(new String[] {direct.toString(), reference.toString()}, new String[] {reference.toString(), direct.toString()},
                        new String[] {single.toString(), reference.toString()})) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT * FROM read_parquet('" + pair[0]
                            + "') EXCEPT ALL SELECT * FROM read_parquet('" + pair[1] + "'))")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(contract.dataset() + ": rows of one file not in the other").isZero();
                    }
                }
                // and the values themselves, column by column, as text
                List<String> names = new ArrayList<>(schema.columns().keySet());
                names.addAll(LakeSchema.LINEAGE);
                List<ColumnType> types = new ArrayList<>(schema.columns().values());
                StringBuilder sql = new StringBuilder("SELECT ");
                for (int k = 0; k < names.size(); k++) {
                    if (k > 0) sql.append(", ");
                    String col = '"' + names.get(k) + '"';
                    sql.append(names.get(k).equals("ingested_at") ? "epoch_us(" + col + ")::VARCHAR" : col + "::VARCHAR");
                }
                sql.append(" FROM read_parquet('").append(direct).append("') ORDER BY source_row");
                try (ResultSet rs = st.executeQuery(sql.toString())) {
                    int r = 0;
                    while (rs.next()) {
                        Object[] expected = rows.get(r);
                        for (int k = 0; k < names.size(); k++) {
                            Object v = expected[k];
                            String want;
                            if (v == null) want = null;
                            else if (k < types.size() && types.get(k) == ColumnType.LIST) {
                                List<?> items = (List<?>) v;
                                StringBuilder sb = new StringBuilder("[");
                                for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? ", " : "").append(items.get(i) == null ? "NULL" : items.get(i));
                                want = sb.append(']').toString();
                                lists++;
                            } else want = String.valueOf(v);
                            String got = rs.getString(k + 1);
                            if (v instanceof Double d) {
                                assertThat(Double.parseDouble(got)).as("%s.%s row %d", contract.dataset(), names.get(k), r).isEqualTo(d);
                            } else {
                                assertThat(got).as("%s.%s row %d", contract.dataset(), names.get(k), r).isEqualTo(want);
                            }
                        }
                        r++;
                    }
                    assertThat(r).isEqualTo(ROWS);
                }
            }
        }
        // list columns were among those checked (la_reference, site, ...)
        assertThat(lists).isGreaterThan(ROWS);
        // and every kind of dictionary was written (and read back above)
        assertThat(dictionaryTypes).contains("BYTE_ARRAY", "INT32", "INT64", "DOUBLE");
    }
    /** The RLE/bit-packed hybrid encoder against parquet-java's decoder: runs, short runs, padding, every width. */
    @Test
    void hybridEncodingDecodesAsWritten() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int width = 0; width <= 20; width++) {
            int max = width == 0 ? 0 : (1 << width) - 1;
            for (int n : new int[] {1, 7, 8, 9, 63, 500, 1001, 3000}) {
                int[] v = new int[n + 10];
                int i = 0;
                while (i < n) {
                    int run = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
                    int value = max == 0 ? 0 : random.nextInt(max + 1);
                    for (int j = 0; j < run && i < n; j++) v[i++] = value;
                }
                ParquetPartWriter.Bytes out = new ParquetPartWriter.Bytes(16);
                // from an offset, as a page after the first does
                int from = 5;
                System.arraycopy(v, 0, v, from, n);
                ParquetPartWriter.Hybrid.encode(v, from, from + n, width, out);
                org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder decoder =
                        new org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder(width,
                                org.apache.parquet.bytes.ByteBufferInputStream.wrap(java.nio.ByteBuffer.wrap(out.array(), 0, out.size())));
                for (int j = 0; j < n; j++) {
                    assertThat(decoder.readInt()).as("width %d, %d values, value %d", width, n, j).isEqualTo(v[from + j]);
                }
            }
        }
        assertThat(ParquetPartWriter.bitWidth(0)).isZero();
        assertThat(ParquetPartWriter.bitWidth(1)).isEqualTo(1);
        assertThat(ParquetPartWriter.bitWidth(3)).isEqualTo(2);
        assertThat(ParquetPartWriter.bitWidth(4)).isEqualTo(3);
    }

    /** The dictionary's slot hash spreads keys that differ only in their high bits (whole-number doubles). */
    @Test
    void dictionarySlotsSpreadWholeNumberDoubles() {
        int mask = (1 << 15) - 1;
        for (long step : new long[] {1, 100}) {
            java.util.Set<Integer> slots = new java.util.HashSet<>();
            for (int i = 0; i < 20_000; i++) slots.add(ParquetPartWriter.Dictionary.mix(Double.doubleToLongBits(i * step / 100.0)) & mask);
            // 20,000 keys over 32,768 slots: a random hash fills about 14,900
            assertThat(slots.size()).as("step %d", step).isGreaterThan(14_000);
        }
    }
}
