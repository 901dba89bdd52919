package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.it.SteeringPackTest.pdfText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.report.Disclosure;
import org.sightline.report.FigureSpec;
import org.sightline.report.Metrics;

/**
 * Suppression that holds under subtraction, checked on what the demo publishes: every pack's CSV and
 * the site comparison's CSV for October 2026 and September 2026 (built with the CLI), read back with
 * DuckDB's CSV reader. The published cells are put into the relations the registry declares
 * (reports/metrics.yml), within each pack, between a site's pack and the comparison (its line and the
 * all-sites line), and between the two months; then every suppressed count is tried: by bound
 * propagation written here (a relation with one unknown gives it; sums of bounds narrow it), and by the
 * linear-programming audit the packs run. None may come out as one value.
 */
class DisclosureAuditTest {

    static final YearMonth OCT = YearMonth.of(2026, 10);
    static final YearMonth SEP = YearMonth.of(2026, 9);
    static final Path REPORTS = Path.of("reports");

    @TempDir
    static Path tmp;
    static Path home;
    static Map<YearMonth, Path> dirs = new LinkedHashMap<>();
    static Metrics metrics;
    static Map<String, FigureSpec> specs;
    /** Published text of every cell, by key month/site/cell. */
    static Map<String, String> published = new TreeMap<>();
    static List<Disclosure.Equation> relations = new ArrayList<>();
    static List<String> sites = new ArrayList<>();

    @BeforeAll
    static void buildTwoMonths() throws Exception {
        home = tmp.resolve("home");
        Cli.Result demo = Cli.run("demo", "--home", home.toString());
        assertThat(demo.exit()).as(demo.err()).isZero();
        dirs.put(OCT, home.resolve("reports").resolve(OCT.toString()));
        Path sep = tmp.resolve("sep");
        dirs.put(SEP, sep);
        Cli.Result packs = Cli.run("report", "steering", "--home", home.toString(), "--all-sites", "--month", SEP.toString(), "--out", sep.toString());
        assertThat(packs.exit()).as(packs.err()).isZero();
        Cli.Result cmp = Cli.run("report", "comparison", "--home", home.toString(), "--month", SEP.toString(), "--out", sep.toString());
        assertThat(cmp.exit()).as(cmp.err()).isZero();
        metrics = Metrics.load(REPORTS.resolve("metrics.yml"), REPORTS.resolve("sql/measures"));
        specs = FigureSpec.loadAll(REPORTS.resolve("sql/steering"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Map.Entry<YearMonth, Path> d : dirs.entrySet()) {
                try (var s = Files.list(d.getValue())) {
                    for (Path csv : s.filter(p -> p.getFileName().toString().endsWith("-steering-pack.csv")).sorted().toList()) {
                        String site = csv.getFileName().toString().replace("-steering-pack.csv", "");
                        if (!sites.contains(site)) sites.add(site);
                        readPack(db, d.getKey(), site, csv);
                    }
                }
                readComparison(db, d.getKey(), d.getValue().resolve("site-comparison.csv"));
            }
        }
        for (String site : sites) {
            relations.addAll(packRelations(OCT, site, null));
            relations.addAll(packRelations(SEP, site, null));
            relations.addAll(packRelations(OCT, site, SEP));
        }
        for (YearMonth m : dirs.keySet()) relations.addAll(allSitesRelations(m));
    }

    // ------------------------------------------------------------------ reading what was published

    /** A pack's CSV: figure, row, column, value; the cover's referrals and open cases are the measure's cells. */
    static void readPack(Connection db, YearMonth month, String site, Path csv) throws Exception {
        Map<String, Map<Integer, Map<String, String>>> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT figure, \"row\", \"column\", value FROM read_csv(?, all_varchar = true, header = true)")) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String fig = rs.getString(1), col = rs.getString(3), v = rs.getString(4) == null ? "" : rs.getString(4);
                    if (fig.equals("cover")) {
                        if (col.equals("referrals")) published.put(month + "/" + site + "/" + Disclosure.measureKey("referrals", "received", "month"), v);
                        if (col.equals("open_cases")) published.put(month + "/" + site + "/" + Disclosure.measureKey("caseload", "open_cases", "month"), v);
                        continue;
                    }
                    if (rs.getString(2) == null || rs.getString(2).isEmpty()) continue;   // a figure without data
                    rows.computeIfAbsent(fig, k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(rs.getString(2)), k -> new LinkedHashMap<>()).put(col, v);
                }
            }
        }
        for (Map.Entry<String, Map<Integer, Map<String, String>>> f : rows.entrySet()) {
            FigureSpec spec = specs.get(f.getKey());
            String first = spec.columns().keySet().iterator().next();
            boolean text = spec.columns().get(first).kind() == FigureSpec.Kind.TEXT;
            int n = f.getValue().size();
            for (Map.Entry<Integer, Map<String, String>> r : f.getValue().entrySet()) {
                String label = text ? r.getValue().get(first) : n == 1 ? null : "#" + r.getKey();
                for (Map.Entry<String, String> c : r.getValue().entrySet()) {
                    if (spec.columns().get(c.getKey()).kind() != FigureSpec.Kind.COUNT) continue;
                    published.put(month + "/" + site + "/" + f.getKey() + (label == null ? "" : "[" + label + "]") + "." + c.getKey(), c.getValue());
                }
            }
            labels.computeIfAbsent(month + "/" + site + "/" + f.getKey(), k -> new ArrayList<>());
            for (Map.Entry<Integer, Map<String, String>> r : f.getValue().entrySet()) {
                labels.get(month + "/" + site + "/" + f.getKey()).add(text ? r.getValue().get(first) : n == 1 ? null : "#" + r.getKey());
            }
        }
    }

    /** Row labels of each figure of each pack, in order. */
    static Map<String, List<String>> labels = new LinkedHashMap<>();

    /** The comparison's CSV: each site's and the all-sites referrals, month and 12 months. */
    static void readComparison(Connection db, YearMonth month, Path csv) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("SELECT site_id, period, referrals FROM read_csv(?, all_varchar = true, header = true)")) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = month + "/" + rs.getString(1) + "/" + Disclosure.measureKey("referrals", "received", rs.getString(2));
                    String v = rs.getString(3) == null ? "" : rs.getString(3);
                    String before = published.put(key, v);
                    // the pack's cover and the comparison print the same cell the same way
                    assertThat(before == null || before.equals(v)).as(key + ": pack " + before + ", comparison " + v).isTrue();
                }
            }
        }
    }

    // ------------------------------------------------------------------ the registry's relations over them

    static List<Disclosure.Equation> packRelations(YearMonth month, String site, YearMonth previous) {
        List<Disclosure.Equation> out = new ArrayList<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() != null) continue;
            Metrics.Ref total = Metrics.ref(r.total());
            List<Metrics.Ref> parts = r.parts().stream().map(Metrics::ref).toList();
            boolean cross = total.previous() || parts.stream().anyMatch(Metrics.Ref::previous);
            if (cross != (previous != null)) continue;
            if ("*".equals(total.row())) {
                List<String> ls = labels.get(month + "/" + site + "/" + total.figure());
                if (ls == null) continue;
                for (String l : ls) {
                    List<Disclosure.Term> t = new ArrayList<>();
                    t.add(new Disclosure.Term(cell(month, previous, site, total, l), total.sign(), true));
                    for (Metrics.Ref p : parts) t.add(new Disclosure.Term(cell(month, previous, site, p, l), -p.sign(), false));
                    out.add(new Disclosure.Equation(r.name(), t));
                }
                continue;
            }
            List<String> totals = cells(month, previous, site, total);
            if (totals == null) continue;
            List<Disclosure.Term> partTerms = new ArrayList<>();
            boolean ok = true;
            for (Metrics.Ref p : parts) {
                List<String> c = cells(month, previous, site, p);
                if (c == null) { ok = false; break; }
                for (String x : c) partTerms.add(new Disclosure.Term(x, -p.sign(), false));
            }
            if (!ok) continue;
            for (String t : totals) {
                List<Disclosure.Term> terms = new ArrayList<>();
                terms.add(new Disclosure.Term(t, total.sign(), true));
                terms.addAll(partTerms);
                out.add(new Disclosure.Equation(r.name(), terms));
            }
        }
        return out;
    }

    static String cell(YearMonth month, YearMonth previous, String site, Metrics.Ref ref, String label) {
        YearMonth m = ref.previous() ? previous : month;
        if (ref.measure()) return m + "/" + site + "/" + Disclosure.measureKey(ref.query(), ref.column(), ref.period());
        return m + "/" + site + "/" + ref.figure() + (label == null ? "" : "[" + label + "]") + "." + ref.column();
    }

    /** The cells a reference names in a pack; null when the figure is not in it (no data). */
    static List<String> cells(YearMonth month, YearMonth previous, String site, Metrics.Ref ref) {
        if (ref.measure()) return List.of(cell(month, previous, site, ref, null));
        YearMonth m = ref.previous() ? previous : month;
        List<String> ls = labels.get(m + "/" + site + "/" + ref.figure());
        if (ls == null) return null;
        if (ref.row() == null) return ls.stream().map(l -> cell(month, previous, site, ref, l)).toList();
        if (ref.row().equals("last")) return ls.isEmpty() ? List.of() : List.of(cell(month, previous, site, ref, ls.get(ls.size() - 1)));
        return ls.contains(ref.row()) ? List.of(cell(month, previous, site, ref, ref.row())) : null;
    }

    static List<Disclosure.Equation> allSitesRelations(YearMonth month) {
        List<Disclosure.Equation> out = new ArrayList<>();
        for (Metrics.Relation r : metrics.relations()) {
            if (r.acrossSites() == null) continue;
            Metrics.Measure m = metrics.measure(r.acrossSites());
            for (String period : m.comparison().periods()) {
                String key = Disclosure.measureKey(m.query(), m.e().numerator(), period);
                String[] parts = sites.stream().map(s -> month + "/" + s + "/" + key).toArray(String[]::new);
                out.add(Disclosure.Equation.of(r.name(), month + "/ALL_SITES/" + key, parts));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ trying to derive

    /** Bounds of every cell a relation can use: a number is itself, <5 is 1 to 4, [c] is 5 or more. */
    static Map<String, double[]> bounds() {
        Map<String, double[]> b = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : published.entrySet()) {
            String v = e.getValue().replace(",", "");
            if (v.equals("<5")) b.put(e.getKey(), new double[]{1, 4});
            else if (v.equals("[c]")) b.put(e.getKey(), new double[]{5, Double.POSITIVE_INFINITY});
            else if (v.matches("\\d+")) b.put(e.getKey(), new double[]{Double.parseDouble(v), Double.parseDouble(v)});
        }
        return b;
    }

    /** Bound propagation: each relation narrows each of its cells by the bounds of the others, until nothing changes. */
    static Map<String, double[]> propagate(Map<String, double[]> b) {
        for (int round = 0; round < 200; round++) {
            boolean changed = false;
            for (Disclosure.Equation e : relations) {
                if (e.terms().stream().anyMatch(t -> !b.containsKey(t.cell()))) continue;
                for (Disclosure.Term j : e.terms()) {
                    double lo = 0, hi = 0;   // bounds of -sum(others) / sign(j)
                    for (Disclosure.Term i : e.terms()) {
                        if (i == j) continue;
                        double[] x = b.get(i.cell());
                        double a = -i.sign() * j.sign();
                        lo += a > 0 ? a * x[0] : a * x[1];
                        hi += a > 0 ? a * x[1] : a * x[0];
                    }
                    double[] x = b.get(j.cell());
                    double nlo = Math.max(x[0], lo), nhi = Math.min(x[1], hi);
                    if (nlo > x[0] + 1e-9 || nhi < x[1] - 1e-9) {
                        b.put(j.cell(), new double[]{nlo, nhi});
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return b;
    }

    @Test
    void theDemoSuppressesSomethingAndWithholdsSomeCountsToProtectIt() {
        long small = published.values().stream().filter("<5"::equals).count();
        long withheld = published.values().stream().filter("[c]"::equals).count();
        assertThat(small).as("counts of 1 to 4 in the demo's packs and comparisons").isGreaterThan(10);
        assertThat(withheld).as("counts withheld to protect them").isGreaterThan(0);
        assertThat(sites).hasSizeGreaterThanOrEqualTo(4);
        assertThat(relations.size()).isGreaterThan(100);
    }

    @Test
    void noSuppressedCountOfTheDemosPacksAndComparisonsCanBeWorkedOutByTheRelations() {
        Map<String, double[]> b = propagate(bounds());
        List<String> derived = new ArrayList<>();
        for (Map.Entry<String, String> e : published.entrySet()) {
            if (!e.getValue().equals("<5")) continue;
            double[] x = b.get(e.getKey());
            if (x[1] - x[0] < 0.5) derived.add(e.getKey() + " = " + x[0]);
        }
        assertThat(derived).isEmpty();
        // every relation holds on the published numbers (a relation that does not is a wrong declaration)
        for (Disclosure.Equation e : relations) {
            if (e.terms().stream().anyMatch(t -> !b.containsKey(t.cell()))) continue;
            double lo = 0, hi = 0;
            for (Disclosure.Term t : e.terms()) {
                double[] x = b.get(t.cell());
                lo += t.sign() > 0 ? t.sign() * x[0] : t.sign() * x[1];
                hi += t.sign() > 0 ? t.sign() * x[1] : t.sign() * x[0];
            }
            assertThat(lo <= 1e-9 && hi >= -1e-9).as(e.relation() + " " + e.terms()).isTrue();
        }
    }

    @Test
    void theLinearProgrammingAuditOnThePublishedCellsFindsNothingEither() {
        Map<String, Long> cells = new LinkedHashMap<>();
        Set<String> withheld = new HashSet<>();
        for (Map.Entry<String, String> e : published.entrySet()) {
            String v = e.getValue().replace(",", "");
            if (v.equals("<5")) cells.put(e.getKey(), 1L);
            else if (v.equals("[c]")) {
                cells.put(e.getKey(), 5L);
                withheld.add(e.getKey());
            } else if (v.matches("\\d+")) cells.put(e.getKey(), Long.parseLong(v));
        }
        Disclosure.Plan p = Disclosure.check(cells, relations, withheld);
        assertThat(p.primary()).isNotEmpty();
        assertThat(p.derivable()).isEmpty();
    }

    @Test
    void theDataQualityPageAndTheComparisonSayWhatTheCheckFound() throws Exception {
        Set<String> lines = new TreeSet<>();
        for (String site : sites) {
            String text = pdfText(dirs.get(OCT).resolve(site + "-steering-pack.pdf")).replaceAll("\\s+", " ");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Disclosure check: (\\d+) cells? suppressed \\((\\d+) of 1–4 printed <5, (\\d+) more withheld \\[c\\][^)]*\\), none derivable\\.").matcher(text);
            assertThat(m.find()).as(site + ": " + text.substring(Math.max(0, text.indexOf("Small numbers")), Math.min(text.length(), text.indexOf("Small numbers") + 400))).isTrue();
            lines.add(m.group());
            // the count of <5 printed in the pack's CSV is at most the check's (the cover's notes hold some too)
            long small = published.entrySet().stream().filter(e -> e.getKey().startsWith(OCT + "/" + site + "/") && !e.getKey().contains("measure:")
                    && e.getValue().equals("<5")).count();
            assertThat(Integer.parseInt(m.group(2))).as(site).isGreaterThanOrEqualTo((int) small);
        }
        String cmp = pdfText(dirs.get(OCT).resolve("site-comparison.pdf")).replaceAll("\\s+", " ");
        assertThat(cmp).containsPattern("Disclosure check: \\d+ cells? suppressed .*none derivable");
    }
}
