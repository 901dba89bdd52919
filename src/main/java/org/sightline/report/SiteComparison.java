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

    /** The steering-pack figures the comparison shows as context beside the measures. */
    static final List<String> CONTEXT = List.of("site_profile", "cla_rate", "ofsted_latest");
    static final String NO_DATA = Metrics.NO_DATA;
    static final String NOT_APPLICABLE = "";

    /** One value in the table: its printed text (suppressed), its number (null when not shown) and its RAG. */
    public record Value(String text, Double value, Targets.Rag rag) {}

    /** One site's line pair. */
    public record SiteRow(String siteId, String name, String note, List<Value> month, List<Value> year,
                          String claRate, String neighbours, String ofsted, int rank) {}

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
        Map<String, Set<String>> withheld = new HashMap<>();
        for (String s : sites) withheld.put(s, packs.disclosure(s, month).secondary());
        MeasureTable table = packs.measures(sites, month);
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
        return new SiteRow(siteId, name, note, m, y, claRate(f, false), claRate(f, true), ofsted(f), 0);
    }

    private SiteRow allSites(List<String> sites, MeasureTable table, Set<String> withheld) {
        List<List<Value>> v = values(table, ALL, withheld);
        return new SiteRow(ALL, "All sites", sites.size() + (sites.size() == 1 ? " site" : " sites"), v.get(0), v.get(1), "", "", "", 0);
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
            out.add(new SiteRow(r.siteId(), r.name(), r.note(), r.month(), r.year(), r.claRate(), r.neighbours(), r.ofsted(), rank));
        }
        return out;
    }

    private static Value orBlank(Value v) {
        return v == null ? new Value(NOT_APPLICABLE, null, Targets.Rag.NONE) : v;
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
                + "A blank cell: the figure has no month or no 12-month form. Context: the latest published CLA rate per 10,000 "
                + "children of each LA the site serves, its statistical neighbours' mean, and the LA's latest Ofsted overall grade.";
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
        m.put("cla", r.claRate());
        m.put("neighbours", r.neighbours());
        m.put("ofsted", r.ofsted());
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
            m.put("adherence", adherenceBars(chunk, all));
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

    private JRDataSource adherenceBars(List<SiteRow> chunk, SiteRow all) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int mean = index("tam_r"), share = index("at_threshold");
        if (mean < 0 || share < 0) return new JRMapCollectionDataSource(rows);
        List<SiteRow> with = new ArrayList<>(chunk);
        with.add(all);
        for (SiteRow r : with) {
            Value v = r.year().get(mean), s = r.year().get(share);
            rows.add(point("Mean TAM-R (×100)", category(r), v.value() == null ? null : 100 * v.value(), v.value() == null ? null : v.text()));
            rows.add(point("At or above threshold (%)", category(r), s.value() == null ? null : 100 * s.value(), s.value() == null ? null : s.text()));
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

    List<String> header() {
        List<String> h = new ArrayList<>(List.of("month", "rank", "site_id", "site", "note", "period"));
        for (Metrics.Measure m : measures) {
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

    private void csv(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
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

    private void xlsx(List<SiteRow> rows, SiteRow all, YearMonth month, Path file) throws IOException {
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
