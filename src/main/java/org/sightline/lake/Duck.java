package org.sightline.lake;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * In-process DuckDB connections. Only what the JDBC jar bundles is used (Parquet, JSON, CSV): no
 * extension is ever installed or downloaded.
 */
public final class Duck {
    private Duck() {}

    public static Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("threads", "2");
        Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
        // keep each Parquet file's footer once read: lake files never change in place (a new version is a
        // new file), and a steering-pack run reads the same footers for every site's queries
        exec(c, "SET parquet_metadata_cache = true");
        return c;
    }

    /** A DuckDB list literal of file paths: ['a.parquet', 'b.parquet']. */
    public static String fileList(List<Path> files) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(literal(files.get(i).toAbsolutePath().toString()));
        }
        return sb.append(']').toString();
    }

    /** A DuckDB list literal of paths as they are (relative paths stay relative). */
    public static String relativeFileList(List<Path> files) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(literal(files.get(i).toString().replace(java.io.File.separatorChar, '/')));
        }
        return sb.append(']').toString();
    }

    /**
     * Relative file paths on this connection resolve in the lake folder first, then the current folder
     * (DuckDB's {@code file_search_path} is a comma-separated list: a lake path holding a comma cannot
     * be searched, and is refused with a clear message).
     */
    public static void searchLake(Connection c, Path lakeRoot) throws SQLException {
        String root = lakeRoot.toAbsolutePath().normalize().toString();
        if (root.contains(",")) throw new IllegalStateException("the lake folder " + root + " has a comma in its path, which DuckDB's file_search_path cannot hold; move the home");
        String cwd = Path.of("").toAbsolutePath().toString();
        exec(c, "SET file_search_path = " + literal(cwd.contains(",") ? root : root + "," + cwd));
    }

    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    public static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
