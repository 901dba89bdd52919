package org.sightline.report;

import java.io.IOException;
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

import org.sightline.contract.Contract;
import org.sightline.ingest.IngestJobConfiguration;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;

/**
 * The tables the data-quality figures query, made on the report's DuckDB connection from what is
 * not in the lake views: {@code sightline_ingest} (every published file, from the lake manifest),
 * {@code sightline_reject} (every rejected value, from the rejects reports of those files),
 * {@code sightline_dataset} (dataset titles, from the contracts) and {@code sightline_submission}
 * (each site's returns for the pack's month, as {@code sightline status} judges them).
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
        // a file arrived when its receipt says (an inbox pass, or ingest --received-on), else when it was published,
        // as org.sightline.ops.Submissions judges returns
        Map<String, Instant> arrived;
        try {
            arrived = org.sightline.ops.Submissions.receiptArrivals(lake.home());
        } catch (IOException e) {
            throw new SQLException("cannot read the inbox receipts: " + e.getMessage(), e);
        }
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
                    Instant at = arrived.getOrDefault(org.sightline.ops.Submissions.unitKey(e.dataset(), e.sourceSha256(), e.sourceSheet()),
                            Instant.parse(e.publishedAt()));
                    ps.setTimestamp(8, Timestamp.from(at));
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
     * Fills {@code sightline_submission} with every site's returns for the month as
     * {@link org.sightline.ops.Submissions} judges them (the same answer {@code sightline status}
     * gives): expected datasets from {@code jobs/expected-submissions.yml}, a month's return arriving
     * during the next month, due by its Nth working day.
     */
    public static void submissions(Connection c, Path home, Path jobsDir, Map<String, Contract> contracts, YearMonth month,
                                   LocalDate asOf) throws SQLException, IOException {
        Duck.exec(c, "CREATE OR REPLACE TEMP TABLE sightline_submission (site_id VARCHAR, dataset VARCHAR, title VARCHAR, "
                + "state VARCHAR, due_date DATE, first_received DATE, files BIGINT, rows_in_lake BIGINT, rows_rejected BIGINT, ord INTEGER)");
        if (!Files.exists(jobsDir.resolve(org.sightline.ops.Submissions.FILE))) return;
        List<org.sightline.ops.Submissions.Status> rows = org.sightline.ops.Submissions.status(home, jobsDir, month, asOf);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightline_submission VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (org.sightline.ops.Submissions.Status st : rows) {
                Contract k = contracts.get(st.dataset());
                ps.setString(1, st.site());
                ps.setString(2, st.dataset());
                ps.setString(3, k == null || k.title() == null ? st.dataset() : k.title());
                ps.setString(4, st.state().name());
                ps.setObject(5, st.dueBy());
                ps.setObject(6, st.firstReceivedAt() == null ? null
                        : Instant.parse(st.firstReceivedAt()).atZone(java.time.ZoneId.of("Europe/London")).toLocalDate());
                ps.setLong(7, st.filesThisMonth());
                ps.setLong(8, st.rows());
                ps.setLong(9, st.rejected());
                ps.setInt(10, ord++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
