package org.sightline.lake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The national LA reference Sightline ships ({@code jobs/reference/la-reference.csv}, built from DfE's
 * and ONS's public files by {@code jobs/reference/build_la_reference.py}): the 153 current English LAs
 * with their DfE and GSS codes, names and other names, former GSS codes, regions, statistical
 * neighbours (DfE's 2025 and 2021 models) and ONS 0-17 populations, then the retired LAs with their
 * successors.
 *
 * <p>It is {@code la_reference} until a lookup is ingested: {@link LaMatcher} matches against it and the
 * {@code la_reference} view ({@link org.sightline.query.LakeViews}) shows it, with {@code source_file}
 * saying where it came from. An ingested lookup extends it ({@link #overlay}): for each LA, every column
 * the lookup fills wins, every column it leaves empty (or lacks) keeps the built-in value, and LAs only
 * in the built-in reference stay; so a lookup of names and codes alone does not lose the neighbours,
 * GSS codes or populations.
 */
public final class BuiltInLaReference {
    private BuiltInLaReference() {}

    /** Where the file lives, relative to the jobs folder. */
    public static final String FILE = "reference/la-reference.csv";
    /** The {@code source_file} of its rows in the view. */
    public static final String SOURCE = "built-in: jobs/" + FILE;

    /** Columns holding lists (comma-separated in the file). */
    private static final List<String> LISTS = List.of("former_gss_codes", "statistical_neighbours",
            "statistical_neighbours_2021", "successor_la_codes");

    public static Path file(Path jobsDir) {
        return jobsDir.resolve(FILE);
    }

    public static boolean exists(Path jobsDir) {
        return Files.isRegularFile(file(jobsDir));
    }

    /** Its rows, column name to text (null when empty), in file order; empty when the file is absent. */
    public static List<Map<String, String>> rows(Path jobsDir) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        if (!exists(jobsDir)) return out;
        try (Connection c = Duck.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM read_csv(" + Duck.literal(file(jobsDir).toAbsolutePath().toString())
                     + ", header = true, all_varchar = true, delim = ',', quote = '\"')")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    row.put(md.getColumnName(i), v == null || v.isBlank() ? null : v.strip());
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The items of a list cell ("801, 839" or "Bedford Borough; Bedford BC"). */
    public static List<String> items(String cell, String separator) {
        List<String> out = new ArrayList<>();
        if (cell == null) return out;
        for (String s : cell.split(separator)) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    /**
     * The body of the {@code la_reference} view over the built-in rows, inlined as VALUES (null when the file is absent or empty) so that
     * {@code views.sql} still works when the lake is copied away from the jobs folder: the given lake
     * columns (name to DuckDB type), then the lineage columns.
     */
    public static String viewBody(Path jobsDir, Map<String, String> columns) throws SQLException {
        List<Map<String, String>> rows = rows(jobsDir);
        StringBuilder values = new StringBuilder();
        for (Map<String, String> r : rows) {
            if (values.length() > 0) values.append(",\n  ");
            values.append('(');
            boolean first = true;
            for (String col : columns.keySet()) {
                if (!first) values.append(", ");
                first = false;
                String v = r.get(col);
                if (v == null) {
                    values.append("NULL");
                } else if (LISTS.contains(col)) {
                    values.append('[');
                    List<String> items = items(v, ",");
                    for (int i = 0; i < items.size(); i++) values.append(i == 0 ? "" : ", ").append(Duck.literal(items.get(i)));
                    values.append(']');
                } else {
                    values.append(Duck.literal(v));
                }
            }
            values.append(')');
        }
        StringBuilder select = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (Map.Entry<String, String> e : columns.entrySet()) {
            if (names.length() > 0) names.append(", ");
            names.append(Duck.ident(e.getKey()));
            String type = e.getValue();
            // lists arrive as VARCHAR[] (or NULL), the rest as text: cast each to the lake's type
            select.append("CAST(").append(Duck.ident(e.getKey())).append(" AS ").append(type).append(") AS ").append(Duck.ident(e.getKey())).append(", ");
        }
        select.append(Duck.literal(SOURCE)).append(" AS source_file, CAST(NULL AS VARCHAR) AS source_sha256, CAST(NULL AS VARCHAR) AS source_sheet, ")
                .append("CAST(NULL AS BIGINT) AS source_row, CAST(NULL AS VARCHAR) AS ingest_run_id, CAST(NULL AS TIMESTAMPTZ) AS ingested_at");
        if (rows.isEmpty()) return null;
        return "SELECT " + select + " FROM (VALUES\n  " + values + ") AS builtin(" + names + ")";
    }

    /**
     * The la_reference rows: the built-in reference overlaid by an ingested lookup, joined on {@code la_code}.
     * {@code ingested} is a query over the lookup's files giving the same columns, then the lineage columns;
     * each column is the lookup's value where it has one, else the built-in one; lineage is the lookup's
     * for an LA it holds. With no built-in reference, the lookup alone.
     */
    public static String overlay(Path jobsDir, Map<String, String> columns, String ingested) throws SQLException {
        String builtIn = viewBody(jobsDir, columns);
        if (builtIn == null) return ingested;
        StringBuilder select = new StringBuilder();
        for (String col : columns.keySet()) {
            String id = Duck.ident(col);
            select.append("COALESCE(i.").append(id).append(", b.").append(id).append(") AS ").append(id).append(", ");
        }
        for (String l : org.sightline.lake.LakeSchema.LINEAGE) {
            String id = Duck.ident(l);
            select.append("CASE WHEN i.la_code IS NULL THEN b.").append(id).append(" ELSE i.").append(id).append(" END AS ").append(id).append(", ");
        }
        select.setLength(select.length() - 2);
        return "SELECT " + select + " FROM (" + builtIn + ") AS b FULL OUTER JOIN (" + ingested + ") AS i ON i.la_code = b.la_code";
    }
}
