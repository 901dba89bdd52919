package org.sightline.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.sightline.contract.Contract;
import org.sightline.lake.Lake;
import org.sightline.lake.Duck;
import org.sightline.query.QueryRunner;

/**
 * Builds monthly steering-group packs: for a site and month, runs every figure in
 * {@code reports/sql/steering/} over the lake's DuckDB views (one JDBC connection for the whole run),
 * fills {@code reports/steering-pack.jrxml} (templates compiled once per run) and writes
 * {@code <site>-steering-pack.pdf} with the same figures as {@code .csv} and {@code .xlsx} beside it.
 */
public final class SteeringPacks implements AutoCloseable {

    public static final String MASTER = "steering-pack";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter MON = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    /** The column that dates a dataset's records, for "does the data reach this month?". */
    private static final Map<String, String> DATE_COLUMN = Map.of(
            "referral", "referral_date", "case_closure", "end_date", "follow_up", "follow_up_date",
            "fidelity_tam", "collected_on", "fidelity_sam", "collected_on");
    private static final Map<String, String> FRIENDLY = Map.of(
            "fidelity_tam", "TAM-R fidelity data", "fidelity_sam", "SAM supervisor fidelity data",
            "lac_statistic", "children-looked-after statistics", "ofsted_judgement", "Ofsted judgements",
            "referral", "referral data", "case_closure", "case closure data", "follow_up", "follow-up data",
            "site", "site register", "la_reference", "local authority reference data");

    /** Figures in the order the pack prints them. */
    static final List<String> PACK_ORDER = List.of("site_profile", "referrals_by_month", "referrals_by_source", "acceptance_funnel",
            "decline_reasons", "caseload", "closure_reasons", "length_of_treatment", "discharge_outcomes", "exit_routes",
            "follow_up_outcomes", "bau_groups", "bau_outcomes", "bau_la_reference", "fidelity_summary", "fidelity_trend", "supervisor_adherence", "cla_rate", "ofsted_latest",
            "cost_benefit", "submissions", "rejects_top_reasons", "rejected_rows", "care_link", "data_coverage");

    /** What one pack produced. */
    public record Result(String siteId, YearMonth month, Path pdf, Path csv, Path xlsx, int pages, PackFigures figures) {}

    private final Lake lake;
    private final Map<String, Contract> contracts;
    private final Path jobs;
    private final Connection conn;
    private final Map<String, FigureSpec> specs;
    private final Metrics metrics;
    private final Map<String, JasperReport> templates;
    private final Set<String> views = new HashSet<>();
    private final Set<String> siteScoped = new HashSet<>();
    /** The lake's datasets with a site_id column, which a site's figures read through {@link #scope(String)}; the connection's catalog. */
    private final List<String> siteDatasets = new ArrayList<>();
    private String catalog;
    private final String snapshot;
    private YearMonth submissionsMonth;

    /**
     * @param reports the {@code reports/} folder (templates; SQL under {@code sql/steering/})
     * @param jobs    the {@code jobs/} folder ({@code targets.yml}, {@code expected-submissions.yml})
     */
    public SteeringPacks(Path home, Path reports, Path jobs, Map<String, Contract> contracts) throws SQLException, IOException {
        this.lake = new Lake(home);
        this.contracts = contracts;
        this.jobs = jobs;
        this.snapshot = Lake.snapshotId(lake.read());
        this.templates = ReportTemplates.compileAll(reports, home.resolve("cache").resolve("reports"));
        if (!templates.containsKey(MASTER)) throw new IllegalStateException("no " + MASTER + ".jrxml in " + reports);
        Path sqlDir = reports.resolve("sql").resolve("steering");
        this.specs = FigureSpec.loadAll(sqlDir);
        this.metrics = Metrics.load(reports.resolve("metrics.yml"), reports.resolve("sql").resolve("measures"));
        this.conn = QueryRunner.connect(lake, contracts);
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT view_name FROM duckdb_views() WHERE NOT internal")) {
                while (rs.next()) views.add(rs.getString(1));
            }
            Staging.create(conn, reports, jobs, views);
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.columns WHERE column_name = 'site_id'")) {
                while (rs.next()) siteScoped.add(rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                catalog = rs.getString(1);
            }
        }
        for (String v : new java.util.TreeSet<>(views)) if (siteScoped.contains(v)) siteDatasets.add(v);
        DataQualityTables.create(conn, lake, contracts);
    }

    /** Sites in the site register, in order (closed ones too). */
    public List<String> sites() throws SQLException {
        List<String> out = new ArrayList<>();
        if (!views.contains("site")) return out;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT site_id FROM site ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The default output folder for a month: {@code <home>/reports/YYYY-MM}. */
    public Path defaultOutDir(YearMonth month) {
        return lake.home().resolve("reports").resolve(month.toString());
    }

    public static String fileStem(String siteId) {
        return siteId + "-steering-pack";
    }

    public Result build(String siteId, YearMonth month, Path outDir) throws SQLException, IOException, JRException {
        return render(figures(siteId, month), outDir);
    }

    /**
     * Packs for several sites: the figures are worked out one site at a time on the one DuckDB
     * connection, and the PDFs filled and written on {@code threads} threads meanwhile.
     */
    public List<Result> buildAll(List<String> siteIds, YearMonth month, Path outDir, int threads, java.util.function.Consumer<Result> done)
            throws Exception {
        List<Result> out = new ArrayList<>();
        if (threads <= 1) {
            for (String s : siteIds) {
                Result r = build(s, month, outDir);
                if (done != null) done.accept(r);
                out.add(r);
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "steering-pack");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Result>> futures = new ArrayList<>();
            for (String s : siteIds) {
                PackFigures f = figures(s, month);
                futures.add(pool.submit(() -> render(f, outDir)));
            }
            for (var fu : futures) {
                try {
                    Result r = fu.get();
                    if (done != null) done.accept(r);
                    out.add(r);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fills the templates with a pack's figures and writes the PDF, CSV and XLSX (thread-safe). */
    public Result render(PackFigures f, Path outDir) throws IOException, JRException {
        String siteId = f.siteId();
        Map<String, Object> params = new HashMap<>();
        params.put("F", f);
        params.put(JRParameter.REPORT_LOCALE, Locale.UK);
        JasperPrint print = JasperFillManager.getInstance(net.sf.jasperreports.engine.DefaultJasperReportsContext.getInstance())
                .fill(templates.get(MASTER), params, new JREmptyDataSource(1));
        Files.createDirectories(outDir);
        Path pdf = outDir.resolve(fileStem(siteId) + ".pdf");
        Path tmp = outDir.resolve("." + fileStem(siteId) + ".pdf.tmp");   // hidden until finished: deliver never sends it
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        SimplePdfExporterConfiguration cfg = new SimplePdfExporterConfiguration();
        cfg.setMetadataTitle("MST steering-group pack: " + f.siteName() + ", " + f.monthLabel());
        cfg.setMetadataAuthor("Sightline");
        cfg.setMetadataSubject("Data snapshot " + f.snapshot());
        cfg.setCompressed(true);
        exporter.setConfiguration(cfg);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            exporter.exportReport();
        }
        Files.move(tmp, pdf, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path csv = outDir.resolve(fileStem(siteId) + ".csv");
        Path xlsx = outDir.resolve(fileStem(siteId) + ".xlsx");
        FigureExport.csv(f, csv);
        FigureExport.xlsx(f, xlsx);
        return new Result(siteId, f.month(), pdf, csv, xlsx, print.getPages().size(), f);
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Runs every measure query of the registry once for a month over the sites (each query answers for
     * every site and for all of them together); a site's rows do not depend on which other sites are
     * measured. A query whose datasets are missing, empty for a site or not reaching the month has a
     * reason instead (the same rules as a figure's). Each answer is also left in the temp table
     * {@code measure_<query>}, which the pack's tables read (one definition of each count).
     */
    public MeasureTable measures(List<String> siteIds, YearMonth month) throws SQLException {
        return measures(siteIds, month, false, null);
    }

    /**
     * The same, and with {@code history} each measure's month and 12 months ending with each of the 60 months
     * up to the month too (the periods {@code month ending YYYY-MM}, {@code 12 months ending YYYY-MM} of
     * report_periods(): the cover's year-earlier values and trend lines), which only a pack's own month needs;
     * {@code only}: just these queries (the others have a reason instead), or null for all.
     */
    MeasureTable measures(List<String> siteIds, YearMonth month, boolean history, Set<String> only) throws SQLException {
        Targets defaults = Targets.forSite(jobs.resolve("targets.yml"), MeasureTable.ALL);
        setVariables(siteIds.isEmpty() ? MeasureTable.ALL : siteIds.get(0), month, defaults, ZonedDateTime.now(ZONE).toLocalDateTime());
        execute("SET VARIABLE history = " + history);
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < siteIds.size(); i++) list.append(i == 0 ? "" : ", ").append(Duck.literal(siteIds.get(i)));
        execute("SET VARIABLE sites = " + list.append("]::VARCHAR[]"));
        Map<String, Map<String, Map<String, Object>>> rows = new HashMap<>();
        Map<String, Map<String, String>> reasons = new HashMap<>();
        Map<String, Map<String, Coverage>> coverage = new HashMap<>();
        for (Metrics.Query q : metrics.queries().values()) {
            Map<String, String> why = new HashMap<>();
            String missing = null;
            if (only != null && !only.contains(q.name())) missing = "not worked out for this pass";
            for (String d : q.requires()) if (!views.contains(d)) missing = "No data yet: this Sightline does not collect " + friendly(d) + " yet.";
            for (String s : siteIds) {
                String w = missing != null ? missing : unavailable(q.requires(), s, month, coverage.computeIfAbsent(s, k -> new HashMap<>()));
                if (w != null) why.put(s, w);
            }
            if (missing != null) why.put(MeasureTable.ALL, missing);
            reasons.put(q.name(), why);
            if (missing != null) continue;
            // kept as a temp table for the pack's tables that show the same counts (measure_<query>)
            execute("CREATE OR REPLACE TEMP TABLE " + Duck.ident("measure_" + q.name()) + " AS\n" + QueryRunner.statementOf(q.sql()));
            Map<String, Map<String, Object>> byKey = new HashMap<>();
            for (Map<String, Object> r : run("SELECT * FROM " + Duck.ident("measure_" + q.name()))) byKey.put(r.get("site_id") + "|" + r.get("period"), r);
            rows.put(q.name(), byKey);
        }
        return new MeasureTable(List.copyOf(siteIds), rows, reasons);
    }

    /** Runs every figure for a site and month, and protects its small numbers (the pack's disclosure plan). */
    public PackFigures figures(String siteId, YearMonth month) throws SQLException {
        Raw[] months = months(siteId, month, null);
        Raw cur = months[1];
        Disclosure.Plan plan = plan(siteId, cur, months[0]);
        Map<String, Figure> withPlan = new LinkedHashMap<>();
        for (Map.Entry<String, Figure> e : cur.figures.entrySet()) withPlan.put(e.getKey(), e.getValue().withPlan(plan));
        return new PackFigures(siteId, month, snapshot, cur.generated, withPlan, cur.targets, templates, metrics, cur.measures, plan);
    }

    /**
     * A pack's disclosure plan alone (the site comparison shows what each site's pack withholds): the
     * same plan as {@link #figures}, worked out from the figures the relations name only.
     */
    Disclosure.Plan disclosure(String siteId, YearMonth month) throws SQLException {
        Raw[] months = months(siteId, month, relationFigures());
        return plan(siteId, months[1], months[0]);
    }

    /**
     * The previous month's figures the relations name (and the measure queries they need), then the month's
     * ({@code only} these figures, or all), with the site's datasets scoped to its rows; the previous month
     * first, so the connection's variables are the month's after.
     */
    private Raw[] months(String siteId, YearMonth month, Set<String> only) throws SQLException {
        scope(siteId);
        try {
            Raw prev = raw(siteId, month.minusMonths(1), relationFigures(), relationQueries());
            return new Raw[]{prev, raw(siteId, month, only, null)};
        } finally {
            unscope();
        }
    }

    /**
     * For the time of one site's figures: each lake dataset with a site_id column is shadowed by a temp table
     * of the site's rows (DuckDB looks in the temp catalog first, so every figure, measure query and staging
     * view reads it). A pack runs some forty queries; each read every site's Parquet files of the dataset
     * before, and now the files are read once per pack. {@link #unscope()} drops the tables, so what runs for
     * all sites (the site comparison's measures) reads the lake again.
     */
    private void scope(String siteId) throws SQLException {
        for (String d : siteDatasets) {
            execute("CREATE OR REPLACE TEMP TABLE " + Duck.ident(d) + " AS SELECT * FROM " + Duck.ident(catalog) + ".main." + Duck.ident(d)
                    + " WHERE site_id = " + Duck.literal(siteId));
        }
    }

    private void unscope() throws SQLException {
        for (String d : siteDatasets) execute("DROP TABLE IF EXISTS temp.main." + Duck.ident(d));
    }

    /** A pack's figures and measures before disclosure control. */
    private record Raw(Map<String, Figure> figures, MeasureTable measures, Targets targets, String generated) {}

    /**
     * The pack's disclosure plan ({@link Disclosure}): primary and secondary suppression over the
     * registry's relations within the pack, then again with the previous month's pack (as that pack
     * would be built now, from the same lake) beside it, so that no count of 1 to 4 is given away by
     * the difference of the two months' figures either; the previous month's cells are left as they are.
     */
    private Disclosure.Plan plan(String siteId, Raw cur, Raw prev) {
        Map<String, Long> cells = Disclosure.packCells(metrics, cur.figures, cur.measures, siteId);
        List<Disclosure.Equation> eqs = Disclosure.packEquations(metrics, cur.figures, null);
        Disclosure.Plan own = Disclosure.protect(cells, eqs, Set.of(), Set.of());
        List<Disclosure.Equation> across = Disclosure.packEquations(metrics, cur.figures, prev.figures);
        if (across.isEmpty()) return own;
        Map<String, Long> prevCells = Disclosure.packCells(metrics, prev.figures, prev.measures, siteId);
        List<Disclosure.Equation> prevEqs = Disclosure.packEquations(metrics, prev.figures, null);
        Disclosure.Plan prevPlan = Disclosure.protect(prevCells, prevEqs, Set.of(), Set.of());
        Map<String, Long> both = new LinkedHashMap<>(cells);
        for (Map.Entry<String, Long> e : prevCells.entrySet()) both.put(Disclosure.PREVIOUS + e.getKey(), e.getValue());
        List<Disclosure.Equation> all = new ArrayList<>(eqs);
        for (Disclosure.Equation e : prevEqs) all.add(Disclosure.prefixed(e));
        all.addAll(across);
        Set<String> withheld = new HashSet<>(own.secondary());
        for (String w : prevPlan.secondary()) withheld.add(Disclosure.PREVIOUS + w);
        Set<String> fixed = new HashSet<>();
        for (String k : prevCells.keySet()) fixed.add(Disclosure.PREVIOUS + k);
        return Disclosure.protect(both, all, fixed, withheld).without(Disclosure.PREVIOUS);
    }

    /**
     * The measure queries the previous month's pass needs: those whose counts the registry's relations name,
     * and those the relation figures read (measure_&lt;query&gt; in their SQL).
     */
    private Set<String> relationQueries() {
        Set<String> out = new HashSet<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() != null) continue;
            List<String> refs = new ArrayList<>(r.parts());
            refs.add(r.total());
            for (String x : refs) if (Metrics.ref(x).measure()) out.add(Metrics.ref(x).query());
        }
        for (String f : relationFigures()) {
            FigureSpec spec = specs.get(f);
            if (spec == null) continue;
            for (String q : metrics.queries().keySet()) if (spec.sql().contains("measure_" + q)) out.add(q);
        }
        return out;
    }

    /** The figures the registry's relations name. */
    private Set<String> relationFigures() {
        Set<String> out = new HashSet<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() != null) continue;
            List<String> refs = new ArrayList<>(r.parts());
            refs.add(r.total());
            for (String x : refs) if (!Metrics.ref(x).measure()) out.add(Metrics.ref(x).figure());
        }
        return out;
    }

    /**
     * A pack's figures (all, or {@code only} these) and measures (all, or {@code queries}) for a month, before disclosure control.
     * The measures are the site's alone: a table measured with other sites differs (it gave the site
     * comparison another plan than the pack's), so the comparison works out each site's table too.
     */
    private Raw raw(String siteId, YearMonth month, Set<String> only, Set<String> queries) throws SQLException {
        Targets targets = Targets.forSite(jobs.resolve("targets.yml"), siteId);
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        MeasureTable measures = measures(List.of(siteId), month, only == null, queries);
        setVariables(siteId, month, targets, now.toLocalDateTime());

        Map<String, Figure> figures = new LinkedHashMap<>();
        // the site profile first: its go-live and closure dates decide what the site was expected to send
        List<String> order = new ArrayList<>();
        order.add("site_profile");
        for (String n : specs.keySet()) if (!n.equals("site_profile")) order.add(n);
        Map<String, Coverage> coverage = new HashMap<>();
        for (String name : order) {
            FigureSpec spec = specs.get(name);
            if (only != null && !only.contains(name) && !name.equals("site_profile")) continue;
            if (name.equals("submissions") && !month.equals(submissionsMonth)) {
                try {
                    DataQualityTables.submissions(conn, lake.home(), jobs, contracts, month, now.toLocalDate());
                } catch (IOException e) {
                    throw new SQLException("cannot work out the month's returns: " + e.getMessage(), e);
                }
                submissionsMonth = month;
            }
            String why = unavailable(spec.requires(), siteId, month, coverage);
            figures.put(name, why != null ? Figure.unavailable(spec, why) : new Figure(spec, run(spec.sql()), null));
        }
        // in the order the pack reads (definitions page, CSV and XLSX), then any figure not placed yet
        Map<String, Figure> ordered = new LinkedHashMap<>();
        for (String n : PACK_ORDER) if (figures.containsKey(n)) ordered.put(n, figures.get(n));
        ordered.putAll(figures);
        return new Raw(ordered, measures, targets, now.format(STAMP));
    }

    /**
     * Runs only the named figures for a site and month (the site comparison uses a few of the pack's
     * figures per site); the same variables, targets and "no data" rules as a whole pack.
     */
    Map<String, Figure> figuresOnly(String siteId, YearMonth month, java.util.Collection<String> names) throws SQLException {
        Targets targets = Targets.forSite(jobs.resolve("targets.yml"), siteId);
        setVariables(siteId, month, targets, ZonedDateTime.now(ZONE).toLocalDateTime());
        Map<String, Figure> figures = new LinkedHashMap<>();
        Map<String, Coverage> coverage = new HashMap<>();
        for (String name : names) {
            FigureSpec spec = specs.get(name);
            if (spec == null) throw new IllegalArgumentException("no figure " + name + " in reports/sql/steering/");
            String why = unavailable(spec.requires(), siteId, month, coverage);
            figures.put(name, why != null ? Figure.unavailable(spec, why) : new Figure(spec, run(spec.sql()), null));
        }
        return figures;
    }

    /**
     * Runs the assertions beside the staging models ({@code <reports>/sql/staging/assertions/*.sql}: each a
     * query that must return no rows) and returns one line per file that returned rows: the file, the
     * row count and the first row.
     */
    public List<String> failedAssertions(Path reports) throws SQLException, IOException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (var s = Files.list(reports.resolve("sql").resolve("staging").resolve("assertions"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        for (Path f : files) {
            String sql = Files.readString(f);
            if (!views.containsAll(Metrics.requires(sql))) {
                out.add(f.getFileName() + ": the lake lacks a dataset it requires " + Metrics.requires(sql));
                continue;
            }
            List<Map<String, Object>> rows = run(sql);
            if (!rows.isEmpty()) out.add(f.getFileName() + ": " + rows.size() + " rows, first " + rows.get(0));
        }
        return out;
    }

    /** Runs a script (several statements) on this run's DuckDB connection. */
    void execute(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    /** Whether the lake has a view for the dataset. */
    boolean hasView(String dataset) {
        return views.contains(dataset);
    }

    String snapshot() {
        return snapshot;
    }

    Path jobs() {
        return jobs;
    }

    /** Where compiled templates are cached (the comparison's table is compiled for the registry's columns). */
    Path templateCache() {
        return lake.home().resolve("cache").resolve("reports");
    }

    Map<String, JasperReport> templates() {
        return templates;
    }

    private void setVariables(String siteId, YearMonth month, Targets t, LocalDateTime asOf) throws SQLException {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("site", Duck.literal(siteId));
        v.put("month_start", "DATE '" + month.atDay(1) + "'");
        v.put("month_end", "DATE '" + month.atEndOfMonth() + "'");
        v.put("window_start", "DATE '" + month.minusMonths(11).atDay(1) + "'");
        v.put("as_of", "TIMESTAMP '" + asOf.withNano(0) + "'");
        Targets.Range los = t.range(Targets.LENGTH);
        v.put("los_min", Double.toString(los.min()));
        v.put("los_max", Double.toString(los.max() == null ? Double.MAX_VALUE : los.max()));
        v.put("adherence_threshold", Double.toString(t.range(Targets.ADHERENCE).min()));
        v.put("benchmark_home", Double.toString(t.range(Targets.HOME).min()));
        v.put("benchmark_eet", Double.toString(t.range(Targets.EET).min()));
        v.put("benchmark_offence", Double.toString(t.range(Targets.OFFENCE).min()));
        v.put("cost_per_case", Double.toString(t.cost("delivery_cost_per_case")));
        v.put("benefit_edge", Double.toString(t.cost("benefit_per_case_edge_of_care")));
        v.put("benefit_other", Double.toString(t.cost("benefit_per_case_other")));
        v.put("overhead_share", Double.toString(t.cost("overhead_share")));
        try (Statement st = conn.createStatement()) {
            for (Map.Entry<String, String> e : v.entrySet()) st.execute("SET VARIABLE " + e.getKey() + " = " + e.getValue());
        }
    }

    private List<Map<String, Object>> run(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof java.time.LocalDate d) o = java.sql.Date.valueOf(d);
                    r.put(md.getColumnLabel(i), o);
                }
                rows.add(r);
            }
        }
        return rows;
    }

    record Coverage(long rows, LocalDate first, LocalDate last, LocalDate received) {}

    /** Why a figure or measure reading these datasets cannot be shown for this site and month, or null when it can. */
    private String unavailable(List<String> requires, String siteId, YearMonth month, Map<String, Coverage> cache) throws SQLException {
        for (String d : requires) {
            if (!views.contains(d)) return "No data yet: this Sightline does not collect " + friendly(d) + " yet.";
        }
        if (requires.isEmpty()) return null;
        String subject = requires.get(0);
        Coverage c = cache.get(subject);
        if (c == null) {
            c = coverage(subject, siteId);
            cache.put(subject, c);
        }
        if (c.rows == 0) {
            return siteScoped.contains(subject)
                    ? "No data yet: no " + friendly(subject) + " has been received for this site."
                    : "No data yet: no " + friendly(subject) + " has been loaded.";
        }
        if (c.first != null && c.first.isAfter(month.atEndOfMonth())) {
            return "No data for " + month.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK)) + ": this site's "
                    + friendly(subject) + " starts in " + c.first.format(MON) + ".";
        }
        if (c.last != null && c.last.isBefore(month.atDay(1)) && (c.received == null || !c.received.isAfter(month.atEndOfMonth()))) {
            return "No data yet for " + month.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK)) + ": this site's "
                    + friendly(subject) + " runs to " + c.last.format(DAY)
                    + (c.received == null ? "." : ", from a file received on " + c.received.format(DAY) + ".");
        }
        return null;
    }

    private Coverage coverage(String dataset, String siteId) throws SQLException {
        boolean scoped = siteScoped.contains(dataset);
        String dateCol = DATE_COLUMN.get(dataset);
        String sql = "SELECT count(*), " + (dateCol == null ? "NULL, NULL" : "min(" + Duck.ident(dateCol) + "), max(" + Duck.ident(dateCol) + ")")
                + " FROM " + Duck.ident(dataset) + (scoped ? " WHERE site_id = " + Duck.literal(siteId) : "");
        String rec = "SELECT CAST(max(received_at) AS DATE) FROM sightline_ingest WHERE dataset = " + Duck.literal(dataset)
                + (scoped ? " AND site_id = " + Duck.literal(siteId) : "");
        try (Statement st = conn.createStatement()) {
            long rows;
            LocalDate first, last, received;
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                rows = rs.getLong(1);
                first = date(rs.getObject(2));
                last = date(rs.getObject(3));
            }
            try (ResultSet rs = st.executeQuery(rec)) {
                rs.next();
                received = date(rs.getObject(1));
            }
            return new Coverage(rows, first, last, received);
        }
    }

    private String friendly(String dataset) {
        String f = FRIENDLY.get(dataset);
        if (f != null) return f;
        Contract c = contracts.get(dataset);
        return c != null && c.title() != null ? c.title() : dataset;
    }

    static LocalDate date(Object o) {
        if (o == null) return null;
        if (o instanceof java.sql.Date d) return d.toLocalDate();
        if (o instanceof LocalDate d) return d;
        if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime().toLocalDate();
        return LocalDate.parse(String.valueOf(o).substring(0, 10));
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
