package org.sightline.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The site comparison: every site side by side on the steering pack's own figures (its SQL in
 * {@code reports/sql/steering/}, its suppression in {@link Cell}, its targets and RAG in
 * {@link Targets}), one landscape PDF a month with the table as CSV and XLSX beside it.
 *
 * <p>Each site gets two lines: the month's figures and the rolling twelve months'. The all-site line
 * runs the same figure SQL over every compared site as one (the temp views in
 * {@code reports/sql/comparison/_all_sites.sql} give every row the site id {@code ALL_SITES}).
 */
public final class SiteComparison {

    public static final String TEMPLATE = "site-comparison";
    public static final String CHARTS = "site-comparison-charts";
    public static final String ALL = "ALL_SITES";
    public static final String FILE_STEM = "site-comparison";
    /** Sites per chart page. */
    static final int CHART_CHUNK = 25;
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MON = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

    /** The steering-pack figures the comparison reads. */
    static final List<String> FIGURES = List.of("site_profile", "acceptance_funnel", "caseload", "length_of_treatment",
            "discharge_outcomes", "fidelity_summary", "cost_benefit", "cla_rate", "ofsted_latest");
    static final String NO_DATA = "no data";
    static final String NOT_APPLICABLE = "";

    /** One value in the table: its printed text (suppressed), its number (null when not shown) and its RAG. */
    public record Value(String text, Double value, Targets.Rag rag) {
        static Value info(String text, Double value) {
            return new Value(text, value, Targets.Rag.INFO);
        }
    }

    /** A figure of the table: a key for --rank-by, its header, and how to read it from a site's figures. */
    public record Measure(String key, String header, String target, boolean higherIsBetter,
                          Function<Ctx, Value> month, Function<Ctx, Value> year) {}

    /** What a measure reads: the site's figures and targets. */
    public record Ctx(Map<String, Figure> f, Targets t) {}

    public static final List<Measure> MEASURES = List.of(
            new Measure("referrals", "Referrals", null, true,
                    c -> row(c, "acceptance_funnel", "Received", "this_month", null),
                    c -> row(c, "acceptance_funnel", "Received", "last_12_months", null)),
            new Measure("acceptance", "Accepted (% of panel decisions)", null, true,
                    c -> acceptance(c, "this_month"), c -> acceptance(c, "last_12_months")),
            new Measure("edge_of_care", "Edge of care (% of closures)", null, true,
                    c -> null, c -> one(c, "cost_benefit", "edge_share", null)),
            new Measure("caseload", "Open cases per therapist FTE", Targets.CASELOAD, false,
                    c -> one(c, "caseload", "caseload", Targets.CASELOAD), c -> null),
            new Measure("length", "Median days in treatment", Targets.LENGTH, false,
                    c -> null, c -> one(c, "length_of_treatment", "median_days", Targets.LENGTH)),
            new Measure("at_home", "Living at home", Targets.HOME, true,
                    c -> row(c, "discharge_outcomes", "Living at home", "month_yes", Targets.HOME),
                    c -> row(c, "discharge_outcomes", "Living at home", "year_yes", Targets.HOME)),
            new Measure("in_school", "In school or working", Targets.EET, true,
                    c -> row(c, "discharge_outcomes", "In school or working", "month_yes", Targets.EET),
                    c -> row(c, "discharge_outcomes", "In school or working", "year_yes", Targets.EET)),
            new Measure("no_offence", "No new offence", Targets.OFFENCE, true,
                    c -> row(c, "discharge_outcomes", "No new offence", "month_yes", Targets.OFFENCE),
                    c -> row(c, "discharge_outcomes", "No new offence", "year_yes", Targets.OFFENCE)),
            new Measure("tam_r", "TAM-R mean", Targets.ADHERENCE, true,
                    c -> one(c, "fidelity_summary", "mean_score", Targets.ADHERENCE),
                    c -> one(c, "fidelity_summary", "mean_score_12", Targets.ADHERENCE)),
            new Measure("at_threshold", "TAM-R at or above threshold", null, true,
                    c -> one(c, "fidelity_summary", "at_threshold", null),
                    c -> one(c, "fidelity_summary", "at_threshold_12", null)),
            new Measure("collection", "TAM-R collection rate", null, true,
                    c -> one(c, "fidelity_summary", "collection_rate", null), c -> null),
            new Measure("froi", "FROI (£ per £1)", null, true,
                    c -> null, c -> one(c, "cost_benefit", "froi", null)));

    /** One site's line pair. */
    public record SiteRow(String siteId, String name, String note, List<Value> month, List<Value> year,
                          String claRate, String neighbours, String ofsted, int rank) {}

    /** What one run produced. */
    public record Result(YearMonth month, Path pdf, Path csv, Path xlsx, int pages, List<SiteRow> rows, SiteRow all, String rankBy) {}

    private final SteeringPacks packs;
    private final Path sqlDir;

    /** @param reports the {@code reports/} folder (templates; the steering SQL and {@code sql/comparison/}) */
    public SiteComparison(SteeringPacks packs, Path reports) {
        this.packs = packs;
        this.sqlDir = reports.resolve("sql").resolve("comparison");
    }

    public static Measure measure(String key) {
        for (Measure m : MEASURES) if (m.key().equals(key)) return m;
        return null;
    }

    public static List<String> measureKeys() {
        return MEASURES.stream().map(Measure::key).toList();
    }

    /** Builds the comparison for the sites (every site in the register when empty) and writes PDF, CSV, XLSX. */
    public Result build(List<String> siteIds, YearMonth month, String rankBy, Path outDir) throws SQLException, IOException, JRException {
        List<String> sites = siteIds == null || siteIds.isEmpty() ? packs.sites() : siteIds;
        Measure rank = measure(rankBy);
        if (rank == null) throw new IllegalArgumentException("no figure " + rankBy + " to rank by; one of " + String.join(", ", measureKeys()));
        List<SiteRow> rows = new ArrayList<>();
        SiteRow all;
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < sites.size(); i++) list.append(i == 0 ? "" : ", ").append(org.sightline.query.Duck.literal(sites.get(i)));
        packs.execute("SET VARIABLE compared_sites = " + list.append("]::VARCHAR[]"));
        List<String[]> created = new ArrayList<>();
        try {
            created.addAll(script("_cache.sql"));
            for (String s : sites) rows.add(siteRow(s, month, packs.figuresOnly(s, month, FIGURES)));
            packs.execute("SET VARIABLE month_end = DATE '" + month.atEndOfMonth() + "'");
            created.addAll(script("_all_sites.sql"));
            all = allSites(sites, month);
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) packs.execute("DROP " + created.get(i)[0] + " IF EXISTS temp.main." + created.get(i)[1]);
        }
        rows = ranked(rows, rank);
        String generated = ZonedDateTime.now(ZONE).format(STAMP);
        Files.createDirectories(outDir);
        Path pdf = outDir.resolve(FILE_STEM + ".pdf");
        int pages = pdf(rows, all, month, rank, generated, pdf);
        Path csv = outDir.resolve(FILE_STEM + ".csv");
        Path xlsx = outDir.resolve(FILE_STEM + ".xlsx");
        csv(rows, all, month, csv);
        xlsx(rows, all, month, xlsx);
        return new Result(month, pdf, csv, xlsx, pages, rows, all, rank.key());
    }

    // ------------------------------------------------------------------ figures

    private SiteRow siteRow(String siteId, YearMonth month, Map<String, Figure> f) {
        Targets t = Targets.forSite(packs.jobs().resolve("targets.yml"), siteId);
        Ctx c = new Ctx(f, t);
        List<Value> m = new ArrayList<>(), y = new ArrayList<>();
        for (Measure ms : MEASURES) {
            m.add(orBlank(ms.month().apply(c)));
            y.add(orBlank(ms.year().apply(c)));
        }
        Figure p = f.get("site_profile");
        String name = siteId;
        String note = null;
        if (p != null && p.available() && !p.rows().isEmpty()) {
            Object n = p.raw(0, "site_name");
            if (n != null) name = String.valueOf(n);
            LocalDate closed = SteeringPacks.date(p.raw(0, "closed_on"));
            LocalDate live = SteeringPacks.date(p.raw(0, "go_live"));
            if (closed != null && !closed.isAfter(month.atEndOfMonth())) note = "closed " + closed.format(DAY);
            else if (live != null && live.isAfter(month.atEndOfMonth())) note = "live from " + live.format(DAY);
        } else {
            note = "not in the site register";
        }
        if (note == null && !f.get("acceptance_funnel").available() && !f.get("discharge_outcomes").available()) note = "no data for the period";
        return new SiteRow(siteId, name, note, m, y, claRate(f, false), claRate(f, true), ofsted(f), 0);
    }

    /**
     * Runs a script of {@code sql/comparison/}: each statement creates a temp table or view; one that reads a
     * dataset the lake does not have is skipped. Returns what it created (kind, name), to drop afterwards.
     */
    private List<String[]> script(String file) throws SQLException, IOException {
        List<String[]> created = new ArrayList<>();
        java.util.regex.Pattern create = java.util.regex.Pattern.compile("(?i)CREATE OR REPLACE TEMP (VIEW|TABLE) (\\w+)");
        java.util.regex.Pattern reads = java.util.regex.Pattern.compile("(?i)memory\\.main\\.(\\w+)|FROM cmp_(\\w+)");
        for (String stmt : Files.readString(sqlDir.resolve(file), StandardCharsets.UTF_8).split(";\\s*\\n")) {
            String sql = stripComments(stmt).trim();
            if (sql.isEmpty()) continue;
            java.util.regex.Matcher c = create.matcher(sql);
            if (!c.find()) throw new IllegalStateException(file + ": every statement must create a temp view or table: " + sql);
            java.util.regex.Matcher r = reads.matcher(sql);
            String dataset = r.find() ? (r.group(1) != null ? r.group(1) : r.group(2)) : c.group(2);
            if (!packs.hasView(dataset)) continue;   // a dataset not in the lake yet
            packs.execute(sql);
            created.add(new String[]{c.group(1).toUpperCase(Locale.ROOT), c.group(2)});
        }
        return created;
    }

    private SiteRow allSites(List<String> sites, YearMonth month) throws SQLException {
        {
            List<String> figs = FIGURES.stream().filter(n -> !n.equals("site_profile") && !n.equals("cla_rate") && !n.equals("ofsted_latest")).toList();
            Map<String, Figure> f = packs.figuresOnly(ALL, month, figs);
            Targets t = Targets.forSite(packs.jobs().resolve("targets.yml"), ALL);
            Ctx c = new Ctx(f, t);
            List<Value> m = new ArrayList<>(), y = new ArrayList<>();
            for (Measure ms : MEASURES) {
                m.add(orBlank(ms.month().apply(c)));
                y.add(orBlank(ms.year().apply(c)));
            }
            return new SiteRow(ALL, "All sites", sites.size() + (sites.size() == 1 ? " site" : " sites"), m, y, "", "", "", 0);
        }
    }

    private static String stripComments(String sql) {
        StringBuilder sb = new StringBuilder();
        for (String l : sql.split("\\R")) if (!l.trim().startsWith("--")) sb.append(l).append('\n');
        return sb.toString();
    }

    /** Ranked on the measure's 12-month value where it has one, else the month's; sites without a value last, by name. */
    static List<SiteRow> ranked(List<SiteRow> rows, Measure m) {
        int i = MEASURES.indexOf(m);
        Function<SiteRow, Double> key = r -> {
            Value v = r.year().get(i).text().isEmpty() ? r.month().get(i) : r.year().get(i);
            return v.value();
        };
        List<SiteRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<SiteRow, Boolean>comparing(r -> key.apply(r) == null)
                .thenComparing(r -> key.apply(r) == null ? 0 : (m.higherIsBetter() ? -key.apply(r) : key.apply(r)))
                .thenComparing(SiteRow::name));
        List<SiteRow> out = new ArrayList<>();
        int rank = 0;
        for (SiteRow r : sorted) {
            rank = key.apply(r) == null ? 0 : rank + 1;
            out.add(new SiteRow(r.siteId(), r.name(), r.note(), r.month(), r.year(), r.claRate(), r.neighbours(), r.ofsted(), rank));
        }
        return out;
    }

    private static Value orBlank(Value v) {
        return v == null ? new Value(NOT_APPLICABLE, null, Targets.Rag.NONE) : v;
    }

    /** A column of a one-row figure. */
    static Value one(Ctx c, String figure, String column, String target) {
        Figure f = c.f().get(figure);
        if (f == null || !f.available() || f.rows().isEmpty()) return new Value(NO_DATA, null, Targets.Rag.NONE);
        return judged(c, f, 0, column, target);
    }

    /** A column of the figure's row whose first column is {@code key}. */
    static Value row(Ctx c, String figure, String key, String column, String target) {
        Figure f = c.f().get(figure);
        if (f == null || !f.available()) return new Value(NO_DATA, null, Targets.Rag.NONE);
        int i = rowIndex(f, key);
        if (i < 0) return new Value(NO_DATA, null, Targets.Rag.NONE);
        return judged(c, f, i, column, target);
    }

    private static Value judged(Ctx c, Figure f, int i, String column, String target) {
        Double v = f.value(i, column);
        String text = f.text(i, column);
        Targets.Rag rag = v == null ? Targets.Rag.NONE : target == null ? Targets.Rag.INFO : c.t().range(target).rag(v);
        return new Value(text, v, rag);
    }

    /** Accepted of panel decisions (accepted or declined), suppressed as every percentage. */
    static Value acceptance(Ctx c, String column) {
        Figure f = c.f().get("acceptance_funnel");
        if (f == null || !f.available()) return new Value(NO_DATA, null, Targets.Rag.NONE);
        int a = rowIndex(f, "Accepted"), d = rowIndex(f, "Panel decided");
        FigureSpec.Column pct = new FigureSpec.Column("rate", "rate", FigureSpec.Kind.PERCENT, "a", "d", null, false);
        Map<String, Object> row = new HashMap<>();
        row.put("a", a < 0 ? null : f.raw(a, column));
        row.put("d", d < 0 ? null : f.raw(d, column));
        return Value.info(Cell.text(pct, row), Cell.value(pct, row));
    }

    private static int rowIndex(Figure f, String key) {
        String first = f.spec().columns().keySet().iterator().next();
        for (int i = 0; i < f.rows().size(); i++) if (key.equals(String.valueOf(f.rows().get(i).get(first)))) return i;
        return -1;
    }

    /** The latest published CLA rate of each LA the site serves (or its neighbours' mean), joined with " / ". */
    static String claRate(Map<String, Figure> f, boolean neighbours) {
        Figure cla = f.get("cla_rate");
        if (cla == null || !cla.available()) return NO_DATA;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cla.rows().size(); i++) {
            String area = String.valueOf(cla.raw(i, "area"));
            if (area.equals("England")) continue;
            if (area.endsWith("(mean)") != neighbours) continue;
            String v = cla.text(i, "y5");
            out.add(v.isEmpty() ? "–" : v);
        }
        return out.isEmpty() ? NO_DATA : String.join(" / ", out);
    }

    /** The latest Ofsted overall effectiveness grade of each LA the site serves. */
    static String ofsted(Map<String, Figure> f) {
        Figure o = f.get("ofsted_latest");
        if (o == null || !o.available()) return NO_DATA;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < o.rows().size(); i++) {
            if (!"Overall effectiveness".equals(String.valueOf(o.raw(i, "area")))) continue;
            out.add(o.text(i, "grade").replace("Requires improvement to be good", "Requires improvement") + " (" + o.text(i, "inspected") + ")");
        }
        return out.isEmpty() ? NO_DATA : String.join(" / ", out);
    }

    // ------------------------------------------------------------------ PDF

    private int pdf(List<SiteRow> rows, SiteRow all, YearMonth month, Measure rank, String generated, Path pdf) throws IOException, JRException {
        Map<String, JasperReport> t = packs.templates();
        JasperReport table = t.get(TEMPLATE), charts = t.get(CHARTS);
        if (table == null || charts == null) throw new IllegalStateException("no " + TEMPLATE + ".jrxml / " + CHARTS + ".jrxml in reports/");
        String title = "MST site comparison · " + month.format(MONTH);
        Map<String, Object> p = new HashMap<>();
        p.put(JRParameter.REPORT_LOCALE, Locale.UK);
        p.put("TITLE", title);
        p.put("SUBTITLE", rows.size() + (rows.size() == 1 ? " site" : " sites") + ", ranked on " + rankLabel(rank)
                + ". Each site: " + month.format(MONTH) + " on the first line, the twelve months "
                + month.minusMonths(11).format(MON) + " to " + month.format(MON) + " on the second.");
        p.put("FOOTER", "Data snapshot " + packs.snapshot() + " · generated " + generated);
        p.put("MONTH_LABEL", month.format(MON));
        p.put("LEGEND", legend());
        for (int i = 0; i < MEASURES.size(); i++) {
            p.put("H" + i, MEASURES.get(i).header());
            p.put("AM" + i, all.month().get(i).text());
            p.put("AY" + i, all.year().get(i).text());
        }
        p.put("ALL_NOTE", all.note());
        DefaultJasperReportsContext ctx = DefaultJasperReportsContext.getInstance();
        JasperPrint first = JasperFillManager.getInstance(ctx).fill(table, p, tableSource(rows));
        Map<String, Object> cp = new HashMap<>(p);
        cp.put("PAGE_OFFSET", first.getPages().size());
        JasperPrint second = JasperFillManager.getInstance(ctx).fill(charts, cp, chartPages(rows, all, month));
        List<JasperPrint> prints = new ArrayList<>(List.of(first, second));
        int total = first.getPages().size() + second.getPages().size();
        Path tmp = pdf.resolveSibling("." + pdf.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(SimpleExporterInput.getInstance(prints));
        SimplePdfExporterConfiguration cfg = new SimplePdfExporterConfiguration();
        cfg.setMetadataTitle(title);
        cfg.setMetadataAuthor("Sightline");
        cfg.setMetadataSubject("Data snapshot " + packs.snapshot());
        cfg.setCompressed(true);
        exporter.setConfiguration(cfg);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            exporter.exportReport();
        }
        Files.move(tmp, pdf, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return total;
    }

    private static String rankLabel(Measure m) {
        boolean hasYear = m.year().apply(new Ctx(Map.of(), null)) != null;
        return m.header().toLowerCase(Locale.UK).replace("tam-r", "TAM-R").replace("froi", "FROI").replace("fte", "FTE")
                + (hasYear ? " (12 months)" : " (the month)") + (m.higherIsBetter() ? ", highest first" : ", lowest first");
    }

    private String legend() {
        return "Colour and letter: G on target, A close to target, R off target (targets in jobs/targets.yml: caseload, length of treatment, "
                + "outcomes at discharge, mean TAM-R); other figures have no target. Counts of 1–4 print as <5; no percentage or mean over "
                + "fewer than 5 cases (–). \"no data\": the dataset is not in the lake, or has nothing for the site and period. "
                + "A blank cell: the figure has no month or no 12-month form. Context: the latest published CLA rate per 10,000 "
                + "children of each LA the site serves, its statistical neighbours' mean, and the LA's latest Ofsted overall grade.";
    }

    private static JRDataSource tableSource(List<SiteRow> rows) {
        List<Map<String, ?>> out = new ArrayList<>();
        for (SiteRow r : rows) out.add(fields(r));
        return new JRMapCollectionDataSource(out);
    }

    private static Map<String, Object> fields(SiteRow r) {
        Map<String, Object> m = new HashMap<>();
        m.put("rank", r.rank() == 0 ? "" : String.valueOf(r.rank()));
        m.put("site", r.name());
        m.put("note", r.note());
        m.put("cla", r.claRate());
        m.put("neighbours", r.neighbours());
        m.put("ofsted", r.ofsted());
        for (int i = 0; i < MEASURES.size(); i++) {
            m.put("m" + i, r.month().get(i).text());
            m.put("y" + i, r.year().get(i).text());
            m.put("mr" + i, ragLetter(r.month().get(i).rag()));
            m.put("yr" + i, ragLetter(r.year().get(i).rag()));
        }
        return m;
    }

    static String ragLetter(Targets.Rag rag) {
        return switch (rag) {
            case GREEN -> "G";
            case AMBER -> "A";
            case RED -> "R";
            default -> "";
        };
    }

    /** Chart pages: up to {@link #CHART_CHUNK} sites each, in table order. */
    private JRDataSource chartPages(List<SiteRow> rows, SiteRow all, YearMonth month) {
        List<Map<String, ?>> pages = new ArrayList<>();
        int n = (rows.size() + CHART_CHUNK - 1) / CHART_CHUNK;
        for (int k = 0; k < n; k++) {
            List<SiteRow> chunk = rows.subList(k * CHART_CHUNK, Math.min(rows.size(), (k + 1) * CHART_CHUNK));
            Map<String, Object> m = new HashMap<>();
            m.put("heading", n == 1 ? "Across sites" : "Across sites (" + (k + 1) + " of " + n + ")");
            m.put("outcomes", outcomeBars(chunk, all));
            m.put("adherence", adherenceBars(chunk, all));
            pages.add(m);
        }
        return new JRMapCollectionDataSource(pages);
    }

    private static JRDataSource outcomeBars(List<SiteRow> chunk, SiteRow all) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int[] idx = {MEASURES.indexOf(measure("at_home")), MEASURES.indexOf(measure("in_school")), MEASURES.indexOf(measure("no_offence"))};
        List<SiteRow> with = new ArrayList<>(chunk);
        with.add(all);
        for (SiteRow r : with) {
            for (int i : idx) {
                Value v = r.year().get(i);
                rows.add(point(MEASURES.get(i).header(), category(r), v.value() == null ? null : 100 * v.value(), v.value() == null ? null : v.text()));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    private static JRDataSource adherenceBars(List<SiteRow> chunk, SiteRow all) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int mean = MEASURES.indexOf(measure("tam_r")), share = MEASURES.indexOf(measure("at_threshold"));
        List<SiteRow> with = new ArrayList<>(chunk);
        with.add(all);
        for (SiteRow r : with) {
            Value v = r.year().get(mean), s = r.year().get(share);
            rows.add(point("Mean TAM-R (×100)", category(r), v.value() == null ? null : 100 * v.value(), v.value() == null ? null : v.text()));
            rows.add(point("At or above threshold (%)", category(r), s.value() == null ? null : 100 * s.value(), s.value() == null ? null : s.text()));
        }
        return new JRMapCollectionDataSource(rows);
    }

    private static String category(SiteRow r) {
        return r.siteId().equals(ALL) ? "All sites" : (r.rank() > 0 ? r.rank() + ". " : "") + r.name();
    }

    private static Map<String, Object> point(String series, String category, Double value, String label) {
        Map<String, Object> m = new HashMap<>();
        m.put("series", series);
        m.put("category", category);
        m.put("value", value);
        m.put("label", label);
        return m;
    }

    // ------------------------------------------------------------------ CSV and XLSX

    static List<String> header() {
        List<String> h = new ArrayList<>(List.of("month", "rank", "site_id", "site", "note", "period"));
        for (Measure m : MEASURES) {
            h.add(m.key());
            h.add(m.key() + "_rag");
        }
        h.addAll(List.of("cla_rate_per_10000", "neighbours_mean", "ofsted_overall"));
        return h;
    }

    private static List<List<String>> lines(List<SiteRow> rows, SiteRow all, YearMonth month) {
        List<List<String>> out = new ArrayList<>();
        List<SiteRow> every = new ArrayList<>();
        every.add(all);
        every.addAll(rows);
        for (SiteRow r : every) {
            for (int period = 0; period < 2; period++) {
                List<Value> vs = period == 0 ? r.month() : r.year();
                List<String> l = new ArrayList<>(List.of(month.toString(), r.rank() == 0 ? "" : String.valueOf(r.rank()), r.siteId(), r.name(),
                        r.note() == null ? "" : r.note(), period == 0 ? "month" : "12 months"));
                for (Value v : vs) {
                    l.add(v.text());
                    l.add(v.rag() == Targets.Rag.NONE || v.rag() == Targets.Rag.INFO ? "" : v.rag().name());
                }
                l.addAll(period == 0 ? List.of(r.claRate(), r.neighbours(), r.ofsted()) : List.of("", "", ""));
                out.add(l);
            }
        }
        return out;
    }

    private static void csv(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header()));
            w.write("\n");
            for (List<String> l : lines(rows, all, month)) {
                w.write(String.join(",", l.stream().map(SiteComparison::csvCell).toList()));
                w.write("\n");
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String csvCell(String s) {
        return org.sightline.lake.SafeText.csvCell(s);
    }

    private static void xlsx(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(tmp)) {
            Sheet sh = wb.createSheet("Site comparison " + month);
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            Map<String, CellStyle> rag = new LinkedHashMap<>();
            rag.put("GREEN", fill(wb, IndexedColors.LIGHT_GREEN));
            rag.put("AMBER", fill(wb, IndexedColors.LIGHT_ORANGE));
            rag.put("RED", fill(wb, IndexedColors.ROSE));
            List<String> h = header();
            Row hr = sh.createRow(0);
            for (int i = 0; i < h.size(); i++) {
                var c = hr.createCell(i);
                c.setCellValue(h.get(i));
                c.setCellStyle(bold);
            }
            int r = 1;
            for (List<String> l : lines(rows, all, month)) {
                Row row = sh.createRow(r++);
                for (int i = 0; i < l.size(); i++) {
                    var c = row.createCell(i);
                    c.setCellValue(l.get(i));
                    if (h.get(i).endsWith("_rag") && rag.containsKey(l.get(i))) {
                        row.getCell(i - 1).setCellStyle(rag.get(l.get(i)));
                        c.setCellStyle(rag.get(l.get(i)));
                    }
                }
            }
            sh.createFreezePane(6, 1);
            wb.write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static CellStyle fill(XSSFWorkbook wb, IndexedColors c) {
        CellStyle s = wb.createCellStyle();
        s.setFillForegroundColor(c.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return s;
    }
}
