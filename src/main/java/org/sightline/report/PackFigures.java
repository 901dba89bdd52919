package org.sightline.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Everything one steering pack prints, handed to the JRXML templates as the parameter {@code F}:
 * the figures (each from its {@code .sql} file), the cover tiles with their RAG status against the
 * site's targets, and data sources for tables and charts. All printing goes through {@link Cell}, so
 * suppression applies to every number, table and chart alike.
 */
public final class PackFigures {

    static final String SUPPRESSED_SERIES = "1 to 4 (printed <5, bar height not exact)";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final String siteId;
    private final YearMonth month;
    private final String snapshot;
    private final String generatedAt;
    private final Map<String, Figure> figures;
    private final Targets targets;
    private final Map<String, JasperReport> templates;
    private final List<Tile> tiles;
    private final Metrics metrics;
    private final MeasureTable measures;
    private final Disclosure.Plan plan;

    PackFigures(String siteId, YearMonth month, String snapshot, String generatedAt, Map<String, Figure> figures,
                Targets targets, Map<String, JasperReport> templates, Metrics metrics, MeasureTable measures, Disclosure.Plan plan) {
        this.plan = plan;
        this.metrics = metrics;
        this.measures = measures;
        this.siteId = siteId;
        this.month = month;
        this.snapshot = snapshot;
        this.generatedAt = generatedAt;
        this.figures = figures;
        this.targets = targets;
        this.templates = templates;
        this.tiles = buildTiles();
    }

    // ----- identity, printed on every page

    public String siteId() { return siteId; }

    public String siteName() {
        Figure p = figures.get("site_profile");
        Object n = p == null ? null : p.raw(0, "site_name");
        return n == null ? siteId : String.valueOf(n);
    }

    public String monthLabel() { return month.format(MONTH); }

    public YearMonth month() { return month; }

    public String snapshot() { return snapshot; }

    public String generatedAt() { return generatedAt; }

    public String windowLabel() {
        return month.minusMonths(11).format(DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK)) + " to " + month.format(DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK));
    }

    /** A sentence about the service: programme, size, the LAs it serves; and whether it has closed. */
    public String serviceLine() {
        Figure p = figures.get("site_profile");
        if (p == null || !p.available() || p.rows().isEmpty()) return "The site register has no entry for " + siteId + ".";
        StringBuilder sb = new StringBuilder();
        sb.append(p.text(0, "programme").isEmpty() ? "MST" : p.text(0, "programme"));
        sb.append(" service for ").append(p.text(0, "las").isEmpty() ? "(no local authority recorded)" : p.text(0, "las"));
        String teams = p.text(0, "teams");
        if (!teams.isEmpty()) sb.append(" · ").append(teams).append(teams.equals("1") ? " team" : " teams");
        String fte = p.text(0, "therapists_fte");
        if (!fte.isEmpty()) sb.append(", ").append(fte).append(" therapist FTE");
        String live = p.text(0, "go_live");
        if (!live.isEmpty()) sb.append(" · live since ").append(live);
        return sb.toString();
    }

    /** "This service closed on ..." when it closed on or before the end of the month, else null. */
    public String closedNotice() {
        Figure p = figures.get("site_profile");
        Object closed = p == null ? null : p.raw(0, "closed_on");
        if (closed == null) return null;
        LocalDate d = closed instanceof java.sql.Date sd ? sd.toLocalDate() : LocalDate.parse(String.valueOf(closed));
        if (d.isAfter(month.atEndOfMonth())) return null;
        return "This service closed on " + d.format(DAY) + ". Figures after that date show what remained in the data.";
    }

    // ----- figures

    /** The pack's disclosure plan and audit: what is suppressed, and whether any count of 1 to 4 can still be worked out. */
    public Disclosure.Plan disclosure() { return plan; }

    /** The audit's line for the data-quality page. */
    public String disclosureLine() { return plan.line(); }

    public Figure figure(String name) {
        Figure f = figures.get(name);
        if (f == null) throw new IllegalArgumentException("no figure " + name + " in reports/sql/steering/");
        return f;
    }

    public Map<String, Figure> figures() { return figures; }

    public boolean available(String name) { return figure(name).available(); }

    /** True when the figure is available and has at least one row. */
    public boolean has(String name) { return available(name) && !figure(name).rows().isEmpty(); }

    /** The plain statement printed instead of a figure that has no data. */
    public String noData(String name) {
        Figure f = figure(name);
        if (!f.available()) return f.noData();
        if (f.rows().isEmpty()) return f.spec().empty() != null ? f.spec().empty() : "Nothing recorded for " + f.spec().title().toLowerCase(Locale.UK) + ".";
        return null;
    }

    /** Printed value of a column of the figure's first row. */
    public String v(String name, String column) { return figure(name).text(0, column); }

    /** Printed value of a column in the row whose first column equals {@code key}. */
    public String at(String name, String key, String column) {
        Figure f = figure(name);
        String first = f.spec().columns().keySet().iterator().next();
        for (int i = 0; i < f.rows().size(); i++) {
            if (key.equals(String.valueOf(f.rows().get(i).get(first)))) return f.text(i, column);
        }
        return Cell.NOT_SHOWN;
    }

    public String title(String name) { return figure(name).spec().title(); }

    public String definition(String name) { return figure(name).spec().definition(); }

    public JasperReport report(String name) {
        JasperReport r = templates.get(name);
        if (r == null) throw new IllegalArgumentException("no template reports/" + name + ".jrxml");
        return r;
    }

    /** Parameters for a page subreport: this object as F. */
    public Map<String, Object> pageParams() {
        Map<String, Object> p = new HashMap<>();
        p.put("F", this);
        return p;
    }

    // ----- tables (reports/figure-table.jrxml: c0..c6 and headers H0..H6)

    public JRDataSource table(String name) {
        Figure f = figure(name);
        List<FigureSpec.Column> cols = f.spec().visibleColumns();
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                Map<String, Object> r = new HashMap<>();
                for (int c = 0; c < cols.size() && c < 7; c++) r.put("c" + c, f.text(i, cols.get(c).name()));
                rows.add(r);
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    public Map<String, Object> tableParams(String name) {
        Figure f = figure(name);
        Map<String, Object> p = new HashMap<>();
        List<FigureSpec.Column> cols = f.spec().visibleColumns();
        for (int c = 0; c < 7; c++) p.put("H" + c, c < cols.size() ? label(f, cols.get(c)) : "");
        p.put("LAYOUT", f.spec().layout());
        return p;
    }

    /** A column's label; "=other" takes it from that column of the first row (e.g. a year). */
    static String label(Figure f, FigureSpec.Column c) {
        if (!c.label().startsWith("=")) return c.label();
        Object v = f.raw(0, c.label().substring(1));
        return v == null ? "" : String.valueOf(v);
    }

    /**
     * A wide figure as lines: one series per row (named by {@code seriesColumn}), one category per
     * value column (named by its label).
     */
    public JRDataSource wideLines(String name, String seriesColumn, String... valueColumns) {
        Figure f = figure(name);
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                for (String vc : valueColumns) {
                    String cat = label(f, f.spec().columns().get(vc));
                    if (cat.isEmpty()) continue;
                    rows.add(point(String.valueOf(f.raw(i, seriesColumn)), cat, f.value(i, vc), null));
                }
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** A one-row figure turned on its side: one table row per visible column (label, printed value). */
    public JRDataSource kv(String name) {
        Figure f = figure(name);
        List<String[]> rows = new ArrayList<>();
        if (f.available() && !f.rows().isEmpty()) {
            for (FigureSpec.Column c : f.spec().visibleColumns()) rows.add(new String[]{label(f, c), f.text(0, c.name())});
        }
        return pairs(rows);
    }

    public Map<String, Object> kvParams(String h0, String h1) {
        Map<String, Object> p = pairParams(h0, h1);
        p.put("LAYOUT", "kv");
        return p;
    }

    /** A two-column table of label / text rows (definitions, assumptions). */
    public JRDataSource pairs(List<String[]> pairs) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (String[] p : pairs) {
            Map<String, Object> r = new HashMap<>();
            r.put("c0", p[0]);
            r.put("c1", p[1]);
            rows.add(r);
        }
        return new JRMapCollectionDataSource(rows);
    }

    public Map<String, Object> pairParams(String h0, String h1) {
        Map<String, Object> p = new HashMap<>();
        p.put("H0", h0);
        p.put("H1", h1);
        for (int c = 2; c < 7; c++) p.put("H" + c, "");
        p.put("LAYOUT", "pairs");
        return p;
    }

    // ----- charts: rows of series / category / value / label

    /**
     * Count bars with suppression: a count of 1 to 4 is drawn as a grey bar of fixed height 2.5 in a
     * series of its own, labelled {@code <5}; exact counts of 0 and 5 or more are drawn as they are.
     */
    public JRDataSource countBars(String name, String categoryColumn, String valueColumn, String series) {
        Figure f = figure(name);
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                String cat = String.valueOf(f.raw(i, categoryColumn));
                boolean hidden = f.suppressed(i, valueColumn);
                Double v = f.value(i, valueColumn);
                rows.add(point(series, cat, hidden ? null : v, hidden ? null : f.text(i, valueColumn)));
                rows.add(point(SUPPRESSED_SERIES, cat, hidden ? 2.5 : null, hidden ? Cell.SUPPRESSED_COUNT : null));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** Discharge outcomes, last 12 months, against the MST benchmark (percentages, 0 to 100). */
    public JRDataSource outcomeBars() {
        Figure f = figure("discharge_outcomes");
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                String cat = String.valueOf(f.raw(i, "outcome"));
                Double v = f.value(i, "year_yes");
                rows.add(point("This site, last 12 months", cat, v == null ? null : 100 * v, v == null ? null : f.text(i, "year_yes")));
                Double b = f.value(i, "benchmark");
                rows.add(point("MST benchmark", cat, b == null ? null : 100 * b, f.text(i, "benchmark")));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** Mean TAM-R per month (no point for a month with fewer than 5 interviews) and the threshold line. */
    public JRDataSource fidelityLine() {
        Figure f = figure("fidelity_trend");
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                String cat = String.valueOf(f.raw(i, "month_label"));
                rows.add(point("Mean TAM-R", cat, f.value(i, "mean_score"), null));
                rows.add(point("Adherence threshold " + f.text(i, "threshold"), cat, f.value(i, "threshold"), null));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** A long-format figure as lines: one series per value of {@code seriesColumn}. */
    public JRDataSource lines(String name, String seriesColumn, String categoryColumn, String valueColumn) {
        Figure f = figure(name);
        List<Map<String, ?>> rows = new ArrayList<>();
        if (f.available()) {
            for (int i = 0; i < f.rows().size(); i++) {
                rows.add(point(String.valueOf(f.raw(i, seriesColumn)), String.valueOf(f.raw(i, categoryColumn)), f.value(i, valueColumn), null));
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    static Map<String, Object> point(String series, String category, Double value, String label) {
        Map<String, Object> m = new HashMap<>();
        m.put("series", series);
        m.put("category", category);
        m.put("value", value);
        m.put("label", label);
        return m;
    }

    // ----- cover

    public List<Tile> tiles() { return tiles; }

    public JRDataSource tileSource() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Tile t : tiles) {
            Map<String, Object> m = new HashMap<>();
            m.put("label", t.label());
            m.put("value", t.value());
            m.put("note", t.note());
            m.put("rag", t.rag().name());
            m.put("status", t.status());
            m.put("check", t.check());
            m.put("earlier", t.earlier().isEmpty() ? null : "A year earlier · " + t.earlier());
            m.put("warning", t.warning());
            Metrics.Measure mm = metrics.measures().stream().filter(x -> t.key().equals(x.key()) || t.key().equals(x.key() + "_12_months")).findFirst().orElse(null);
            m.put("spark", CoverTrends.sparkline(t.trend(), mm == null ? Metrics.Unit.COUNT : mm.e().unit()));
            rows.add(m);
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** "On target 3 · close 1 · off target 2 · ..." for the cover. */
    public String summaryLine() {
        int g = 0, a = 0, r = 0, n = 0;
        for (Tile t : tiles) {
            switch (t.rag()) {
                case GREEN -> g++;
                case AMBER -> a++;
                case RED -> r++;
                case NONE -> n++;
                default -> { }
            }
        }
        int judged = g + a + r;
        StringBuilder sb = new StringBuilder();
        sb.append(judged == 0 ? "No measure with a target can be judged this month" : "Of " + judged + " measures with a target: "
                + g + " on target, " + a + " close to target, " + r + " off target");
        if (n > 0) sb.append(" · ").append(n).append(n == 1 ? " measure" : " measures").append(" not shown or without data yet");
        return sb.append('.').toString();
    }

    /**
     * The cover's first answer, in words: is it working? The business-as-usual comparison (tile care_entry_mst
     * and measure care_entry_not_served, as they print), or why it cannot be shown.
     */
    public String workingLine() {
        Tile t = tiles.stream().filter(x -> x.key().equals("care_entry_mst")).findFirst().orElse(null);
        if (t == null || t.rag() == Targets.Rag.NONE && t.value().startsWith("No data")) {
            return "Is it working? No comparison with business as usual yet: the care records (SSDA903 returns) of this service's LAs are not in the lake.";
        }
        Metrics.Value other = Metrics.value(metrics.measure("care_entry_not_served"), measures, siteId, "to date", targets, plan.secondary());
        if (t.value().equals(Cell.NOT_SHOWN) || other.value() == null) {
            return "Is it working? Too few young people are followed in the LAs' care records yet to compare those who had MST with those "
                    + "referred but not served without giving away a count of 1 to 4.";
        }
        return "Is it working? " + t.value() + " of edge-of-care young people who had MST entered care within 12 months of referral; "
                + other.text() + " of those referred but not served (LAs' care records; not randomised).";
    }

    /** The cover's second answer: is it worth it? The central FROI of the cost-benefit page with its low and high, as they print. */
    public String worthLine() {
        Figure f = figures.get("cost_benefit");
        if (f == null || !f.available() || f.rows().isEmpty()) return "Is it worth it? No cost-benefit estimate yet: " + (f == null ? "no closures." : noData("cost_benefit"));
        String central = f.text(0, "froi");
        if (central.isEmpty() || central.equals(Cell.NOT_SHOWN)) {
            return "Is it worth it? Not shown this month: the last 12 months' closures are too few to show the estimate without giving away a count of 1 to 4.";
        }
        return "Is it worth it? £" + central + " of estimated benefit per £1 spent on the cases closed in 12 months (£"
                + f.text(0, "froi_low") + " to £" + f.text(0, "froi_high") + " on the low and high assumptions; observed outcomes only).";
    }

    /**
     * The cover: a tile per measure of the registry with a {@code cover:}, in its order (each with its value a
     * year earlier and its trend, {@link CoverTrends}; a count that is small most months over 12 months; the
     * falling-referrals warning on the referrals tile), then capacity, follow-ups due against recorded, and the data tile.
     */
    private List<Tile> buildTiles() {
        Figure p = figures.get("site_profile");
        CoverTrends h = new CoverTrends(siteId, month, metrics, measures, targets, plan, p == null || !p.available() ? null : p.raw(0, "go_live"));
        List<Tile> out = new ArrayList<>();
        for (Metrics.Measure m : metrics.cover()) {
            String period = h.shownPeriod(m);
            Tile t = tile(m, period).withCheck(dataCheck(m)).withHistory(h.yearEarlier(m, period), h.trend(m, period));
            if (m.key().equals("referrals")) t = t.withWarning(h.referralsWarning(m));
            out.add(t);
        }
        out.add(h.capacity().withCheck(dataCheck(metrics.measure("open_cases"))));
        out.add(h.followUps());
        out.add(dataTile());
        return out;
    }

    /**
     * The tile's data check: the rows rejected in the site's files of the datasets the measure's query
     * reads (figure rejected_rows), e.g. "Check: 3 rows rejected in Case closures"; "" when none.
     */
    private String dataCheck(Metrics.Measure m) {
        Figure r = figures.get("rejected_rows");
        Metrics.Query q = metrics.queries().get(m.query());
        if (r == null || !r.available() || q == null) return "";
        long rows = 0;
        List<String> where = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            if (!q.requires().contains(String.valueOf(r.raw(i, "dataset_key")))) continue;
            rows += Math.round(Cell.num(r.raw(i, "rows_rejected")));
            where.add(String.valueOf(r.raw(i, "dataset")));
        }
        if (rows == 0) return "";
        return "Check: " + Cell.fmt("#,##0", rows) + (rows == 1 ? " row" : " rows") + " rejected in " + String.join(", ", where)
                + " may change this";
    }

    /** A measure's tile for a period: its cover period, or the 12 months for a count that is small most months. */
    private Tile tile(Metrics.Measure m, String period) {
        Metrics.Cover c = m.cover();
        String why = measures.unavailable(m.query(), siteId);
        if (why != null) return Tile.noData(m.key(), m.label(), why);
        Metrics.Value v = Metrics.value(m, measures, siteId, period, targets, plan.secondary());
        boolean shown = v.value() != null || m.e().unit() == Metrics.Unit.COUNT;
        String note = note(m, shown || c.hiddenNote() == null ? c.note() : c.hiddenNote(), c.period());
        String text = v.value() == null && m.e().unit() != Metrics.Unit.COUNT ? Cell.NOT_SHOWN : v.text() + (c.suffix() == null ? "" : c.suffix());
        if (period.equals(c.period())) return Tile.of(m.key(), m.label(), text, note, v.rag());
        // a count that is small most months: shown over the 12 months; its own value stays in the note (and the CSV, under its key)
        String own = Metrics.value(m, measures, siteId, c.period(), targets, plan.secondary()).text();
        return Tile.of(m.key() + "_12_months", m.label() + ", last " + period, text,
                own + " this month; under 5 in most of the last 12 months, so shown over the " + period, v.rag()).withOwn(own);
    }

    /** A cover note: {column} of the period's row, {period:column} of another period's (as counts), {target}, {target_min}, {measure:key} (another measure's printed value, same period). */
    private String note(Metrics.Measure m, String template, String period) {
        if (template == null) return "";
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("\\{([^}:]+:)?([a-z_0-9]+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (x.find()) {
            String p = x.group(1) == null ? period : x.group(1).substring(0, x.group(1).length() - 1);
            String col = x.group(2);
            String r;
            if (p.equals("measure")) {
                Metrics.Measure other = metrics.measure(col);
                Metrics.Value v = Metrics.value(other, measures, siteId, period, targets, plan.secondary());
                r = v.value() == null && other.e().unit() != Metrics.Unit.COUNT ? Cell.NOT_SHOWN : v.text();
            } else if (col.equals("target") || col.equals("target_min")) {
                Targets.Range t = targets.range(m.target());
                String pattern = m.targetFormat();
                r = col.equals("target") ? range(t, pattern) : Cell.fmt(pattern, t.min());
            } else {
                r = plan.withheld(Disclosure.measureKey(m.query(), col, p)) ? Cell.WITHHELD
                        : Cell.count(measures.row(m.query(), siteId, p).getOrDefault(col, 0L));
            }
            x.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(r));
        }
        x.appendTail(sb);
        return sb.toString();
    }

    /** The key of the data tile in the cover's CSV rows. */
    static final String DATA = "data_received";

    private Tile dataTile() {
        Figure s = figures.get("submissions");
        int expected = 0, late = 0, missing = 0, yet = 0;
        for (Map<String, Object> r : s.rows()) {
            String st = String.valueOf(r.get("status"));
            if (r.get("due") == null || st.equals("Not expected")) continue;
            expected++;
            switch (st) {
                case "Late" -> late++;
                case "Missing", "Failed" -> missing++;
                case "Not yet due" -> yet++;
                default -> { }
            }
        }
        if (expected == 0) return Tile.of(DATA, "Data received", "Nothing due", "no returns expected for this month", Targets.Rag.INFO);
        if (missing > 0) return Tile.of(DATA, "Data received", missing + " missing", (late > 0 ? late + " late, " : "") + expected + " returns expected", Targets.Rag.RED);
        if (late > 0) return Tile.of(DATA, "Data received", late + " late", (expected - late - yet) + " on time of " + expected + " returns expected", Targets.Rag.AMBER);
        if (yet > 0) return Tile.of(DATA, "Data received", yet + " not yet due", expected + " returns expected", Targets.Rag.INFO);
        return Tile.of(DATA, "Data received", "All on time", expected + " returns expected", Targets.Rag.GREEN);
    }

    private static String range(Targets.Range t, String pattern) {
        return t.max() == null ? "at least " + Cell.fmt(pattern, t.min()) : Cell.fmt(pattern, t.min()) + "–" + Cell.fmt(pattern, t.max());
    }

    // ----- definitions, targets and assumptions (printed from configuration)

    /** The measures of the registry (reports/metrics.yml), label and definition. */
    public JRDataSource measureDefinitions() {
        List<String[]> rows = new ArrayList<>();
        for (Metrics.Measure m : metrics.measures()) rows.add(new String[]{m.label(), m.definition()});
        return pairs(rows);
    }

    public JRDataSource definitions() {
        List<String[]> rows = new ArrayList<>();
        for (Figure f : figures.values()) rows.add(new String[]{f.spec().title(), f.spec().definition()});
        return pairs(rows);
    }

    public JRDataSource targetRows() {
        List<String[]> rows = new ArrayList<>();
        for (Metrics.Measure m : metrics.measures()) {
            if (m.target() == null) continue;
            Targets.Range r = targets.range(m.target());
            rows.add(new String[]{m.label() + " (" + m.target() + ")", "Target " + range(r, m.targetFormat()) + "; amber within "
                    + Cell.fmt(m.targetFormat(), r.amberMargin()) + " of it, red beyond."});
        }
        Targets.Range fam = targets.range(Targets.FAMILIES), months = targets.range(Targets.TREATMENT_MONTHS);
        rows.add(new String[]{"Capacity", "At a time: therapist FTE × " + range(fam, "0") + " families, against open cases at the month end (amber under-used, red over capacity); a year: FTE × "
                + range(fam, "0") + " × 12 ÷ " + range(months, "0") + " months of treatment, against cases started in 12 months (jobs/targets.yml: "
                + Targets.FAMILIES + ", " + Targets.TREATMENT_MONTHS + ")."});
        rows.add(new String[]{"Falling referrals", "Warned on the cover when referrals in the last 12 months are more than "
                + Cell.fmt("0%", targets.range(Targets.REFERRALS_FALL).min()) + " below the 12 months before (" + Targets.REFERRALS_FALL + ")."});
        rows.add(new String[]{"Data received", "Green: every expected return received on time; amber: one or more late; red: one or more missing after the due date, or failed (jobs/expected-submissions.yml)."});
        return pairs(rows);
    }

    /**
     * The cost-benefit assumptions this pack used: where the delivery cost and the price of a week in care came
     * from (the figure cost_benefit says, from the site register and the lake, or the targets.yml fallback), and
     * the values of jobs/targets.yml cost_benefit for this site.
     */
    public JRDataSource assumptions() {
        List<String[]> rows = new ArrayList<>();
        Figure f = figures.get("cost_benefit");
        Object costBasis = f == null ? null : f.raw(0, "cost_basis");
        Object weekBasis = f == null ? null : f.raw(0, "week_basis");
        if (costBasis != null) rows.add(new String[]{"Delivery cost", costBasis + "."});
        if (weekBasis != null) rows.add(new String[]{"A week in care avoided", weekBasis + "."});
        rows.add(new String[]{"Weeks in care avoided per edge-of-care case credited", "low " + Cell.fmt("0.#", targets.cost("weeks_in_care_avoided.low"))
                + ", central " + Cell.fmt("0.#", targets.cost("weeks_in_care_avoided.central")) + ", high "
                + Cell.fmt("0.#", targets.cost("weeks_in_care_avoided.high")) + " weeks"});
        rows.add(new String[]{"Benefit per other case credited", "£" + Cell.fmt("#,##0", targets.cost("benefit_per_case_other")) + " (the evaluation's average)"});
        rows.add(new String[]{"Weekly cost of a placement", "private residential home £" + Cell.fmt("#,##0", targets.cost("weekly_cost_residential"))
                + ", in-house fostering £" + Cell.fmt("#,##0", targets.cost("weekly_cost_in_house_fostering"))
                + "; residential share where the lake has no placement figures: " + Cell.fmt("0%", targets.cost("residential_share"))});
        rows.add(new String[]{"Delivery cost per case without a budget", "£" + Cell.fmt("#,##0", targets.cost("delivery_cost_per_case"))});
        rows.add(new String[]{"Overheads added for the whole-service FROI", Cell.fmt("0%", targets.cost("overhead_share")) + " of delivery cost"});
        rows.add(new String[]{"For comparison", "the evaluation's average benefit per edge-of-care case, £"
                + Cell.fmt("#,##0", targets.cost("benefit_per_case_edge_of_care")) + " (not used in the sums)"});
        rows.add(new String[]{"Source", targets.costSource()});
        rows.add(new String[]{"Where to change them", "jobs/targets.yml: cost_benefit (defaults) or sites." + siteId
                + ".cost_benefit (this site); the budget: the site register's annual_budget column"});
        return pairs(rows);
    }

    /** What a week of residential care costs against one MST case (this site's delivery cost per case), for the cost page. */
    public String placementContext() {
        Figure f = figures.get("cost_benefit");
        Double perCase = f == null ? null : f.value(0, "cost_per_case");
        double cost = perCase != null ? perCase : targets.cost("delivery_cost_per_case");
        double weeks = cost / targets.cost("weekly_cost_residential");
        return "For scale: one MST case " + (perCase != null ? "at this site" : "at " + "£" + Cell.fmt("#,##0", cost)) + " costs about as much as "
                + Cell.fmt("0.0", weeks) + " weeks in a private residential children's home (£"
                + Cell.fmt("#,##0", targets.cost("weekly_cost_residential")) + " a week) or "
                + Cell.fmt("0", cost / targets.cost("weekly_cost_in_house_fostering")) + " weeks of in-house fostering.";
    }

    static Map<String, Figure> ordered(Map<String, Figure> m) {
        return new LinkedHashMap<>(m);
    }
}
