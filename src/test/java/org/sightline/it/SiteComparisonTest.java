package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sightline.it.SteeringPackTest.count;
import static org.sightline.it.SteeringPackTest.date;
import static org.sightline.it.SteeringPackTest.pct;
import static org.sightline.it.SteeringPackTest.pdfText;
import static org.sightline.it.SteeringPackTest.run;
import static org.sightline.it.SteeringPackTest.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.bench.GeneratedSites;

/**
 * The site comparison ({@code sightline report comparison}): the demo leaves it for the latest sample
 * month; its figures for the two CSV sample sites match what the raw sample files say, the TAM-R
 * columns (and the all-site TAM-R line) the fidelity generator's ground truth; 60 generated sites
 * render to a multi-page PDF with the header on every page and no site split across pages.
 */
class SiteComparisonTest {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final LocalDate END = MONTH.atEndOfMonth();
    static final LocalDate WINDOW = MONTH.minusMonths(11).atDay(1);

    @TempDir
    static Path tmp;
    static Path home;
    static Cli.Result demo;
    static JsonNode expected;
    static Path pdf;
    static String text;

    @BeforeAll
    static void runDemo() throws Exception {
        home = tmp.resolve("home");
        expected = Expected.load();
        demo = Cli.run("demo", "--home", home.toString());
        pdf = home.resolve("reports").resolve(MONTH.toString()).resolve("site-comparison.pdf");
        text = Files.exists(pdf) ? pdfText(pdf) : "";
    }

    @Test
    void theDemoLeavesTheComparisonForTheLatestMonthAndSaysWhere() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Site comparison: " + pdf);
        assertThat(pdf).exists();
        assertThat(pdf.resolveSibling("site-comparison.csv")).exists();
        assertThat(pdf.resolveSibling("site-comparison.xlsx")).exists();
        assertThat(text).contains("MST site comparison · October 2026").contains("All sites · 5 sites")
                .contains("Ultimate outcomes at discharge, 12 months").contains("Mean TAM-R score (0 to 1), 12 months")
                .contains("Interviews at or above the TAM-R threshold (%), 12 months")
                // ranked on an outcome by default, not on volume
                .contains("ranked on living at home (12 months), highest first");
        // every sample site is listed, the closed one too, with its closure
        for (String s : List.of("Northern Shire", "River Valley", "Metro City", "Expanded City", "Isolated Coastal")) assertThat(text).contains(s);
        assertThat(text).contains("closed 31 Aug 2026");
        // fonts embedded, pages render
        assertThat(run("pdffonts", pdf.toString())).contains("DejaVuSans").doesNotContain(" no  ");
        run("pdftoppm", "-png", "-r", "50", pdf.toString(), tmp.resolve("sample-page").toString());
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("sample-page")).count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void figuresForTheCsvSampleSitesMatchTheRawSampleFiles() throws Exception {
        for (String[] site : new String[][]{{"NORTHERN_SHIRE", "northern-shire", "Northern Shire"}, {"RIVER_VALLEY", "river-valley", "River Valley"}}) {
            boolean rv = site[0].equals("RIVER_VALLEY");
            var badRefs = SteeringPackTest.Raw.badRows(expected, "referral");
            var badClosures = SteeringPackTest.Raw.badRows(expected, "case_closure");
            List<Map<String, String>> referrals = rv ? riverValley("river-valley-referrals.synthetic.csv", badRefs)
                    : SteeringPackTest.Raw.read(site[1] + "-referrals.synthetic.csv", badRefs);
            List<Map<String, String>> closures = rv ? riverValley("river-valley-closures.synthetic.csv", badClosures)
                    : SteeringPackTest.Raw.read(site[1] + "-closures.synthetic.csv", badClosures);
            double fte = 0;
            for (var s : SteeringPackTest.Raw.read("sites.synthetic.csv", Map.of())) if (s.get("Site ID").equals(site[0])) fte = Double.parseDouble(s.get("Therapists (FTE)"));

            List<Map<String, String>> inMonth = referrals.stream().filter(r -> YearMonth.from(date(r.get("REFERRAL_DATE"))).equals(MONTH)).toList();
            List<Map<String, String>> in12 = referrals.stream().filter(r -> within(date(r.get("REFERRAL_DATE")), WINDOW, END)).toList();
            // open cases at month end
            Map<String, LocalDate[]> cases = new HashMap<>();
            for (var r : referrals) if (r.get("DECISION").equals("ACCEPTED") && !r.get("CASE_START_DATE").isEmpty())
                cases.put(r.get("REFERRAL_REF"), new LocalDate[]{date(r.get("CASE_START_DATE")), null});
            for (var c : closures) cases.put(c.get("CASE_REF"), new LocalDate[]{date(c.get("START_DATE")), date(c.get("END_DATE"))});
            long open = cases.values().stream().filter(d -> !d[0].isAfter(END) && (d[1] == null || d[1].isAfter(END))).count();
            List<Map<String, String>> closed12 = closures.stream().filter(c -> within(date(c.get("END_DATE")), WINDOW, END)).toList();
            List<Map<String, String>> closedM = closed12.stream().filter(c -> YearMonth.from(date(c.get("END_DATE"))).equals(MONTH)).toList();
            Map<String, Boolean> edge = new HashMap<>();
            for (var r : referrals) edge.put(r.get("REFERRAL_REF"), r.get("EDGE_OF_CARE").equals("Y"));
            long e = closed12.stream().filter(c -> edge.getOrDefault(c.get("CASE_REF"), false)).count();
            List<Long> days = closed12.stream().map(c -> ChronoUnit.DAYS.between(date(c.get("START_DATE")), date(c.get("END_DATE")))).sorted().toList();
            // the FROI: benefits credited for outcomes observed, at the LAs' placement mix (River Valley's LAs have
            // none in the sample: the targets.yml share), over the register's budget for the days live
            var badFollowUps = SteeringPackTest.Raw.badRows(expected, "follow_up");
            List<Map<String, String>> followUps = rv ? riverValley("river-valley-follow-ups.synthetic.csv", badFollowUps)
                    : SteeringPackTest.Raw.read(site[1] + "-follow-ups.synthetic.csv", badFollowUps);
            Map<String, String> register = null;
            for (var s : SteeringPackTest.Raw.read("sites.synthetic.csv", Map.of())) if (s.get("Site ID").equals(site[0])) register = s;
            double share = rv ? ((Number) CostBenefitTest.targets().get("residential_share")).doubleValue() : CostBenefitTest.residentialShare("929", "390");
            String froi = CostBenefitTest.froi(closed12.size(), CostBenefitTest.credited(closed12, edge, followUps), CostBenefitTest.budgetCost(register), share);
            // TAM-R from the fidelity generator's ground truth: [month, interviews, adherent, score_sum_e4, open, interviewed, ...]
            long[] tm = new long[5], ty = new long[3];
            for (JsonNode m : expected.get("sites").get(site[0]).get("fidelity").get("tam_site_months")) {
                YearMonth ym = YearMonth.parse(m.get(0).asText());
                if (ym.equals(MONTH)) for (int i = 0; i < 5; i++) tm[i] = m.get(i + 1).asLong();
                if (!ym.isBefore(YearMonth.from(WINDOW)) && !ym.isAfter(MONTH)) for (int i = 0; i < 3; i++) ty[i] += m.get(i + 1).asLong();
            }

            List<String> month = new ArrayList<>();
            month.add(count(inMonth.size()));
            month.add(acceptance(inMonth));
            month.add(open >= 5 ? String.format(Locale.UK, "%.1f", open / fte) : "–");
            List<String> year = new ArrayList<>();
            year.add(count(in12.size()));
            year.add(acceptance(in12));
            year.add(pct(e, closed12.size()));
            double mean = days.stream().mapToLong(Long::longValue).average().orElse(0);
            year.add(closed12.size() >= 5 ? String.valueOf(Math.round(mean)) : "–");
            for (String o : List.of("AT_HOME", "IN_EDUCATION", "NO_NEW_OFFENCE")) {
                month.add(pct(closedM.stream().filter(c -> c.get(o).equals("Y")).count(), closedM.stream().filter(c -> !c.get(o).isEmpty()).count()));
                year.add(pct(closed12.stream().filter(c -> c.get(o).equals("Y")).count(), closed12.stream().filter(c -> !c.get(o).isEmpty()).count()));
            }
            month.add(tm[0] >= 5 ? String.format(Locale.UK, "%.2f", tm[2] / 1e4 / tm[0]) : "–");
            month.add(pct(tm[1], tm[0]));
            month.add(pct(tm[4], tm[3]));
            year.add(ty[0] >= 5 ? String.format(Locale.UK, "%.2f", ty[2] / 1e4 / ty[0]) : "–");
            year.add(pct(ty[1], ty[0]));
            year.add(froi);

            String[] pair = linePair(text, site[2]);
            shownOrWithheld(site[2] + ", October 2026", month, values(pair[0], month.size()));
            shownOrWithheld(site[2] + ", 12 months", year, values(pair[1], year.size()));
        }
        // RAG against the default targets: Northern Shire's 12-month outcomes at discharge (River Valley's are not
        // shown since disclosure control hides a percentage whose complement is 1 to 4)
        assertThat(linePair(text, "Northern Shire")[1]).containsPattern("\\d+%[GAR]");
    }

    /**
     * One definition per measure: for every site of the demo, each measure on the pack's cover (its CSV's
     * cover rows) has the same printed value in the site comparison (its XLSX, read with POI) for the
     * period the cover shows; the measures in both come from reports/metrics.yml.
     */
    @Test
    void everyCoverMeasureHasTheSameValueInTheComparison() throws Exception {
        Path dir = pdf.getParent();
        Path root = Path.of(System.getProperty("user.dir"));
        org.sightline.report.Metrics metrics = org.sightline.report.Metrics.load(root.resolve("reports/metrics.yml"), root.resolve("reports/sql/measures"));
        Map<String, String> comparison = new HashMap<>();   // site|period|measure -> text
        // the cells as a spreadsheet shows them: numbers through their format, text as it is
        var shown = new org.apache.poi.ss.usermodel.DataFormatter(Locale.UK);
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(dir.resolve("site-comparison.xlsx").toFile())) {
            var sh = wb.getSheetAt(0);
            var head = sh.getRow(0);
            for (int r = 1; r <= sh.getLastRowNum(); r++) {
                var row = sh.getRow(r);
                for (int c = 6; c < head.getLastCellNum(); c++) {
                    comparison.put(row.getCell(2).getStringCellValue() + "|" + row.getCell(5).getStringCellValue() + "|" + head.getCell(c).getStringCellValue(),
                            shown.formatCellValue(row.getCell(c)));
                }
            }
        }
        int compared = 0;
        List<String> shared = new ArrayList<>();
        for (var m : metrics.measures()) if (m.cover() != null && m.comparison() != null && m.comparison().periods().contains(m.cover().period())) shared.add(m.key());
        assertThat(shared).contains("length", "acceptance", "caseload", "tam_r", "froi", "re_referrals");
        for (String site : List.of("NORTHERN_SHIRE", "RIVER_VALLEY", "METRO_CITY", "EXPANDED_CITY", "ISOLATED_COASTAL")) {
            Map<String, String> cover = new HashMap<>();
            for (String line : Files.readAllLines(dir.resolve(site + "-steering-pack.csv"), StandardCharsets.UTF_8)) {
                String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                if (f.length > 8 && f[3].equals("cover")) cover.put(f[6], f[8]);
            }
            for (String key : shared) {
                var m = metrics.measure(key);
                String inCover = cover.get(key);
                assertThat(inCover).as(site + " cover " + key).isNotNull();
                if (m.cover().suffix() != null && inCover.endsWith(m.cover().suffix())) inCover = inCover.substring(0, inCover.length() - m.cover().suffix().length());
                String inComparison = comparison.get(site + "|" + m.cover().period() + "|" + key);
                assertThat(inComparison).as(site + " comparison " + key).isNotNull();
                if (inComparison.equals("no data")) inComparison = "No data yet";
                assertThat(inCover).as(site + ", " + key + " (" + m.cover().period() + "): cover vs comparison").isEqualTo(inComparison);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(5 * shared.size());
        // Metro City October 2026: the length of treatment is the mean (not the median) on both, as the raw
        // workbook's Discharges sheet (read with POI, without its bad row) gives it
        assertThat(comparison.get("METRO_CITY|12 months|length")).isEqualTo(String.valueOf(Math.round(metroCityMeanDays())));
    }

    /** The assertions beside the staging SQL (reports/sql/staging/assertions/) return no rows on the sample lake. */
    @Test
    void theStagingAssertionsHoldOnTheSampleLake() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        Path jobs = root.resolve("jobs");
        try (var packs = new org.sightline.report.SteeringPacks(home, root.resolve("reports"), jobs,
                new org.sightline.contract.ContractLoader(jobs, LocalDate.now()).loadAll())) {
            assertThat(packs.failedAssertions(root.resolve("reports"))).isEmpty();
        }
        try (var s = Files.list(root.resolve("reports/sql/staging/assertions"))) {
            assertThat(s.count()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theAllSiteLineAddsUpTheSitesAndItsTamRMatchesTheGroundTruth() throws Exception {
        long interviews = 0, adherent = 0, score = 0, open = 0, interviewed = 0;
        for (var s : SteeringPackTest.iterable(expected.get("sites").fieldNames())) {
            for (JsonNode m : expected.get("sites").get(s).get("fidelity").get("tam_site_months")) {
                if (!m.get(0).asText().equals(MONTH.toString())) continue;
                interviews += m.get(1).asLong();
                adherent += m.get(2).asLong();
                score += m.get(3).asLong();
                open += m.get(4).asLong();
                interviewed += m.get(5).asLong();
            }
        }
        String line = null;
        for (String l : text.split("\\R")) if (l.contains("All sites · ")) line = l;
        assertThat(line).isNotNull();
        String flat = line.replaceAll("\\s+", " ");
        assertThat(flat).contains(String.format(Locale.UK, "%.2f", score / 1e4 / interviews)).contains(pct(adherent, interviews) + " " + pct(interviewed, open));
        // 12-month referrals: the sum over the five sites, each line ranked by it (the default)
        String[] all = null;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) if (lines[i].contains("All sites · ")) all = new String[]{lines[i], twelveMonths(lines, i)};
        long total = 0;
        int hiddenSites = 0;
        for (String s : List.of("Northern Shire", "Expanded City", "Isolated Coastal", "Metro City", "River Valley")) {
            String v = values(linePair(text, s)[1], 1).get(0);
            if (v.equals("<5") || v.equals("[c]")) hiddenSites++;
            else total += Long.parseLong(v.replace(",", ""));
        }
        // the sum of the sites; withheld when one site's count is hidden (<5 or [c]): the sum minus the others would give it;
        // with two or more hidden it may print (their sum is not one of them), and is then more than the shown sites'
        String allSites = values(all[1].substring(all[1].indexOf("12 mo") + 5), 1).get(0);
        if (hiddenSites == 0) assertThat(allSites).isEqualTo(count(total));
        else if (hiddenSites == 1) assertThat(allSites).isEqualTo("[c]");
        else if (!allSites.equals("[c]")) assertThat(Long.parseLong(allSites.replace(",", ""))).isGreaterThan(total);
    }

    /**
     * The XLSX holds numbers, not text: every figure the PDF prints as a number is a numeric cell whose
     * format shows the same text; suppressed figures stay text. The default ranking is on living at home
     * over 12 months (an outcome), highest first, read from those numeric cells; sites without a shown
     * value are unranked and last.
     */
    @Test
    void theXlsxHoldsTypedNumbersAndTheDefaultRankingFollowsLivingAtHome() throws Exception {
        var shown = new org.apache.poi.ss.usermodel.DataFormatter(Locale.UK);
        String csv = Files.readString(pdf.resolveSibling("site-comparison.csv"), StandardCharsets.UTF_8);
        List<String[]> csvRows = csv.lines().skip(1).map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).toList();
        int numeric = 0, text = 0;
        List<double[]> ranks = new ArrayList<>();   // rank, value
        List<String> unranked = new ArrayList<>();
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(pdf.resolveSibling("site-comparison.xlsx").toFile())) {
            var sh = wb.getSheetAt(0);
            var head = sh.getRow(0);
            int atHome = -1;
            for (int c = 0; c < head.getLastCellNum(); c++) if (head.getCell(c).getStringCellValue().equals("at_home")) atHome = c;
            assertThat(atHome).isPositive();
            for (int r = 1; r <= sh.getLastRowNum(); r++) {
                var row = sh.getRow(r);
                String[] printed = csvRows.get(r - 1);
                for (int c = 6; c < head.getLastCellNum(); c++) {
                    var cell = row.getCell(c);
                    String p = printed[c].replace("\"", "");
                    if (p.matches("£?[0-9][0-9,]*(\\.[0-9]+)?%?")) {
                        assertThat(cell.getCellType()).as(head.getCell(c) + " row " + r + " " + p).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
                        assertThat(shown.formatCellValue(cell)).as(head.getCell(c) + " row " + r).isEqualTo(p);
                        numeric++;
                    } else {
                        assertThat(cell.getCellType()).as(head.getCell(c) + " row " + r + " " + p).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                        text++;
                    }
                }
                if (row.getCell(5).getStringCellValue().equals("12 months") && !row.getCell(2).getStringCellValue().equals("ALL_SITES")) {
                    var rank = row.getCell(1);
                    var v = row.getCell(atHome);
                    if (rank.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) ranks.add(new double[]{rank.getNumericCellValue(), v.getNumericCellValue()});
                    else unranked.add(row.getCell(2).getStringCellValue() + "=" + shown.formatCellValue(v));
                }
            }
        }
        assertThat(numeric).isGreaterThan(60);
        assertThat(text).isGreaterThan(5);
        assertThat(ranks.size() + unranked.size()).isEqualTo(5);
        assertThat(ranks).isNotEmpty();
        for (int i = 0; i < ranks.size(); i++) {
            assertThat(ranks.get(i)[0]).as("ranks in table order").isEqualTo(i + 1);
            if (i > 0) assertThat(ranks.get(i)[1]).as("living at home, highest first").isLessThanOrEqualTo(ranks.get(i - 1)[1]);
        }
        for (String u : unranked) assertThat(u).as("a site without a rank has no value shown").doesNotMatch(".*=[0-9].*");
    }

    @Test
    void contextColumnsShowTheLatestOfstedOverallGradeOrSayNoData() throws Exception {
        String[] mc = linePair(text, "Metro City");
        Path truthFile = Path.of("src", "test", "resources", "sample-expected-ofsted.json");
        if (!Files.exists(truthFile)) {
            assertThat(mc[0]).contains("no data");
            return;
        }
        JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truthFile.toFile()).get("ofsted").get("lake_rows");
        // Metro City serves Birmingham (330): its latest overall grade by the month end, per the ground truth
        JsonNode latest = null;
        for (JsonNode r : rows) {
            if (!r.get("la_code").asText().equals("330") || !r.get("area").asText().equals("OVERALL")) continue;
            if (LocalDate.parse(r.get("inspection_start").asText()).isAfter(END)) continue;
            if (latest == null || r.get("inspection_start").asText().compareTo(latest.get("inspection_start").asText()) > 0) latest = r;
        }
        assertThat(latest).isNotNull();
        String grade = latest.get("grade_label").asText().replace("Requires improvement to be good", "Requires improvement");
        String inspected = LocalDate.parse(latest.get("inspection_start").asText()).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK));
        // the context line names the LA: "Birmingham: <CLA rate> · <neighbours' mean> · <grade> (<inspected>)"
        assertThat(text.replaceAll("\\s+", " ")).containsPattern("Birmingham: [^·]+ · [^·]+ · " + Pattern.quote(grade + " (" + inspected + ")"));
    }

    @Test
    void everyColouredCellsLetterIsItsValueJudgedAgainstTheDefaultTargets() {
        // the sample sites have no targets of their own (jobs/targets.yml defaults): caseload 4-6 (amber within 1),
        // days in treatment 90-150 (15), mean TAM-R >= 0.61 (0.05), outcomes >= 90% at home / 86% the others (5 points)
        Map<String, Integer> checked = new HashMap<>();
        for (String tok : text.split("\\s+")) {
            java.util.regex.Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(%?)([GAR])").matcher(tok);
            if (!m.matches()) continue;
            double v = Double.parseDouble(m.group(1));
            String letter = m.group(3), kind;
            if (!m.group(2).isEmpty()) {
                kind = "outcome";
                // which outcome column a cell is in is not in the token: it must fit one of the two benchmarks
                List<String> fits = new ArrayList<>(near(v / 100, 0.005, 0.90, null, 0.05));
                fits.addAll(near(v / 100, 0.005, 0.86, null, 0.05));
                assertThat(fits).as(tok).contains(letter);
            } else if (m.group(1).matches("\\d\\.\\d{2}")) {
                kind = "tam_r";
                assertThat(near(v, 0.005, 0.61, null, 0.05)).as(tok).contains(letter);
            } else if (m.group(1).matches("\\d+\\.\\d")) {
                kind = "caseload";
                assertThat(near(v, 0.05, 4, 6.0, 1)).as(tok).contains(letter);
            } else {
                kind = "days";
                assertThat(near(v, 0.5, 90, 150.0, 15)).as(tok).contains(letter);
            }
            checked.merge(kind, 1, Integer::sum);
        }
        assertThat(checked.keySet()).containsExactlyInAnyOrder("outcome", "tam_r", "caseload", "days");
        // fewer than the cells with a target: a percentage whose count or complement is 1-4 is not shown
        assertThat(checked.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(20);
        assertThat(text).containsPattern("\\d+%[AR]").containsPattern("\\d\\.\\d[GAR]");
    }

    /** The letters a printed value may carry: the value was rounded to print, so judge the ends of its rounding interval too. */
    private static List<String> near(double printed, double half, double min, Double max, double margin) {
        return List.of(rag(printed - half, min, max, margin), rag(printed, min, max, margin), rag(printed + half, min, max, margin));
    }

    private static String rag(double v, double min, Double max, double margin) {
        if (v >= min && (max == null || v <= max)) return "G";
        if (v >= min - margin && (max == null || v <= max + margin)) return "A";
        return "R";
    }

    @Test
    void contextColumnsShowEachLasLatestClaRateAndItsNeighboursMean() throws Exception {
        Path truthFile = Path.of("src", "test", "resources", "sample-expected-lac.json");
        JsonNode rates = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truthFile.toFile())
                .get("dfe").get("rate_per_10000_looked_after_on_31_march");
        Map<String, List<String>> neighbours = new java.util.HashMap<>();
        for (Map<String, String> la : LacLakeTest.dataRows(Path.of("sample-data", "la-reference.synthetic.csv"))) {
            if (!la.get("Statistical neighbours").isEmpty()) neighbours.put(la.get("LA code"), List.of(la.get("Statistical neighbours").split(",\\s*")));
        }
        // Northern Shire serves Gateshead (390) and Northumberland (929): their 2025 rates, then their neighbours' means
        List<String> own = new ArrayList<>(), means = new ArrayList<>();
        for (String la : List.of("390", "929")) {
            own.add(rates.get(la).get("2025").asText());
            double sum = 0;
            int n = 0;
            for (String nb : neighbours.get(la)) {
                String v = rates.get(nb).get("2025").asText();
                if (v.matches("\\d+")) {
                    sum += Double.parseDouble(v);
                    n++;
                }
            }
            long down = (long) Math.floor(sum / n), up = (long) Math.ceil(sum / n);
            means.add(Math.abs(sum / n - down - 0.5) < 1e-9 ? "(" + down + "|" + up + ")" : String.valueOf(Math.round(sum / n)));
        }
        // one context line per LA, the LA named (Gateshead, then Northumberland, as cla_rate.sql orders them)
        String flat = text.replaceAll("[ \\t]+", " ");
        assertThat(flat).containsPattern("Gateshead: " + Pattern.quote(own.get(0)) + " · " + means.get(0) + " · ")
                .containsPattern("Northumberland: " + Pattern.quote(own.get(1)) + " · " + means.get(1) + " · ");
        // the exports name the LA of each value in columns of their own, the rates as numbers
        String csv = Files.readString(pdf.resolveSibling("site-comparison.csv"), StandardCharsets.UTF_8);
        String header = csv.lines().findFirst().orElseThrow();
        assertThat(header).endsWith("la_1,la_1_cla_rate_per_10000,la_1_neighbours_mean,la_1_ofsted_overall,"
                + "la_2,la_2_cla_rate_per_10000,la_2_neighbours_mean,la_2_ofsted_overall");
        String ns = csv.lines().filter(l -> l.contains(",NORTHERN_SHIRE,") && l.contains(",month,")).findFirst().orElseThrow();
        assertThat(ns).containsPattern(",Gateshead," + Pattern.quote(own.get(0)) + ",[0-9]+,[^,]*,Northumberland," + Pattern.quote(own.get(1)) + ",");
    }

    @Test
    void csvHoldsTheSamePrintedFiguresAndNoIdentifiers() throws Exception {
        String csv = Files.readString(pdf.resolveSibling("site-comparison.csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("month,rank,site_id,site,note,period,referrals,referrals_rag,");
        assertThat(csv.lines().count()).isEqualTo(1 + 2 * 6);
        assertThat(csv).contains("2026-10,,ALL_SITES,All sites,5 sites,month,");
        assertThat(csv).doesNotContain("NS-REF-").doesNotContain("NS-P-").doesNotContain("-T0");
        assertThat(text).doesNotContain("NS-REF-").doesNotContain("NS-P-").doesNotContain("-T0");
    }

    @Test
    void rankByAndSitesChooseTheSitesAndTheOrderAndBadValuesAreUsageErrors() throws Exception {
        Path out = tmp.resolve("two");
        Cli.Result r = Cli.run("report", "comparison", "--home", home.toString(), "--month", "2026-10", "--sites", "METRO_CITY,RIVER_VALLEY",
                "--rank-by", "tam_r", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String t = pdfText(out.resolve("site-comparison.pdf"));
        assertThat(t).contains("2 sites, ranked on TAM-R mean (12 months), highest first").contains("All sites · 2 sites")
                .doesNotContain("Northern Shire");
        assertThat(t.replaceAll("\\s+", " ")).as("the footnote's threshold and benchmarks are jobs/targets.yml's")
                .contains("The threshold for adherence is a TAM-R score of 0.61; the MST outcome benchmarks are 90% at home, 86% in school or working, 86% no new offence");
        // a site's own threshold is named in the footnote
        Path jobs = tmp.resolve("jobs-own-threshold");
        copy(Path.of("jobs"), jobs);
        Files.writeString(jobs.resolve("targets.yml"), Files.readString(jobs.resolve("targets.yml"))
                .replace("sites: {}", "sites:\n  METRO_CITY:\n    targets:\n      adherence: {min: 0.7}"));
        Path own = tmp.resolve("own-threshold");
        Cli.Result o = Cli.run("report", "comparison", "--home", home.toString(), "--jobs", jobs.toString(), "--month", "2026-10",
                "--sites", "METRO_CITY,RIVER_VALLEY", "--out", own.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(pdfText(own.resolve("site-comparison.pdf")).replaceAll("\\s+", " ")).contains("a TAM-R score of 0.61 (Metro City 0.70);");
        assertThat(Cli.run("report", "comparison", "--home", home.toString(), "--month", "2026-10", "--rank-by", "shoe_size").exit()).isEqualTo(2);
        assertThat(Cli.run("report", "comparison", "--home", home.toString(), "--month", "2026-10", "--sites", "NOWHERE").exit()).isEqualTo(2);
        assertThat(Cli.run("report", "comparison", "--home", home.toString(), "--month", "Oct").exit()).isEqualTo(2);
    }

    @Test
    void sixtyGeneratedSitesBreakAcrossPagesWithTheHeaderOnEveryPage() throws Exception {
        int n = 60;
        // the same generator the benchmark's steering-pack run uses
        var gen = GeneratedSites.write(Path.of("jobs"), Path.of("sample-data"), tmp.resolve("jobs150"), tmp.resolve("in150"), n, END);
        Path jobs = gen.jobs();
        Path in = gen.input();
        Path h = tmp.resolve("home150");
        // the templates compiled by the demo's run (a first run on a new home compiles them once, ~20 s)
        copy(home.resolve("cache"), h.resolve("cache"));
        Cli.Result ing = Cli.run("ingest", "--home", h.toString(), "--jobs", jobs.toString(), in.toString());
        assertThat(ing.exit()).as(ing.out() + ing.err()).isZero();
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("report", "comparison", "--home", h.toString(), "--jobs", jobs.toString(), "--month", "2026-10");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        // every site's disclosure plan is worked out (about a second a site alone; README, Disclosure control)
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for " + n + " sites").isLessThan(300);
        Path p = h.resolve("reports").resolve("2026-10").resolve("site-comparison.pdf");
        String t = pdfText(p);
        String[] pages = t.split("\f");
        List<String> tablePages = java.util.Arrays.stream(pages).filter(pg -> pg.contains("Period")).toList();
        assertThat(tablePages.size()).as("table pages").isGreaterThanOrEqualTo(2);
        for (String pg : tablePages) {
            // the header and the all-site line repeat on every page; no site is split across pages
            assertThat(pg).contains("MST site comparison · October 2026").contains("Referrals").contains("All sites · " + n + " sites");
            long first = pg.lines().filter(l -> l.contains("Generated site")).count();
            long second = pg.lines().filter(l -> l.matches(".*\\b12 mo\\b.*")).count() - 1;   // minus the all-site line
            assertThat(second).as("site lines on a page: name lines and 12-month lines").isEqualTo(first);
        }
        for (int s = 1; s <= n; s++) assertThat(t).contains(String.format("Generated site %03d", s));
        assertThat(t).contains("closed 30 Jun 2026");
        // chart pages: 25 sites each
        assertThat(java.util.Arrays.stream(pages).filter(pg -> pg.contains("Across sites (")).count()).isEqualTo((n + 24) / 25);
        run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", p.toString(), tmp.resolve("page60").toString());
        assertThat(Files.size(tmp.resolve("page60.png"))).isGreaterThan(10_000);
        String csv = Files.readString(p.resolveSibling("site-comparison.csv"));
        assertThat(csv.lines().count()).isEqualTo(1 + 2 * (n + 1));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Each printed value is the raw files' figure, or withheld by disclosure control: a count as [c], a
     * percentage or mean of a withheld count as –; at most two of a line (the sample's small numbers).
     */
    static void shownOrWithheld(String what, List<String> expected, List<String> printed) {
        assertThat(printed).as(what).hasSameSizeAs(expected);
        int withheld = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (printed.get(i).equals(expected.get(i))) continue;
            assertThat(printed.get(i)).as(what + " #" + i + " (raw " + expected.get(i) + ")").isIn("[c]", "–");
            withheld++;
        }
        assertThat(withheld).as(what + ": withheld").isLessThanOrEqualTo(2);
    }

    static String acceptance(List<Map<String, String>> refs) {
        long a = refs.stream().filter(r -> SteeringPackTest.decidedBy(r, "ACCEPTED")).count();
        long d = refs.stream().filter(r -> SteeringPackTest.decidedBy(r, "DECLINED")).count();
        return pct(a, a + d);
    }

    /** The site's two lines in the PDF text: the month's (with its name) and the 12-month one after it. */
    static String[] linePair(String text, String site) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains(site) && lines[i].contains("Oct 26")) {
                String year = twelveMonths(lines, i);
                return new String[]{lines[i].substring(lines[i].indexOf("Oct 26") + 6), year.substring(year.indexOf("12 mo") + 5)};
            }
        }
        throw new AssertionError("no line for " + site + " in\n" + text);
    }

    /** The site's 12-month line: the first line after its month line with "12 mo" (a long context cell may wrap between them). */
    static String twelveMonths(String[] lines, int i) {
        for (int k = i + 1; k < lines.length; k++) if (lines[k].contains("12 mo")) return lines[k];
        throw new AssertionError("no 12-month line after " + lines[i]);
    }

    /** The first n printed values of a line, without their RAG letter. */
    static List<String> values(String line, int n) {
        List<String> out = new ArrayList<>();
        for (String tok : line.trim().split("\\s+")) {
            if (out.size() == n) break;
            out.add(tok.replaceFirst("(?<=[0-9%])[GAR]$", ""));
        }
        return out;
    }

    /**
     * River Valley's raw sample CSV (Windows-1252, semicolons, d/m/yy dates, its own headers) in the
     * keys Northern Shire's files use; without the title line, blank and Total rows, and the bad rows.
     */
    static List<Map<String, String>> riverValley(String file, Map<String, java.util.Set<Integer>> bad) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("sample-data", file), java.nio.charset.Charset.forName("windows-1252"));
        List<String> header = List.of(lines.get(1).split(";", -1));
        java.util.Set<Integer> skip = bad.getOrDefault(file, java.util.Set.of());
        Map<String, String> keys = Map.ofEntries(Map.entry("Ref. No.", "REFERRAL_REF"), Map.entry("Case No", "CASE_REF"),
                Map.entry("Date received", "REFERRAL_DATE"), Map.entry("Edge of care", "EDGE_OF_CARE"), Map.entry("Panel outcome", "DECISION"),
                Map.entry("Panel date", "DECISION_DATE"), Map.entry("Date started", "START_DATE"), Map.entry("Date closed", "END_DATE"),
                Map.entry("Living at home", "AT_HOME"), Map.entry("In school or working", "IN_EDUCATION"), Map.entry("No offending", "NO_NEW_OFFENCE"),
                Map.entry("Months since discharge", "MONTHS"), Map.entry("Date of follow up", "FOLLOW_UP_DATE"), Map.entry("Looked after", "ENTERED_CARE"));
        java.time.format.DateTimeFormatter dmy = java.time.format.DateTimeFormatter.ofPattern("d/M/yy");
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.replace(";", "").isBlank() || l.startsWith("Total") || skip.contains(i + 1)) continue;
            String[] cells = l.split(";", -1);
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String k = keys.get(header.get(c));
                if (k == null) continue;
                String v = c < cells.length ? cells[c].trim() : "";
                if (k.endsWith("_DATE") && !v.isEmpty()) v = LocalDate.parse(v, dmy).toString();
                else if (v.equals("Yes")) v = "Y";
                else if (v.equals("No")) v = "N";
                else if (k.equals("DECISION")) v = v.toUpperCase(Locale.ROOT);
                m.put(k, v);
            }
            if (m.containsKey("REFERRAL_REF")) m.put("CASE_START_DATE", m.getOrDefault("START_DATE", ""));
            out.add(m);
        }
        return out;
    }

    /** Mean days from Date Opened to Date Closed of Metro City's discharges in the 12 months to October 2026, from the raw XLSX. */
    static double metroCityMeanDays() throws Exception {
        String file = "metro-city-referral-log.synthetic.xlsx";
        java.util.Set<Integer> bad = new java.util.HashSet<>();
        for (JsonNode b : expected.get("datasets").get("case_closure").get("bad_rows")) {
            if (b.get("file").asText().equals(file) && b.get("sheet").asText().equals("Discharges")) bad.add(b.get("row").asInt());
        }
        List<Long> days = new ArrayList<>();
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(Path.of("sample-data", file).toFile(), null, true)) {
            var sh = wb.getSheet("Discharges");
            int header = -1, opened = -1, closed = -1;
            for (int r = 0; r <= sh.getLastRowNum() && header < 0; r++) {
                var row = sh.getRow(r);
                if (row == null) continue;
                for (var c : row) {
                    if (c.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING) continue;
                    if (c.getStringCellValue().equals("Date Opened")) { header = r; opened = c.getColumnIndex(); }
                    if (c.getStringCellValue().equals("Date Closed")) closed = c.getColumnIndex();
                }
            }
            for (int r = header + 1; r <= sh.getLastRowNum(); r++) {
                var row = sh.getRow(r);
                if (row == null || bad.contains(r + 1) || row.getCell(opened) == null
                        || row.getCell(opened).getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC) continue;
                LocalDate start = row.getCell(opened).getLocalDateTimeCellValue().toLocalDate();
                LocalDate end = row.getCell(closed).getLocalDateTimeCellValue().toLocalDate();
                if (within(end, WINDOW, END)) days.add(ChronoUnit.DAYS.between(start, end));
            }
        }
        assertThat(days).hasSizeGreaterThan(40);
        return days.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
