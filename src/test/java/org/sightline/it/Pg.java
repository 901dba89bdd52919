package org.sightline.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL that repository tests run against: {@code SIGHTLINE_TEST_PG_URL} (+ {@code _USER},
 * {@code _PASSWORD}), which {@code .ci/run} sets after installing PostgreSQL. Without it the tests are
 * skipped, except in CI ({@code CI=true}), where a missing database fails them. Each test gets a
 * schema of its own, dropped afterwards.
 */
public final class Pg implements AutoCloseable {

    public final String url;
    public final String user;
    public final String password;
    public final String schema;

    private Pg(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static Pg freshSchema() throws Exception {
        String base = System.getenv("SIGHTLINE_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but SIGHTLINE_TEST_PG_URL is not set: .ci/run must install and start PostgreSQL for the repository tests");
            }
            Assumptions.abort("SIGHTLINE_TEST_PG_URL is not set: PostgreSQL repository tests skipped (they always run in CI)");
        }
        String user = env("SIGHTLINE_TEST_PG_USER", "sightline");
        String password = env("SIGHTLINE_TEST_PG_PASSWORD", "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Pg(url, user, password, schema);
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null ? def : v;
    }

    public List<String> cliOptions() {
        return List.of("--db-url", url, "--db-user", user, "--db-password", password);
    }

    public Connection connect() throws Exception {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws Exception {
        String base = url.substring(0, url.lastIndexOf("currentSchema=") - 1);
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
