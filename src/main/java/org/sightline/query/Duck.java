package org.sightline.query;

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
