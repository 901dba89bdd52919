package org.sightline.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;
import org.sightline.query.QueryRunner;

/**
 * Expected monthly returns and how they are going: the API behind {@code sightline status} and the
 * steering pack's data-quality page.
 *
 * <p>{@code jobs/expected-submissions.yml} says which datasets each site sends every month and by
 * which working day they are due. A month's <em>return</em> is about that month and arrives in the
 * next: the return for October 2026 is whatever arrives during November 2026 (a file dropped in an
 * inbox arrives when it stopped changing; a file given to {@code sightline ingest} when it is
 * published), due by November's Nth working day. {@link #status} gives, per site and dataset:
 * {@link State#ON_TIME} (first good file by the due date), {@link State#LATE} (after it),
 * {@link State#FAILED} (files came, none loaded), {@link State#DUE} (nothing yet, not yet due),
 * {@link State#MISSING} (nothing, and the due date has passed), or {@link State#NOT_EXPECTED} (the
 * month is outside the site's from/until: a closed site is still listed), with the last file
 * received, the rows now in the lake and the rows its files had rejected.
 *
 * <pre>{@code
 * // the data-quality page of the October 2026 pack
 * List<Submissions.Status> rows = Submissions.status(home, jobsDir, YearMonth.of(2026, 10));
 * for (Submissions.Status s : rows) if (s.state().problem()) ...
 * }</pre>
 */
public final class Submissions {

    public static final String FILE = "expected-submissions.yml";

    private Submissions() {}

    /** A site is expected to send a dataset's return for every month from {@code from} until {@code until} (either may be null). */
    public record Expected(String site, String dataset, int dueWorkingDay, LocalDate from, LocalDate until) {
        public boolean expectedIn(YearMonth m) {
            return (from == null || !from.isAfter(m.atEndOfMonth())) && (until == null || !until.isBefore(m.atDay(1)));
        }
    }

    public enum State {
        ON_TIME, LATE, FAILED, DUE, MISSING, NOT_EXPECTED;

        /** Late, failed or missing: what the morning check and the data-quality page flag. */
        public boolean problem() {
            return this == LATE || this == FAILED || this == MISSING;
        }

        public String label() {
            return name().replace('_', ' ').toLowerCase();
        }
    }

    /**
     * One site and dataset's return for one month.
     *
     * @param month            the month the return is about (its files arrive in the next month)
     * @param dueBy            the due date (the Nth working day of the next month)
     * @param firstReceivedAt  first arrival for this return (ISO instant), null when none
     * @param lastFile         the most recent file received for it, any month; null when never
     * @param lastReceivedAt   when that file arrived
     * @param rows             rows in the lake now for this site and dataset
     * @param rejected         rows the files behind those rows had rejected
     * @param filesThisMonth   files received for this return (sheets count once per file)
     * @param note             anything else worth saying (a file in another site's inbox ...), or null
     */
    public record Status(String site, String dataset, YearMonth month, State state, LocalDate dueBy,
                         String firstReceivedAt, String lastFile, String lastReceivedAt,
                         long rows, long rejected, int filesThisMonth, String note) {}

    /** What {@code jobs/expected-submissions.yml} expects, one entry per site and dataset. */
    /** {@code jobs/expected-submissions.yml} as written. */
    record File(Integer dueWorkingDay, List<String> datasets, Map<String, SiteEntry> sites) {}

    /** One site's expectations; what it leaves out comes from the top level. */
    record SiteEntry(List<String> datasets, Integer dueWorkingDay, LocalDate from, LocalDate until) {}

    public static List<Expected> expected(Path jobsDir) {
        Path file = jobsDir.resolve(FILE);
        File m = OpsYaml.read(file, File.class);
        if (m == null) return List.of();
        int due = m.dueWorkingDay() == null ? 5 : m.dueWorkingDay();
        List<String> datasets = m.datasets() == null ? List.of() : m.datasets();
        List<Expected> out = new ArrayList<>();
        for (Map.Entry<String, SiteEntry> e : (m.sites() == null ? Map.<String, SiteEntry>of() : m.sites()).entrySet()) {
            SiteEntry s = e.getValue() == null ? new SiteEntry(null, null, null, null) : e.getValue();
            List<String> ds = s.datasets() != null ? s.datasets() : datasets;
            int d = s.dueWorkingDay() != null ? s.dueWorkingDay() : due;
            if (d < 1 || d > 23) throw new ConfigException(file, e.getKey() + ": due_working_day must be between 1 and 23");
            for (String dataset : ds) out.add(new Expected(e.getKey(), dataset, d, s.from(), s.until()));
        }
        return out;
    }

    /** A month's returns as of today (for the return being collected now: last month). */
    public static List<Status> status(Path home, Path jobsDir, YearMonth month) throws IOException {
        ZoneId zone = Schedule.load(jobsDir).zone();
        return status(home, jobsDir, month, LocalDate.now(zone));
    }

    /** A month's returns, judged as of {@code asOf} (what is missing depends on the day you look). */
    public static List<Status> status(Path home, Path jobsDir, YearMonth month, LocalDate asOf) throws IOException {
        ZoneId zone = Schedule.load(jobsDir).zone();
        WorkingDays days = WorkingDays.load(jobsDir);
        Map<String, Contract> contracts = new ContractLoader(jobsDir, asOf).loadAll();
        List<Expected> expected = expected(jobsDir);
        Lake lake = new Lake(home);
        Manifest manifest = lake.read();
        LakeFacts facts = lakeFacts(lake, contracts, manifest, expected);
        List<Arrival> arrivals = arrivals(home, manifest, facts);

        List<Status> out = new ArrayList<>();
        for (Expected e : expected) {
            YearMonth arrival = month.plusMonths(1);
            LocalDate dueBy = days.nth(arrival, e.dueWorkingDay());
            List<Arrival> mine = arrivals.stream().filter(a -> e.site().equals(a.site) && e.dataset().equals(a.dataset))
                    .sorted(Comparator.comparing(a -> a.at)).toList();
            List<Arrival> thisMonth = mine.stream().filter(a -> YearMonth.from(a.at.atZone(zone)).equals(arrival)).toList();
            State state;
            if (!e.expectedIn(month)) {
                state = State.NOT_EXPECTED;
            } else if (thisMonth.isEmpty()) {
                state = asOf.isAfter(dueBy) ? State.MISSING : State.DUE;
            } else {
                Arrival firstGood = thisMonth.stream().filter(a -> !a.failed).findFirst().orElse(null);
                if (firstGood == null) state = State.FAILED;
                else state = firstGood.at.atZone(zone).toLocalDate().isAfter(dueBy) ? State.LATE : State.ON_TIME;
            }
            Arrival last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
            Set<String> filesThisMonth = new HashSet<>();
            for (Arrival a : thisMonth) filesThisMonth.add(a.file + "\u0000" + a.at);
            SiteRows sr = facts.rows.getOrDefault(e.dataset() + "\u0000" + e.site(), new SiteRows());
            String note = null;
            for (Arrival a : mine) if (a.note != null) note = a.note;
            out.add(new Status(e.site(), e.dataset(), month, state, dueBy,
                    thisMonth.isEmpty() ? null : thisMonth.get(0).at.toString(),
                    last == null ? null : last.file, last == null ? null : last.at.toString(),
                    sr.rows, sr.rejected(manifest), filesThisMonth.size(), note));
        }
        return out;
    }

    /** A file (one sheet of it) arriving for a site and dataset. */
    private static final class Arrival {
        String site;
        String dataset;
        String file;
        Instant at;
        boolean failed;
        String note;
    }

    private static final class SiteRows {
        long rows;
        final Set<String> runIds = new TreeSet<>();

        long rejected(Manifest m) {
            long n = 0;
            for (Manifest.IngestEntry i : m.ingests) if (runIds.contains(i.runId())) n += i.rowsRejected();
            return n;
        }
    }

    private static final class LakeFacts {
        /** dataset + site -> current rows and the runs that wrote them */
        final Map<String, SiteRows> rows = new HashMap<>();
        /** run id -> sites of its current rows */
        final Map<String, Set<String>> sitesOfRun = new HashMap<>();
    }

    private static LakeFacts lakeFacts(Lake lake, Map<String, Contract> contracts, Manifest m, List<Expected> expected) throws IOException {
        LakeFacts f = new LakeFacts();
        Set<String> datasets = new TreeSet<>();
        for (Expected e : expected) datasets.add(e.dataset());
        List<String> withSite = new ArrayList<>();
        for (String d : datasets) {
            Contract c = contracts.get(d);
            if (c != null && c.storedColumns().containsKey("site_id") && !m.current(d).isEmpty()) withSite.add(d);
        }
        if (withSite.isEmpty()) return f;
        try (Connection conn = QueryRunner.connect(lake, contracts); Statement st = conn.createStatement()) {
            for (String d : withSite) {
                try (ResultSet rs = st.executeQuery("select cast(site_id as varchar), ingest_run_id, count(*) from " + Duck.ident(d) + " group by all")) {
                    while (rs.next()) {
                        String site = rs.getString(1);
                        String run = rs.getString(2);
                        SiteRows sr = f.rows.computeIfAbsent(d + "\u0000" + site, k -> new SiteRows());
                        sr.rows += rs.getLong(3);
                        sr.runIds.add(run);
                        f.sitesOfRun.computeIfAbsent(run, k -> new TreeSet<>()).add(site);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the lake for the submission status: " + e.getMessage(), e);
        }
        return f;
    }

    /** Arrivals: inbox receipts (when files arrived), and published ingests no receipt accounts for (direct ingests). */
    private static List<Arrival> arrivals(Path home, Manifest m, LakeFacts facts) throws IOException {
        Map<String, Manifest.IngestEntry> ingestByUnit = new LinkedHashMap<>();
        for (Manifest.IngestEntry i : m.ingests) ingestByUnit.put(unitKey(i.dataset(), i.sourceSha256(), i.sourceSheet()), i);
        List<Arrival> out = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Receipt r : Receipt.all(home)) {
            if (r.units() == null) continue;
            for (Receipt.Unit u : r.units()) {
                if (u.dataset() == null || "SKIPPED".equals(u.outcome())) continue;
                String key = r.sha256() == null ? null : unitKey(u.dataset(), r.sha256(), u.sheet());
                Manifest.IngestEntry ingest = key == null ? null : ingestByUnit.get(key);
                if (ingest != null && "LOADED".equals(u.outcome())) covered.add(key);
                Set<String> sites = ingest == null ? Set.of() : sitesOf(ingest, facts);
                String note = null;
                if (sites.isEmpty() || r.site() != null && sites.contains(r.site())) {
                    sites = r.site() == null ? Set.of() : Set.of(r.site());
                } else if (r.site() != null) {
                    note = r.file() + " came in through " + r.site() + "'s inbox but holds rows for " + String.join(", ", sites);
                }
                for (String site : sites) {
                    Arrival a = new Arrival();
                    a.site = site;
                    a.dataset = u.dataset();
                    a.file = r.file();
                    a.at = Instant.parse(r.receivedAt());
                    a.failed = "FAILED".equals(u.outcome());
                    a.note = note;
                    out.add(a);
                }
            }
        }
        for (Map.Entry<String, Manifest.IngestEntry> e : ingestByUnit.entrySet()) {
            if (covered.contains(e.getKey())) continue;
            Manifest.IngestEntry i = e.getValue();
            for (String site : sitesOf(i, facts)) {
                Arrival a = new Arrival();
                a.site = site;
                a.dataset = i.dataset();
                a.file = i.sourceFile();
                a.at = Instant.parse(i.publishedAt());
                out.add(a);
            }
        }
        return out;
    }

    /** The sites an ingest wrote: from its current rows, else from its {@code site_id=} partitions (superseded files). */
    private static Set<String> sitesOf(Manifest.IngestEntry i, LakeFacts facts) {
        Set<String> s = facts.sitesOfRun.get(i.runId());
        if (s != null) return s;
        Set<String> out = new TreeSet<>();
        if (i.scope() != null) {
            for (String p : i.scope()) {
                for (String part : p.split("/")) if (part.startsWith("site_id=")) out.add(part.substring("site_id=".length()));
            }
        }
        return out;
    }

    /**
     * When each file unit arrived by its receipts (an inbox pass, or {@code ingest --received-on}), the
     * earliest when there are several, by {@link #unitKey}; a unit without a receipt arrived when it was
     * published. The data-quality page dates its tables by the same rule.
     */
    public static Map<String, Instant> receiptArrivals(Path home) throws IOException {
        Map<String, Instant> out = new HashMap<>();
        for (Receipt r : Receipt.all(home)) {
            if (r.units() == null || r.sha256() == null || r.receivedAt() == null) continue;
            for (Receipt.Unit u : r.units()) {
                if (u.dataset() != null) out.merge(unitKey(u.dataset(), r.sha256(), u.sheet()), Instant.parse(r.receivedAt()),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }

    /** The key of one file unit: dataset, file content, sheet. */
    public static String unitKey(String dataset, String sha, String sheet) {
        return dataset + "\u0000" + sha + "\u0000" + (sheet == null ? "" : sheet);
    }
}
