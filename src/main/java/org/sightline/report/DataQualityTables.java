package org.sightline.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sightline.ingest.Contract;
import org.sightline.ingest.IngestJobConfiguration;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.query.Duck;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The tables the data-quality figures query, made on the report's DuckDB connection from what is
 * not in the lake views: {@code sightline_ingest} (every published file, from the lake manifest),
 * {@code sightline_reject} (every rejected value, from the rejects reports of those files),
 * {@code sightline_dataset} (dataset titles, from the contracts) and {@code sightline_expected}
 * (what each site should send for the pack's month, from {@code jobs/expected-submissions.yml}).
 */
public final class DataQualityTables {

    private DataQualityTables() {}

    /** Creates the manifest, rejects and dataset tables (once per connection). */
    public static void create(Connection c, Lake lake, Map<String, Contract> contracts) throws SQLException {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE sightline_dataset (dataset VARCHAR, title VARCHAR)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightline_dataset VALUES (?, ?)")) {
            for (Contract k : contracts.values()) {
                ps.setString(1, k.dataset());
                ps.setString(2, k.title() == null ? k.dataset() : k.title());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE sightline_ingest (dataset VARCHAR, source_file VARCHAR, source_sheet VARCHAR, "
                + "run_id VARCHAR, site_id VARCHAR, rows_loaded BIGINT, rows_rejected BIGINT, received_at TIMESTAMP)");
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE sightline_reject (run_id VARCHAR, dataset VARCHAR, column_name VARCHAR, rule VARCHAR)");
        Manifest m = lake.read();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightline_ingest VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Manifest.IngestEntry e : m.ingests) {
                List<String> sites = sites(e.scope());
                if (sites.isEmpty()) sites.add(null);
                for (String site : sites) {
                    ps.setString(1, e.dataset());
                    ps.setString(2, e.sourceFile());
                    ps.setString(3, e.sourceSheet());
                    ps.setString(4, e.runId());
                    ps.setString(5, site);
                    ps.setLong(6, e.rowsLoaded());
                    ps.setLong(7, e.rowsRejected());
                    ps.setTimestamp(8, Timestamp.from(Instant.parse(e.publishedAt())));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        for (Manifest.IngestEntry e : m.ingests) {
            if (e.rowsRejected() == 0) continue;
            Path rejects = IngestJobConfiguration.rejectsFile(lake.home(), e.dataset(), e.sourceFile(), e.sourceSheet(), e.sourceSha256());
            if (!Files.exists(rejects)) continue;
            Duck.exec(c, "INSERT INTO sightline_reject SELECT " + Duck.literal(e.runId()) + ", " + Duck.literal(e.dataset())
                    + ", \"column\", rule FROM read_csv(" + Duck.literal(rejects.toAbsolutePath().toString())
                    + ", header = true, all_varchar = true, quote = '\"', escape = '\"')");
        }
    }

    /** Site ids named by an ingest's partitions ("site_id=METRO_CITY"); empty for shared datasets. */
    static List<String> sites(List<String> scope) {
        List<String> out = new ArrayList<>();
        if (scope == null) return out;
        for (String partition : scope) {
            if (partition == null) continue;
            for (String part : partition.split("/")) {
                if (part.startsWith("site_id=") && !out.contains(part.substring(8))) out.add(part.substring(8));
            }
        }
        return out;
    }

    /**
     * Fills {@code sightline_expected} for one site and month from {@code jobs/expected-submissions.yml}
     * (the format {@code sightline status} reads): the datasets the site sends (those with a contract),
     * for the months between its {@code from} and {@code until}; a month's return arrives during the
     * next month and is due by that month's {@code due_working_day}-th working day (Monday to Friday,
     * less {@code jobs/holidays.yml}).
     */
    public static void expected(Connection c, Path jobsDir, Map<String, Contract> contracts, String siteId, YearMonth month)
            throws SQLException {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE sightline_expected (site_id VARCHAR, dataset VARCHAR, title VARCHAR, due_date DATE, ord INTEGER)");
        Plan plan = plan(jobsDir.resolve("expected-submissions.yml"), siteId);
        if (plan == null) return;
        if (plan.from != null && plan.from.isAfter(month.atEndOfMonth())) return;
        if (plan.until != null && plan.until.isBefore(month.atDay(1))) return;
        LocalDate due = workingDay(month.plusMonths(1), plan.dueWorkingDay, holidays(jobsDir.resolve("holidays.yml")));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightline_expected VALUES (?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (String d : plan.datasets) {
                Contract k = contracts.get(d);
                if (k == null) continue;
                ps.setString(1, siteId);
                ps.setString(2, d);
                ps.setString(3, k.title() == null ? d : k.title());
                ps.setObject(4, due);
                ps.setInt(5, ord++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    record Plan(List<String> datasets, int dueWorkingDay, LocalDate from, LocalDate until) {}

    /** The site's entry (null: the site is not listed, so nothing is expected of it). */
    static Plan plan(Path file, String siteId) {
        if (file == null || !Files.exists(file)) {
            return new Plan(List.of("referral", "case_closure", "follow_up"), 5, null, null);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (!(doc instanceof Map<?, ?> m)) return null;
            List<String> datasets = strings(m.get("datasets"), List.of("referral", "case_closure", "follow_up"));
            int due = m.get("due_working_day") instanceof Number n ? n.intValue() : 5;
            if (!(m.get("sites") instanceof Map<?, ?> sites) || !sites.containsKey(siteId)) return null;
            Map<?, ?> s = sites.get(siteId) instanceof Map<?, ?> x ? x : Map.of();
            return new Plan(strings(s.get("datasets"), datasets), s.get("due_working_day") instanceof Number n ? n.intValue() : due,
                    date(s.get("from")), date(s.get("until")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Object o, List<String> otherwise) {
        if (!(o instanceof List<?> l)) return otherwise;
        List<String> out = new ArrayList<>();
        for (Object x : l) out.add(String.valueOf(x));
        return out;
    }

    private static LocalDate date(Object o) {
        if (o == null) return null;
        if (o instanceof java.util.Date d) return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return LocalDate.parse(String.valueOf(o));
    }

    static java.util.Set<LocalDate> holidays(Path file) {
        java.util.Set<LocalDate> out = new java.util.HashSet<>();
        if (file == null || !Files.exists(file)) return out;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (doc instanceof Map<?, ?> m && m.get("holidays") instanceof List<?> l) for (Object o : l) out.add(date(o));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The n-th working day (Monday to Friday, not a holiday) of a month. */
    static LocalDate workingDay(YearMonth m, int n, java.util.Set<LocalDate> holidays) {
        LocalDate d = m.atDay(1);
        int seen = 0;
        while (true) {
            boolean working = d.getDayOfWeek().getValue() <= 5 && !holidays.contains(d);
            if (working && ++seen == n) return d;
            d = d.plusDays(1);
        }
    }
}
