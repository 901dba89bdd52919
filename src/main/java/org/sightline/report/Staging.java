package org.sightline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The staging models of {@code reports/sql/staging/} (one definition each of a referral, a closure, a
 * case, an open case, the reporting periods and a site's LAs), created as temp views and macros on a
 * report's DuckDB connection, in file-name order; a model whose datasets ({@code -- requires:}) the
 * lake does not have is skipped. Beside them the temp table {@code site_target}: each site's targets
 * and cost assumptions from {@code jobs/targets.yml} (the one place the TAM-R threshold is set).
 */
public final class Staging {

    private Staging() {}

    /** Creates the staging views on a connection that has the lake's views ({@code sightline query}, tests). */
    public static void create(Connection conn, Path reports, Path jobs) throws SQLException, IOException {
        Set<String> views = new TreeSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT view_name FROM duckdb_views() WHERE NOT internal")) {
            while (rs.next()) views.add(rs.getString(1));
        }
        create(conn, reports, jobs, views);
    }

    /** Creates the staging views on the connection; {@code views}: the lake's views present. */
    public static void create(Connection conn, Path reports, Path jobs, Set<String> views) throws SQLException, IOException {
        Path dir = reports.resolve("sql").resolve("staging");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        try (Statement st = conn.createStatement()) {
            for (Path f : files) {
                String sql = Files.readString(f, StandardCharsets.UTF_8);
                if (!views.containsAll(Metrics.requires(sql))) continue;
                st.execute(sql);
            }
        }
        siteTargets(conn, jobs.resolve("targets.yml"), views);
    }

    /** {@code site_target}: one row per site the lake knows (and ALL_SITES, the defaults). */
    static void siteTargets(Connection conn, Path targetsFile, Set<String> views) throws SQLException {
        Set<String> sites = new TreeSet<>();
        sites.add(MeasureTable.ALL);
        List<String> sources = new ArrayList<>();
        for (String v : List.of("site", "referral", "case_closure", "fidelity_tam", "follow_up")) {
            if (views.contains(v)) sources.add("SELECT DISTINCT site_id FROM " + v);
        }
        try (Statement st = conn.createStatement()) {
            if (!sources.isEmpty()) {
                try (ResultSet rs = st.executeQuery(String.join(" UNION ", sources))) {
                    while (rs.next()) if (rs.getString(1) != null) sites.add(rs.getString(1));
                }
            }
            st.execute("CREATE OR REPLACE TEMP TABLE site_target (site_id VARCHAR PRIMARY KEY, adherence_threshold DOUBLE, "
                    + "los_min DOUBLE, los_max DOUBLE, cost_per_case DOUBLE, benefit_other DOUBLE, weeks_low DOUBLE, weeks_central DOUBLE, "
                    + "weeks_high DOUBLE, weekly_residential DOUBLE, weekly_fostering DOUBLE, residential_share DOUBLE)");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO site_target VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String s : sites) {
                Targets t = Targets.forSite(targetsFile, s);
                Targets.Range los = t.range(Targets.LENGTH);
                ps.setString(1, s);
                ps.setDouble(2, t.range(Targets.ADHERENCE).min());
                ps.setDouble(3, los.min());
                ps.setObject(4, los.max());
                ps.setDouble(5, t.cost("delivery_cost_per_case"));
                ps.setDouble(6, t.cost("benefit_per_case_other"));
                ps.setDouble(7, t.cost("weeks_in_care_avoided.low"));
                ps.setDouble(8, t.cost("weeks_in_care_avoided.central"));
                ps.setDouble(9, t.cost("weeks_in_care_avoided.high"));
                ps.setDouble(10, t.cost("weekly_cost_residential"));
                ps.setDouble(11, t.cost("weekly_cost_in_house_fostering"));
                ps.setDouble(12, t.cost("residential_share"));
                ps.executeUpdate();
            }
        }
    }
}
