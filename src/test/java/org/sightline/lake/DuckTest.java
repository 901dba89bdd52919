package org.sightline.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every DuckDB connection: no extension installed or loaded, two threads, Parquet footers cached. */
class DuckTest {

    @TempDir
    Path dir;

    private static String setting(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')::VARCHAR")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long sum(Statement st, Path file) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT sum(x) FROM read_parquet(" + Duck.literal(file.toString()) + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void connectionsCacheParquetFootersAndStillSeeAFileThatChanged() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            assertThat(setting(st, "parquet_metadata_cache")).isEqualTo("true");
            assertThat(setting(st, "autoinstall_known_extensions")).isEqualTo("false");
            assertThat(setting(st, "autoload_known_extensions")).isEqualTo("false");
            assertThat(setting(st, "threads")).isEqualTo("2");

            st.execute("COPY (SELECT range AS x FROM range(10)) TO " + Duck.literal(file.toString()) + " (FORMAT parquet)");
            assertThat(sum(st, file)).isEqualTo(45);
            assertThat(sum(st, file)).isEqualTo(45);
            // the lake never rewrites a file in place, but if a file did change the cache would not hide it:
            // DuckDB checks the file's modification time against the cached footer's
            st.execute("COPY (SELECT range AS x FROM range(100)) TO " + Duck.literal(file.toString()) + " (FORMAT parquet)");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            assertThat(sum(st, file)).isEqualTo(4950);
        }
    }
}
