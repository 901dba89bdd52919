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
import java.util.Set;
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
 * The site comparison: every site side by side on the measures of the registry ({@code reports/metrics.yml}:
 * its columns, their suppression, targets, RAG and ranks), one landscape PDF a month with the table as
 * CSV and XLSX beside it. The values come from the same measure queries as the steering pack's cover,
 * run once for all the compared sites ({@link SteeringPacks#measures}); the all-site line is the
 * queries' ALL_SITES rows. The table's template is laid out for the registry's columns
 * ({@link ComparisonTemplate}).
 *
 * <p>Each site gets two lines: the month's figures and the rolling twelve months'.
 */
public final class SiteComparison {

    public static final String CHARTS = "site-comparison-charts";
    public static final String ALL = MeasureTable.ALL;
    public static final String FILE_STEM = "site-comparison";
    /** Sites per chart page. */
    static final int CHART_CHUNK = 25;
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MON = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

    /**
     * The measure the comparison is ranked on unless the user chooses another ({@code --rank-by}): an
     * outcome (living at home at discharge), not a volume, so that the first place goes to the site whose
     * families do best, not to the biggest.
     */
    public static final String DEFAULT_RANK_BY = "at_home";

    /** The steering-pack figures the comparison shows as context beside the measures. */
    static final List<String> CONTEXT = List.of("site_profile", "cla_rate", "ofsted_latest");
    static final String NO_DATA = Metrics.NO_DATA;
    static final String NOT_APPLICABLE = "";

    /** One value in the table: its printed text (suppressed), its number (null when not shown) and its RAG. */
    public record Value(String text, Double value, Targets.Rag rag) {}

    /**
     * The context of one LA a site serves: its name, its latest published CLA rate per 10,000 children
     * (and that rate's printed text), its statistical neighbours' mean of the same year, its latest Ofsted
     * overall effectiveness grade.
     */
    public record LaContext(String la, Double claRate, String claText, Double neighbours, String neighboursText, String ofsted) {
        /** One line of the PDF's context column: the LA named, so that a site serving two says which value is whose. */
        String line() {
            return la + ": " + claText + " · " + neighboursText + " · " + ofsted;
        }
    }

    /** One site's line pair; {@code las}: one context per LA the site serves. */
    public record SiteRow(String siteId, String name, String note, List<Value> month, List<Value> year,
                          List<LaContext> las, int rank) {}

    /** What one run produced. */
    public record Result(YearMonth month, Path pdf, Path csv, Path xlsx, int pages, List<SiteRow> rows, SiteRow all, String rankBy,
                         Disclosure.Plan disclosure) {}

    private final SteeringPacks packs;
    private final List<Metrics.Measure> measures;

    /** @param reports the {@code reports/} folder (templates, metrics.yml and the SQL) */
    public SiteComparison(SteeringPacks packs, Path reports) {
        this.packs = packs;
        this.measures = packs.metrics().comparison();
    }

    /** The keys --rank-by takes: the comparison's measures in {@code <reports>/metrics.yml}. */
    public static List<String> measureKeys(Path reports) {
        return measureKeys(Metrics.load(reports.resolve("metrics.yml"), reports.resolve("sql").resolve("measures")));
    }

    /** The keys --rank-by takes: the comparison's measures in reports/metrics.yml. */
    public static List<String> measureKeys(Metrics metrics) {
        return metrics.comparison().stream().map(Metrics.Measure::key).toList();
    }

    /** Builds the comparison for the sites (every site in the register when empty) and writes PDF, CSV, XLSX. */
    public Result build(List<String> siteIds, YearMonth month, String rankBy, Path outDir) throws SQLException, IOException, JRException {
        List<String> sites = siteIds == null || siteIds.isEmpty() ? packs.sites() : siteIds;
        Metrics.Measure rank = packs.metrics().measure(rankBy);
        if (rank == null || rank.comparison() == null) throw new IllegalArgumentException("no figure " + rankBy + " to rank by; one of "
                + String.join(", ", measureKeys(packs.metrics())));
        // each site's pack decides what it withholds; the comparison shows the same
        MeasureTable table = packs.measures(sites, month);
        Map<String, Set<String>> withheld = new HashMap<>();
        for (String s : sites) withheld.put(s, packs.disclosure(s, month).secondary());
        Disclosure.Plan plan = plan(sites, table, withheld, packs.metrics());
        withheld.put(ALL, allSitesWithheld(plan));
        this.disclosure = plan;
        List<SiteRow> rows = new ArrayList<>();
        for (String s : sites) rows.add(siteRow(s, month, table, packs.figuresOnly(s, month, CONTEXT), withheld.get(s)));
        SiteRow all = allSites(sites, table, withheld.get(ALL));
        rows = ranked(rows, rank);
        String generated = ZonedDateTime.now(ZONE).format(STAMP);
        Files.createDirectories(outDir);
        Path pdf = outDir.resolve(FILE_STEM + ".pdf");
        int pages = pdf(rows, all, month, rank, generated, pdf);
        Path csv = outDir.resolve(FILE_STEM + ".csv");
        Path xlsx = outDir.resolve(FILE_STEM + ".xlsx");
        csv(rows, all, month, csv);
        xlsx(rows, all, month, xlsx);
        return new Result(month, pdf, csv, xlsx, pages, rows, all, rank.key(), plan);
    }

    private Disclosure.Plan disclosure = Disclosure.Plan.NONE;

    /**
     * The comparison's disclosure plan: for each count measure the registry declares {@code across_sites},
     * the all-sites value is the sum of the sites'; a site's cells are as its own pack prints them (fixed
     * here), so a count of 1 to 4 of one site is protected by withholding the all-sites value (cells keyed
     * {@code site|measure:query.column@period}).
     */
    static Disclosure.Plan plan(List<String> sites, MeasureTable table, Map<String, Set<String>> withheld, Metrics metrics) {
        Map<String, Long> cells = new LinkedHashMap<>();
        List<Disclosure.Equation> eqs = new ArrayList<>();
        Set<String> fixed = new java.util.HashSet<>(), already = new java.util.HashSet<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() == null) continue;
            Metrics.Measure m = metrics.measure(r.acrossSites());
            if (m.comparison() == null) continue;
            for (String period : m.comparison().periods()) {
                String key = Disclosure.measureKey(m.query(), m.e().numerator(), period);
                List<String> parts = new ArrayList<>();
                for (String s : sites) {
                    String c = s + "|" + key;
                    cells.put(c, count(table.row(m.query(), s, period).get(m.e().numerator())));
                    fixed.add(c);
                    if (withheld.get(s).contains(key)) already.add(c);
                    parts.add(c);
                }
                cells.put(ALL + "|" + key, count(table.row(m.query(), ALL, period).get(m.e().numerator())));
                eqs.add(Disclosure.Equation.of(r.name(), ALL + "|" + key, parts.toArray(String[]::new)));
            }
        }
        return Disclosure.protect(cells, eqs, fixed, already);
    }

    private static long count(Object v) {
        return v == null ? 0L : Math.round(Cell.num(v));
    }

    private static Set<String> allSitesWithheld(Disclosure.Plan plan) {
        Set<String> out = new java.util.HashSet<>();
        for (String c : plan.secondary()) if (c.startsWith(ALL + "|")) out.add(c.substring(ALL.length() + 1));
        return out;
    }

    // ------------------------------------------------------------------ figures

    /** A site's values of the comparison's measures, for the month and the 12 months ("" where a measure has no such column). */
    private List<List<Value>> values(MeasureTable table, String siteId, Set<String> withheld) {
        Targets t = Targets.forSite(packs.jobs().resolve("targets.yml"), siteId);
        List<Value> m = new ArrayList<>(), y = new ArrayList<>();
        for (Metrics.Measure ms : measures) {
            m.add(value(ms, table, siteId, "month", t, withheld));
            y.add(value(ms, table, siteId, "12 months", t, withheld));
        }
        return List.of(m, y);
    }

    private static Value value(Metrics.Measure m, MeasureTable table, String siteId, String period, Targets t, Set<String> withheld) {
        if (!m.comparison().periods().contains(period)) return new Value(NOT_APPLICABLE, null, Targets.Rag.NONE);
        Metrics.Value v = Metrics.value(m, table, siteId, period, t, withheld);
        return new Value(v.text(), v.value(), v.rag());
    }

    private SiteRow siteRow(String siteId, YearMonth month, MeasureTable table, Map<String, Figure> f, Set<String> withheld) {
        List<List<Value>> v = values(table, siteId, withheld);
        List<Value> m = v.get(0), y = v.get(1);
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
        if (note == null && table.unavailable("referrals", siteId) != null && table.unavailable("closures", siteId) != null) note = "no data for the period";
        return new SiteRow(siteId, name, note, m, y, laContext(f), 0);
    }

    private SiteRow allSites(List<String> sites, MeasureTable table, Set<String> withheld) {
        List<List<Value>> v = values(table, ALL, withheld);
        return new SiteRow(ALL, "All sites", sites.size() + (sites.size() == 1 ? " site" : " sites"), v.get(0), v.get(1), List.of(), 0);
    }

    /** Ranked on the measure's 12-month value where it has one, else the month's; sites without a value last, by name. */
    List<SiteRow> ranked(List<SiteRow> rows, Metrics.Measure m) {
        int i = measures.indexOf(m);
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
            out.add(new SiteRow(r.siteId(), r.name(), r.note(), r.month(), r.year(), r.las(), rank));
        }
        return out;
    }

    /**
     * Each LA the site serves (the cla_rate figure's rows, in its order): the latest published CLA rate,
     * its statistical neighbours' mean, and the LA's latest Ofsted overall grade (ofsted_latest, matched
     * by the LA's name). Empty when the site's LAs have no published rate and no judgement.
     */
    static List<LaContext> laContext(Map<String, Figure> f) {
        Figure cla = f.get("cla_rate"), o = f.get("ofsted_latest");
        Map<String, Integer> rows = new LinkedHashMap<>(), means = new HashMap<>();
        if (cla != null && cla.available()) {
            for (int i = 0; i < cla.rows().size(); i++) {
                String area = String.valueOf(cla.raw(i, "area"));
                if (area.equals("England")) continue;
                if (area.endsWith(NEIGHBOURS_SUFFIX)) means.put(area.substring(0, area.length() - NEIGHBOURS_SUFFIX.length()), i);
                else rows.put(area, i);
            }
        }
        Map<String, String> grades = new LinkedHashMap<>();
        if (o != null && o.available()) {
            for (int i = 0; i < o.rows().size(); i++) {
                if (!"Overall effectiveness".equals(String.valueOf(o.raw(i, "area")))) continue;
                grades.put(String.valueOf(o.raw(i, "la_name")),
                        o.text(i, "grade").replace("Requires improvement to be good", "Requires improvement") + " (" + o.text(i, "inspected") + ")");
            }
        }
        List<String> las = new ArrayList<>(rows.keySet());
        for (String la : grades.keySet()) if (!las.contains(la)) las.add(la);
        List<LaContext> out = new ArrayList<>();
        for (String la : las) {
            Integer r = rows.get(la), n = means.get(la);
            Double rate = r == null ? null : cla.value(r, "y5"), mean = n == null ? null : cla.value(n, "y5");
            out.add(new LaContext(la, rate, rate == null ? (r == null ? NO_DATA : "–") : cla.text(r, "y5"),
                    mean, mean == null ? (n == null ? NO_DATA : "–") : cla.text(n, "y5"), grades.getOrDefault(la, NO_DATA)));
        }
        return out;
    }

    /** The charts' footnote: the adherence threshold and the outcome benchmarks, as jobs/targets.yml sets them (a site's own threshold named). */
    String benchmarks(List<SiteRow> rows) {
        Path file = packs.jobs().resolve("targets.yml");
        Targets d = Targets.forSite(file, MeasureTable.ALL);
        double threshold = d.range(Targets.ADHERENCE).min();
        List<String> own = new ArrayList<>();
        for (SiteRow r : rows) {
            double t = Targets.forSite(file, r.siteId()).range(Targets.ADHERENCE).min();
            if (t != threshold) own.add(r.name() + " " + Cell.fmt("0.00", t));
        }
        return "The threshold for adherence is a TAM-R score of " + Cell.fmt("0.00", threshold)
                + (own.isEmpty() ? "" : " (" + String.join(", ", own) + ")")
                + "; the MST outcome benchmarks are " + Cell.fmt("0%", d.range(Targets.HOME).min()) + " at home, "
                + Cell.fmt("0%", d.range(Targets.EET).min()) + " in school or working, "
                + Cell.fmt("0%", d.range(Targets.OFFENCE).min()) + " no new offence (jobs/targets.yml).";
    }

    /** How cla_rate.sql names a row of an LA's neighbours' mean: "<LA name>: statistical neighbours (mean)". */
    static final String NEIGHBOURS_SUFFIX = ": statistical neighbours (mean)";

    // ------------------------------------------------------------------ PDF

    private int pdf(List<SiteRow> rows, SiteRow all, YearMonth month, Metrics.Measure rank, String generated, Path pdf) throws IOException, JRException {
        Map<String, JasperReport> t = packs.templates();
        JasperReport table = ComparisonTemplate.compile(measures.size(), packs.templateCache()), charts = t.get(CHARTS);
        if (charts == null) throw new IllegalStateException("no " + CHARTS + ".jrxml in reports/");
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
        for (int i = 0; i < measures.size(); i++) {
            p.put("H" + i, measures.get(i).comparison().header());
            p.put("AM" + i, all.month().get(i).text());
            p.put("AY" + i, all.year().get(i).text());
        }
        p.put("ALL_NOTE", all.note());
        p.put("BENCHMARKS", benchmarks(rows));
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

    private static String rankLabel(Metrics.Measure m) {
        boolean hasYear = m.comparison().periods().contains("12 months");
        return m.comparison().header().toLowerCase(Locale.UK).replace("tam-r", "TAM-R").replace("froi", "FROI").replace("fte", "FTE")
                + (hasYear ? " (12 months)" : " (the month)") + (m.higherIsBetter() ? ", highest first" : ", lowest first");
    }

    private String legend() {
        return "Colour and letter: G on target, A close to target, R off target (targets in jobs/targets.yml: caseload, length of treatment, "
                + "outcomes at discharge, mean TAM-R); other figures have no target. Counts of 1–4 print as <5; no percentage or mean over "
                + "fewer than 5 cases, nor one whose count or remainder is 1–4 (–); [c]: a count withheld so that a <5 cannot be worked out "
                + "by subtraction (from the all-sites line or a site's pack). " + disclosure.line() + " \"no data\": the dataset is not in the lake, or has nothing for the site and period. "
                + "A blank cell: the figure has no month or no 12-month form. Context, one line per LA the site serves: the latest "
                + "published CLA rate per 10,000 children, its statistical neighbours' mean of the same year, and the LA's latest "
                + "Ofsted overall grade.";
    }

    private JRDataSource tableSource(List<SiteRow> rows) {
        List<Map<String, ?>> out = new ArrayList<>();
        for (SiteRow r : rows) out.add(fields(r));
        return new JRMapCollectionDataSource(out);
    }

    private Map<String, Object> fields(SiteRow r) {
        Map<String, Object> m = new HashMap<>();
        m.put("rank", r.rank() == 0 ? "" : String.valueOf(r.rank()));
        m.put("site", r.name());
        m.put("note", r.note());
        m.put("context", r.las().isEmpty() ? NO_DATA : String.join("\n", r.las().stream().map(LaContext::line).toList()));
        for (int i = 0; i < measures.size(); i++) {
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
            m.put("tam", adherenceBars(chunk, all, "tam_r", "Mean TAM-R score", 1));
            m.put("threshold", adherenceBars(chunk, all, "at_threshold", "At or above threshold (%)", 100));
            pages.add(m);
        }
        return new JRMapCollectionDataSource(pages);
    }

    private JRDataSource outcomeBars(List<SiteRow> chunk, SiteRow all) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int[] idx = {index("at_home"), index("in_school"), index("no_offence")};
        List<SiteRow> with = new ArrayList<>(chunk);
        with.add(all);
        for (SiteRow r : with) {
            for (int i : idx) {
                Value v = r.year().get(i);
                if (i < 0) continue;
                rows.add(point(measures.get(i).comparison().header(), category(r), v.value() == null ? null : 100 * v.value(), v.value() == null ? null : v.text()));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** One bar per site (and the all-site bar) of a fidelity measure's 12-month value, times {@code scale} (1: a 0-1 score; 100: a percentage). */
    private JRDataSource adherenceBars(List<SiteRow> chunk, SiteRow all, String key, String series, double scale) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int i = index(key);
        if (i < 0) return new JRMapCollectionDataSource(rows);
        List<SiteRow> with = new ArrayList<>(chunk);
        with.add(all);
        for (SiteRow r : with) {
            Value v = r.year().get(i);
            rows.add(point(series, category(r), v.value() == null ? null : scale * v.value(), v.value() == null ? null : v.text()));
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** The column of a measure in the comparison, or -1 when the registry does not show it there. */
    private int index(String key) {
        for (int i = 0; i < measures.size(); i++) if (measures.get(i).key().equals(key)) return i;
        return -1;
    }

    private static String category(SiteRow r) {
        return r.siteId().equals(ALL) ? "All sites" : (r.rank() > 0 ? r.rank() + ". " : "") + r.name();
    }

    private static Map<String, Object> point(String series, String category, Double value, String label) {
        return PackFigures.point(series, category, value, label);
    }

    // ------------------------------------------------------------------ CSV and XLSX

    /** One cell of the exports: its printed text, and the number with its Excel format where a number is shown. */
    private record Out(String text, Double number, String format, String rag) {
        static Out text(String t) {
            return new Out(t == null ? "" : t, null, null, null);
        }
    }

    /** The most LAs one of the compared sites serves: the exports have that many groups of LA context columns. */
    private static int laSlots(List<SiteRow> rows) {
        return rows.stream().mapToInt(r -> r.las().size()).max().orElse(0);
    }

    /** The exports' header: the site and period, each measure and its RAG, then per LA slot its name, CLA rate, neighbours' mean and Ofsted grade. */
    List<String> header(int laSlots) {
        List<String> h = new ArrayList<>(List.of("month", "rank", "site_id", "site", "note", "period"));
        for (Metrics.Measure m : measures) {
            h.add(m.key());
            h.add(m.key() + "_rag");
        }
        for (int i = 1; i <= laSlots; i++) {
            h.addAll(List.of("la_" + i, "la_" + i + "_cla_rate_per_10000", "la_" + i + "_neighbours_mean", "la_" + i + "_ofsted_overall"));
        }
        return h;
    }

    private List<List<Out>> lines(List<SiteRow> rows, SiteRow all, YearMonth month, int laSlots) {
        List<List<Out>> out = new ArrayList<>();
        List<SiteRow> every = new ArrayList<>();
        every.add(all);
        every.addAll(rows);
        for (SiteRow r : every) {
            for (int period = 0; period < 2; period++) {
                List<Value> vs = period == 0 ? r.month() : r.year();
                List<Out> l = new ArrayList<>(List.of(Out.text(month.toString()),
                        r.rank() == 0 ? Out.text("") : new Out(String.valueOf(r.rank()), (double) r.rank(), "0", null),
                        Out.text(r.siteId()), Out.text(r.name()), Out.text(r.note()), Out.text(period == 0 ? "month" : "12 months")));
                for (int i = 0; i < vs.size(); i++) {
                    Value v = vs.get(i);
                    String rag = v.rag() == Targets.Rag.NONE || v.rag() == Targets.Rag.INFO ? "" : v.rag().name();
                    l.add(new Out(v.text(), v.value(), XlsxCells.format(measures.get(i).column()), rag));
                    l.add(Out.text(rag));
                }
                for (int i = 0; i < laSlots; i++) {
                    LaContext c = period == 0 && i < r.las().size() ? r.las().get(i) : null;
                    if (c == null) {
                        for (int k = 0; k < 4; k++) l.add(Out.text(""));
                        continue;
                    }
                    l.add(Out.text(c.la()));
                    l.add(new Out(c.claText(), c.claRate(), "0", null));
                    l.add(new Out(c.neighboursText(), c.neighbours(), "0", null));
                    l.add(Out.text(c.ofsted()));
                }
                out.add(l);
            }
        }
        return out;
    }

    private void csv(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        int slots = laSlots(rows);
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header(slots)));
            w.write("\n");
            for (List<Out> l : lines(rows, all, month, slots)) {
                w.write(String.join(",", l.stream().map(o -> org.sightline.lake.SafeText.csvCell(o.text())).toList()));
                w.write("\n");
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The table as a workbook: figures shown as numbers are numbers (formatted as printed), RAG as the cell's fill. */
    private void xlsx(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        int slots = laSlots(rows);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(tmp)) {
            Sheet sh = wb.createSheet("Site comparison " + month);
            XlsxCells cells = new XlsxCells(wb);
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            Map<String, IndexedColors> rag = Map.of("GREEN", IndexedColors.LIGHT_GREEN, "AMBER", IndexedColors.LIGHT_ORANGE, "RED", IndexedColors.ROSE);
            List<String> h = header(slots);
            Row hr = sh.createRow(0);
            for (int i = 0; i < h.size(); i++) {
                var c = hr.createCell(i);
                c.setCellValue(h.get(i));
                c.setCellStyle(bold);
            }
            int r = 1;
            for (List<Out> l : lines(rows, all, month, slots)) {
                Row row = sh.createRow(r++);
                for (int i = 0; i < l.size(); i++) {
                    Out o = l.get(i);
                    IndexedColors fill = o.rag() == null ? null : rag.get(o.rag());
                    if (fill == null && h.get(i).endsWith("_rag")) fill = rag.get(o.text());
                    cells.put(row.createCell(i), o.number(), o.format(), o.text(), fill);
                }
            }
            sh.createFreezePane(6, 1);
            wb.write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
