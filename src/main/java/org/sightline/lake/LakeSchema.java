package org.sightline.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.sightline.contract.ColumnType;
import org.sightline.contract.Contract;

/** The Parquet schema of a dataset: its stored columns, then the lineage columns on every row. */
public final class LakeSchema {

    /** Lineage columns appended to every dataset, in this order. */
    public static final List<String> LINEAGE = List.of(
            "source_file", "source_sha256", "source_sheet", "source_row", "ingest_run_id", "ingested_at");

    private final String dataset;
    private final Map<String, ColumnType> columns;
    private final MessageType messageType;
    private final List<String> uniqueColumns = new ArrayList<>(List.of("source_row"));

    public LakeSchema(Contract contract) {
        this.dataset = contract.dataset();
        this.columns = new LinkedHashMap<>(contract.storedColumns());
        for (org.sightline.contract.ColumnSpec c : contract.columns()) {
            if ((c.privacy() == org.sightline.contract.Privacy.PSEUDONYMISE || c.privacy() == org.sightline.contract.Privacy.PSEUDONYMISE_CHILD_ID) && c.storedName() != null && columns.containsKey(c.storedName())) uniqueColumns.add(c.storedName());
        }
        List<Type> fields = new ArrayList<>();
        columns.forEach((name, type) -> fields.add(field(name, type)));
        fields.add(string("source_file"));
        fields.add(string("source_sha256"));
        fields.add(string("source_sheet"));
        fields.add(Types.optional(PrimitiveTypeName.INT64).named("source_row"));
        fields.add(string("ingest_run_id"));
        fields.add(Types.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ingested_at"));
        this.messageType = new MessageType(dataset, fields);
    }

    public String dataset() { return dataset; }

    public Map<String, ColumnType> columns() { return columns; }

    public MessageType messageType() { return messageType; }

    /**
     * The type of each field in file order, lineage included (source_file, source_sha256, source_sheet
     * and ingest_run_id are strings, source_row an integer); null for {@code ingested_at}, a timestamp
     * in microseconds written as a long.
     */
    public ColumnType[] fieldTypes() {
        ColumnType[] t = new ColumnType[columns.size() + LINEAGE.size()];
        int i = 0;
        for (ColumnType c : columns.values()) t[i++] = c;
        for (String lineage : LINEAGE) {
            t[i++] = switch (lineage) {
                case "source_row" -> ColumnType.INTEGER;
                case "ingested_at" -> null;
                default -> ColumnType.STRING;
            };
        }
        return t;
    }

    /** The name of each field in file order, lineage included. */
    public String[] fieldNames() {
        List<String> names = new ArrayList<>(columns.keySet());
        names.addAll(LINEAGE);
        return names.toArray(new String[0]);
    }

    /**
     * The folder (with a trailing slash; "" when unpartitioned) that a partition's files go in: its
     * values only, {@code site_id=METRO_CITY} in {@code METRO_CITY/}. The partition columns are in the
     * files, so they are not written a second time as Hive {@code key=value} folders, which pandas,
     * pyarrow, polars and R's arrow would read as a second, differently typed column of the same name;
     * a dataset's folder is read whole as it is. The manifest keeps the {@code key=value} form.
     */
    public static String folderOf(String partition) {
        if (partition.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (String part : partition.split("/")) {
            int eq = part.indexOf('=');
            sb.append(eq < 0 ? part : part.substring(eq + 1)).append('/');
        }
        return sb.toString();
    }

    /** Columns whose values are (nearly) all distinct: pseudonyms and the source row. */
    public List<String> uniqueColumns() { return uniqueColumns; }

    /** The DuckDB type a researcher sees for a contract type. */
    public static String duckType(ColumnType t) {
        return switch (t) {
            case STRING, CODE -> "VARCHAR";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DOUBLE";
            case DATE -> "DATE";
            case BOOLEAN -> "BOOLEAN";
            case LIST -> "VARCHAR[]";
        };
    }

    private static Type field(String name, ColumnType t) {
        return switch (t) {
            case STRING, CODE -> string(name);
            case INTEGER -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case DECIMAL -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case LIST -> Types.optionalList()
                    .optionalElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(name);
        };
    }

    private static Type string(String name) {
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
