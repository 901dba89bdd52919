package org.sightline.query;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sightline.contract.Contract;
import org.sightline.lake.Lake;
import org.sightline.lake.Duck;

/** Runs SQL over the lake's views and prints the answer as a table, CSV or JSON. */
public final class QueryRunner {

    public enum Format { TABLE, CSV, JSON }

    private QueryRunner() {}

    /** A connection with the views of every dataset created on it. */
    public static Connection connect(Lake lake, Map<String, Contract> contracts) throws SQLException {
        Connection c = Duck.open();
        LakeViews.create(c, lake, contracts);
        return c;
    }

    /**
     * The one query in a named SQL file: a trailing semicolon and trailing comment lines are dropped
     * (so a file can also be run with DuckDB's {@code .read}).
     */
    public static String statementOf(String fileText) {
        String s = fileText.strip();
        while (true) {
            int nl = s.lastIndexOf('\n');
            String last = s.substring(nl + 1).strip();
            if (last.startsWith("--") && nl > 0) {
                s = s.substring(0, nl).strip();
            } else {
                break;
            }
        }
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        if (s.isEmpty()) throw new IllegalArgumentException("the SQL file holds no query");
        return s;
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * DuckDB variables for SQL files that take parameters ({@code getvariable('la_code')}): each is
     * set as text, the same as {@code SET VARIABLE la_code = '801';} in the DuckDB CLI.
     */
    public static void setVariables(Connection conn, Map<String, String> variables) throws SQLException {
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (!VARIABLE.matcher(v.getKey()).matches()) throw new IllegalArgumentException("not a variable name: " + v.getKey());
            Duck.exec(conn, "SET VARIABLE " + v.getKey() + " = " + Duck.literal(v.getValue()));
        }
    }

    public static int run(Connection conn, String sql, Format format, PrintStream out) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= n; i++) names.add(md.getColumnLabel(i));
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] r = new Object[n];
                for (int i = 1; i <= n; i++) r[i - 1] = value(rs.getObject(i));
                rows.add(r);
            }
            try {
                switch (format) {
                    case CSV -> printCsv(names, rows, out);
                    case JSON -> printJson(names, rows, out);
                    default -> printTable(names, rows, out);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return rows.size();
        }
    }

    /**
     * A cell as plain Java: lists as lists, NaN and infinities as null (JSON has no such numbers, and a
     * reader would take "NaN" for text), dates and times as ISO text, numbers and booleans as they are.
     */
    static Object value(Object v) throws SQLException {
        if (v == null) return null;
        if (v instanceof java.sql.Array a) {
            List<Object> items = new ArrayList<>();
            for (Object o : (Object[]) a.getArray()) items.add(value(o));
            return items;
        }
        if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? null : d;
        if (v instanceof Float f) return f.isNaN() || f.isInfinite() ? null : f;
        if (v instanceof Number || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (var e : m.entrySet()) out.put(String.valueOf(e.getKey()), value(e.getValue()));
            return out;
        }
        if (v instanceof java.sql.Timestamp t) return t.toInstant().toString();
        return String.valueOf(v);
    }

    /** A cell as text for the table and CSV: lists as [a, b], null as null. */
    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l) {
            List<String> s = new ArrayList<>();
            for (Object o : l) s.add(String.valueOf(o));
            return "[" + String.join(", ", s) + "]";
        }
        return String.valueOf(v);
    }

    private static void printTable(List<String> names, List<Object[]> cells, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        for (Object[] c : cells) {
            String[] r = new String[c.length];
            for (int i = 0; i < c.length; i++) r[i] = text(c[i]);
            rows.add(r);
        }
        int[] w = new int[names.size()];
        for (int i = 0; i < w.length; i++) w[i] = names.get(i).length();
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i] == null ? 4 : r[i].length());
        StringBuilder sep = new StringBuilder();
        for (int x : w) sep.append('+').append("-".repeat(x + 2));
        sep.append('+');
        out.println(sep);
        out.println(row(names.toArray(new String[0]), w));
        out.println(sep);
        for (String[] r : rows) out.println(row(r, w));
        out.println(sep);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private static String row(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = cells[i] == null ? "NULL" : cells[i];
            sb.append("| ").append(c).append(" ".repeat(w[i] - c.length() + 1));
        }
        return sb.append('|').toString();
    }

    private static final com.fasterxml.jackson.dataformat.csv.CsvMapper CSV = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** RFC 4180 CSV written by Jackson: a header, then one line per row; lists as [a, b], null as empty. */
    private static void printCsv(List<String> names, List<Object[]> rows, PrintStream out) throws java.io.IOException {
        com.fasterxml.jackson.dataformat.csv.CsvSchema.Builder schema = com.fasterxml.jackson.dataformat.csv.CsvSchema.builder();
        for (String n : names) schema.addColumn(n);
        List<List<String>> lines = new ArrayList<>();
        lines.add(names);
        for (Object[] r : rows) {
            List<String> line = new ArrayList<>();
            for (Object c : r) line.add(c == null ? "" : text(c));
            lines.add(line);
        }
        String text = CSV.writer(schema.build().withoutHeader().withLineSeparator("\n")).writeValueAsString(lines);
        out.print(text);
        out.flush();
    }

    /** A JSON array of one object per row, written by Jackson: lists as arrays, numbers as numbers, NaN as null. */
    private static void printJson(List<String> names, List<Object[]> rows, PrintStream out) throws java.io.IOException {
        List<java.util.Map<String, Object>> objects = new ArrayList<>();
        for (Object[] r : rows) {
            java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
            for (int i = 0; i < r.length; i++) o.put(names.get(i), r[i]);
            objects.add(o);
        }
        out.println(JSON.writeValueAsString(objects));
        out.flush();
    }

    private static final java.util.regex.Pattern GETVARIABLE = java.util.regex.Pattern.compile("getvariable\\s*\\(\\s*'([^']*)'\\s*\\)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The DuckDB variables a query reads with {@code getvariable('NAME')}, in order of first use. */
    public static java.util.Set<String> variablesOf(String sql) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = GETVARIABLE.matcher(sql);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
