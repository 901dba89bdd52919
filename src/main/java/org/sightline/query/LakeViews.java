package org.sightline.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.contract.ColumnType;
import org.sightline.contract.Contract;
import org.sightline.lake.BuiltInLaReference;
import org.sightline.lake.Lake;
import org.sightline.lake.LakeSchema;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;

/**
 * One DuckDB view per dataset over its published (current) Parquet files, as listed in the
 * manifest: a query never sees a staged, half-published or superseded file. A dataset with nothing
 * published is an empty view with the right columns and types, except {@code la_reference}, which then
 * shows the national reference Sightline ships ({@link BuiltInLaReference}). File paths are relative to
 * the lake folder, found through DuckDB's {@code file_search_path}, so a copied or moved lake keeps working.
 * Every view and column carries its description from the contract ({@code COMMENT ON}). The same
 * statements are written to {@code <home>/lake/views.sql} for researchers.
 */
public final class LakeViews {
    private LakeViews() {}

    public static List<String> statements(Lake lake, Map<String, Contract> contracts) {
        Manifest m = lake.read();
        List<String> out = new ArrayList<>();
        Connection probe = null;
        try {
            for (Contract c : contracts.values()) {
                List<Path> files = new ArrayList<>();
                for (Manifest.FileEntry f : m.current(c.dataset())) files.add(Path.of(f.path()));
                Set<String> written = null;
                if (!files.isEmpty() && !c.dataset().equals("la_reference")) {
                    if (probe == null) probe = Duck.open();
                    written = writtenColumns(probe, lake, files);
                }
                statements(out, c, files, written);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lake's Parquet schemas: " + e.getMessage(), e);
        } finally {
            if (probe != null) {
                try {
                    probe.close();
                } catch (SQLException ignored) {
                    // an in-memory connection: nothing to lose
                }
            }
        }
        return out;
    }

    /**
     * The columns the dataset's published files hold (null when they cannot be read: the view then names every
     * contract column, as DuckDB reports a missing file plainly). A column the contract has gained since some files
     * were written is null in those files' rows (union_by_name); one no file has yet is a typed NULL in the view,
     * so a lake written before the contract gained an optional column keeps working.
     */
    private static Set<String> writtenColumns(Connection probe, Lake lake, List<Path> files) {
        List<Path> abs = new ArrayList<>();
        for (Path f : files) abs.add(lake.root().resolve(f));
        Set<String> out = new HashSet<>();
        try (Statement st = probe.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Duck.fileList(abs) + ", union_by_name = true, hive_partitioning = false)")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            return null;
        }
        return out;
    }

    private static void statements(List<String> out, Contract c, List<Path> files, Set<String> written) {
        StringBuilder cols = new StringBuilder();
        for (Map.Entry<String, ColumnType> e : new LakeSchema(c).columns().entrySet()) {
            if (cols.length() > 0) cols.append(", ");
            if (written != null && !written.contains(e.getKey())) {
                cols.append("CAST(NULL AS ").append(LakeSchema.duckType(e.getValue())).append(") AS ");
            }
            cols.append(Duck.ident(e.getKey()));
        }
        for (String l : LakeSchema.LINEAGE) cols.append(", ").append(Duck.ident(l));
        String body;
        if (files.isEmpty() && !c.dataset().equals("la_reference")) {
            body = emptyBody(types(c));
        } else if (c.dataset().equals("la_reference")) {
            // the national reference Sightline ships, extended by any lookup ingested
            body = laReference(c, files.isEmpty() ? null : "SELECT " + cols + " FROM read_parquet(" + Duck.relativeFileList(files) + ", union_by_name = true, hive_partitioning = false)");
        } else {
            body = "SELECT " + cols + " FROM read_parquet(" + Duck.relativeFileList(files) + ", union_by_name = true, hive_partitioning = false)";
        }
        out.add("CREATE OR REPLACE VIEW " + Duck.ident(c.dataset()) + " AS " + body + ";");
        out.addAll(comments(c));
    }

    /**
     * The {@code la_reference} view body: the built-in LA reference ({@link BuiltInLaReference}) extended by the
     * ingested lookup ({@code ingested}, null when none); with neither, an empty view.
     */
    private static String laReference(Contract c, String ingested) {
        Path jobsDir = c.file().toAbsolutePath().getParent().getParent();
        Map<String, String> types = types(c);
        try {
            if (ingested != null) return BuiltInLaReference.overlay(jobsDir, types, ingested);
            String builtIn = BuiltInLaReference.viewBody(jobsDir, types);
            if (builtIn != null) return builtIn;
        } catch (SQLException e) {
            throw new IllegalStateException("the built-in LA reference " + BuiltInLaReference.file(jobsDir) + " cannot be read: " + e.getMessage(), e);
        }
        return emptyBody(types);
    }

    /** The contract's lake columns, name to DuckDB type. */
    private static Map<String, String> types(Contract c) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ColumnType> e : new LakeSchema(c).columns().entrySet()) types.put(e.getKey(), LakeSchema.duckType(e.getValue()));
        return types;
    }

    /** A view body with the right columns and types and no rows. */
    private static String emptyBody(Map<String, String> types) {
        StringBuilder empty = new StringBuilder();
        for (Map.Entry<String, String> e : types.entrySet()) empty.append("CAST(NULL AS ").append(e.getValue()).append(") AS ").append(Duck.ident(e.getKey())).append(", ");
        return "SELECT " + empty + "CAST(NULL AS VARCHAR) AS source_file, CAST(NULL AS VARCHAR) AS source_sha256, CAST(NULL AS VARCHAR) AS source_sheet, "
                + "CAST(NULL AS BIGINT) AS source_row, CAST(NULL AS VARCHAR) AS ingest_run_id, CAST(NULL AS TIMESTAMPTZ) AS ingested_at WHERE false";
    }

    /** {@code COMMENT ON} the view and each of its columns: the contract's title and descriptions, with units. */
    static List<String> comments(Contract c) {
        List<String> out = new ArrayList<>();
        String view = Duck.ident(c.dataset());
        out.add("COMMENT ON VIEW " + view + " IS " + Duck.literal(oneLine(c.title() + (c.grain().isEmpty() ? "" : ". Grain: " + c.grain()))) + ";");
        Map<String, String> described = new java.util.LinkedHashMap<>();
        for (Contract.OutputColumn o : c.output()) described.putIfAbsent(o.name(), o.description());
        for (org.sightline.contract.ColumnSpec col : c.columns()) {
            if (col.storedName() != null) described.putIfAbsent(col.storedName(), col.description());
        }
        for (String col : new LakeSchema(c).columns().keySet()) {
            String unit = org.sightline.lake.DataDictionary.unit(c.dataset(), col);
            String text = oneLine(described.getOrDefault(col, "")) + (unit.isEmpty() ? "" : " Unit: " + unit + ".");
            out.add("COMMENT ON COLUMN " + view + "." + Duck.ident(col) + " IS " + Duck.literal(text.strip()) + ";");
        }
        for (Map.Entry<String, String> l : LINEAGE_DESCRIPTIONS.entrySet()) {
            out.add("COMMENT ON COLUMN " + view + "." + Duck.ident(l.getKey()) + " IS " + Duck.literal(l.getValue()) + ";");
        }
        return out;
    }

    private static final Map<String, String> LINEAGE_DESCRIPTIONS = Map.of(
            "source_file", "Lineage: the name of the file the row came from.",
            "source_sha256", "Lineage: the SHA-256 of that file.",
            "source_sheet", "Lineage: the sheet of a workbook the row came from (empty for CSV).",
            "source_row", "Lineage: the row number in the source file or sheet (1 = the first line).",
            "ingest_run_id", "Lineage: the ingest run that loaded the row (runs/ and the manifest name it).",
            "ingested_at", "Lineage: when the row was published into the lake.");

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** Creates the views on a connection, which finds the lake's files through its {@code file_search_path}. */
    public static void create(Connection conn, Lake lake, Map<String, Contract> contracts) throws SQLException {
        Duck.searchLake(conn, lake.root());
        for (String s : statements(lake, contracts)) Duck.exec(conn, s);
    }

    /** Writes {@code views.sql}: paste into any DuckDB (CLI, Python, R) to get the same views. */
    public static Path write(Lake lake, Map<String, Contract> contracts) throws IOException {
        Manifest m = lake.read();
        StringBuilder sb = new StringBuilder();
        sb.append("-- Sightline lake views, generated from the manifest (snapshot ").append(Lake.snapshotId(m)).append(").\n");
        sb.append("-- File paths are relative to the lake folder (the folder of this file), so a copy of the lake works.\n");
        sb.append("-- DuckDB resolves them against its file_search_path (or the current folder):\n");
        sb.append("--   duckdb -cmd \"SET file_search_path = 'PATH/TO/lake'\" -c \".read PATH/TO/lake/views.sql\"\n");
        sb.append("--   or: cd PATH/TO/lake && duckdb -c \".read views.sql\"\n");
        sb.append("-- Python and R: see docs/researchers.md in the Sightline repository.\n\n");
        for (String s : statements(lake, contracts)) sb.append(s).append("\n\n");
        Files.createDirectories(lake.root());
        Path file = lake.root().resolve("views.sql");
        Path tmp = lake.root().resolve("views.sql.tmp");
        Files.writeString(tmp, sb.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
