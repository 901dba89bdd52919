package org.sightline.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sightline.ingest.ColumnType;
import org.sightline.ingest.Contract;
import org.sightline.ingest.hooks.BuiltInLaReference;
import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.sightline.lake.Manifest;

/**
 * One DuckDB view per dataset over its published (current) Parquet files, as listed in the
 * manifest: a query never sees a staged, half-published or superseded file. A dataset with nothing
 * published is an empty view with the right columns and types, except {@code la_reference}, which then
 * shows the national reference Sightline ships ({@link BuiltInLaReference}). The same statements are written to
 * {@code <home>/lake/views.sql} for researchers.
 */
public final class LakeViews {
    private LakeViews() {}

    public static List<String> statements(Lake lake, Map<String, Contract> contracts) {
        Manifest m = lake.read();
        List<String> out = new ArrayList<>();
        for (Contract c : contracts.values()) {
            List<Path> files = new ArrayList<>();
            for (Manifest.FileEntry f : m.current(c.dataset())) files.add(lake.root().resolve(f.path()));
            StringBuilder cols = new StringBuilder();
            for (Map.Entry<String, ColumnType> e : new LakeSchema(c).columns().entrySet()) {
                if (cols.length() > 0) cols.append(", ");
                cols.append(Duck.ident(e.getKey()));
            }
            for (String l : LakeSchema.LINEAGE) cols.append(", ").append(Duck.ident(l));
            String body = null;
            if (files.isEmpty() && c.dataset().equals("la_reference")) body = builtIn(c);
            if (body != null) {
                // nothing ingested yet: the national reference Sightline ships
            } else if (files.isEmpty()) {
                StringBuilder empty = new StringBuilder();
                for (Map.Entry<String, ColumnType> e : new LakeSchema(c).columns().entrySet()) {
                    empty.append("CAST(NULL AS ").append(LakeSchema.duckType(e.getValue())).append(") AS ").append(Duck.ident(e.getKey())).append(", ");
                }
                empty.append("CAST(NULL AS VARCHAR) AS source_file, CAST(NULL AS VARCHAR) AS source_sha256, CAST(NULL AS VARCHAR) AS source_sheet, ")
                        .append("CAST(NULL AS BIGINT) AS source_row, CAST(NULL AS VARCHAR) AS ingest_run_id, CAST(NULL AS TIMESTAMPTZ) AS ingested_at");
                body = "SELECT " + empty + " WHERE false";
            } else {
                body = "SELECT " + cols + " FROM read_parquet(" + Duck.fileList(files) + ", union_by_name = true, hive_partitioning = false)";
            }
            out.add("CREATE OR REPLACE VIEW " + Duck.ident(c.dataset()) + " AS " + body + ";");
        }
        return out;
    }

    /** The view body over the built-in LA reference ({@link BuiltInLaReference}), or null when it is absent. */
    private static String builtIn(Contract c) {
        Path jobsDir = c.file().toAbsolutePath().getParent().getParent();
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ColumnType> e : new LakeSchema(c).columns().entrySet()) types.put(e.getKey(), LakeSchema.duckType(e.getValue()));
        try {
            return BuiltInLaReference.viewBody(jobsDir, types);
        } catch (SQLException e) {
            throw new IllegalStateException("the built-in LA reference " + BuiltInLaReference.file(jobsDir) + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Creates the views on a connection. */
    public static void create(Connection conn, Lake lake, Map<String, Contract> contracts) throws SQLException {
        for (String s : statements(lake, contracts)) Duck.exec(conn, s);
    }

    /** Writes {@code views.sql}: paste into any DuckDB (CLI, Python, R) to get the same views. */
    public static Path write(Lake lake, Map<String, Contract> contracts) throws IOException {
        Manifest m = lake.read();
        StringBuilder sb = new StringBuilder();
        sb.append("-- Sightline lake views, generated from the manifest (snapshot ").append(Lake.snapshotId(m)).append(").\n");
        sb.append("-- Run in DuckDB: .read ").append(lake.root().resolve("views.sql").toAbsolutePath()).append("\n\n");
        for (String s : statements(lake, contracts)) sb.append(s).append("\n\n");
        Files.createDirectories(lake.root());
        Path file = lake.root().resolve("views.sql");
        Path tmp = lake.root().resolve("views.sql.tmp");
        Files.writeString(tmp, sb.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
