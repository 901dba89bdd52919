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

import org.sightline.ingest.Contract;
import org.sightline.lake.Lake;

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
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    r[i - 1] = v == null ? null : text(v);
                }
                rows.add(r);
            }
            switch (format) {
                case CSV -> printCsv(names, rows, out);
                case JSON -> printJson(names, rows, md, out);
                default -> printTable(names, rows, out);
            }
            return rows.size();
        }
    }

    private static String text(Object v) throws SQLException {
        if (v instanceof java.sql.Array a) {
            Object[] items = (Object[]) a.getArray();
            List<String> s = new ArrayList<>();
            for (Object o : items) s.add(String.valueOf(o));
            return "[" + String.join(", ", s) + "]";
        }
        return String.valueOf(v);
    }

    private static void printTable(List<String> names, List<String[]> rows, PrintStream out) {
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

    private static void printCsv(List<String> names, List<String[]> rows, PrintStream out) {
        out.println(String.join(",", names.stream().map(QueryRunner::csv).toList()));
        for (String[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : r) cells.add(c == null ? "" : csv(c));
            out.println(String.join(",", cells));
        }
    }

    private static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static void printJson(List<String> names, List<String[]> rows, ResultSetMetaData md, PrintStream out) throws SQLException {
        boolean[] numeric = new boolean[names.size()];
        for (int i = 0; i < numeric.length; i++) {
            String t = md.getColumnTypeName(i + 1).toUpperCase();
            numeric[i] = t.contains("INT") || t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL") || t.equals("BOOLEAN");
        }
        out.println("[");
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder sb = new StringBuilder("  {");
            for (int i = 0; i < numeric.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(json(names.get(i))).append(": ");
                String v = rows.get(r)[i];
                sb.append(v == null ? "null" : numeric[i] ? v : json(v));
            }
            sb.append(r + 1 < rows.size() ? "}," : "}");
            out.println(sb);
        }
        out.println("]");
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
