package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly steering-group pack, end to end: the demo ingests sample-data/ and renders one pack per
 * site for the latest month; the PDF text (pdftotext) is checked against figures this test works out
 * itself from the raw sample files (Northern Shire's CSVs, less the rows the ground truth lists as
 * bad), never from the lake.
 */
class SteeringPackTest {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final LocalDate END = MONTH.atEndOfMonth();
    static final LocalDate WINDOW = MONTH.minusMonths(11).atDay(1);

    @TempDir
    static Path tmp;
    static Path home;
    static Cli.Result demo;
    static JsonNode expected;
    static Path dir;

    @BeforeAll
    static void runDemo() throws Exception {
        home = tmp.resolve("home");
        expected = Expected.load();
        demo = Cli.run("demo", "--home", home.toString());
        dir = home.resolve("reports").resolve(MONTH.toString());
    }

    /**
     * Data quality on the cover: a tile whose measure reads a dataset with rows rejected in the site's
     * files is flagged with the number of rows, counted here from the rejects reports themselves (distinct
     * rows of the site's files, read with DuckDB); a tile reading only clean datasets carries no flag.
     */
    @Test
    void aTileReadingADatasetWithRejectedRowsIsFlaggedWithTheirCount() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        int flagged = 0;
        for (String site : List.of("NORTHERN_SHIRE", "METRO_CITY", "RIVER_VALLEY")) {
            String prefix = site.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            Map<String, String> cover = new java.util.HashMap<>();
            for (String line : Files.readAllLines(dir.resolve(site + "-steering-pack.csv"), StandardCharsets.UTF_8)) {
                String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                if (f.length > 8 && f[3].equals("cover")) cover.put(f[6], f[8].replace("\"", ""));
            }
            // the datasets each measure's query reads, from its -- requires: line
            var metrics = org.sightline.report.Metrics.load(Path.of("reports/metrics.yml"), Path.of("reports/sql/measures"));
            for (String key : List.of("caseload", "tam_r", "referrals")) {
                List<String> datasets = metrics.queries().get(metrics.measure(key).query()).requires();
                long rows = 0;
                try (var db = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = db.createStatement()) {
                    for (String dataset : datasets) {
                        Path folder = home.resolve("rejects").resolve(dataset);
                        if (!Files.isDirectory(folder)) continue;
                        try (var files = Files.list(folder)) {
                            for (Path csv : files.filter(x -> x.getFileName().toString().startsWith(prefix) && x.toString().endsWith(".rejects.csv")).toList()) {
                                try (var rs = st.executeQuery("SELECT count(DISTINCT (coalesce(sheet, ''), \"row\")) FROM read_csv('" + csv
                                        + "', header = true, all_varchar = true)")) {
                                    rs.next();
                                    rows += rs.getLong(1);
                                }
                            }
                        }
                    }
                }
                String check = cover.get(key + "_data_check");
                if (rows == 0) {
                    assertThat(check).as(site + " " + key).isNull();
                } else {
                    assertThat(check).as(site + " " + key).isNotNull().startsWith("Check: " + rows + (rows == 1 ? " row" : " rows") + " rejected in ");
                    flagged++;
                }
            }
        }
        assertThat(flagged).as("the sample's bad rows flag some tiles").isPositive();
        // the flag is printed on the cover
        String nsCover = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf")).split("\f")[0];
        assertThat(nsCover.replaceAll("\\s+", " ")).contains("rejected in");
    }

    @Test
    void theDemoLeavesOnePackPerSampleSiteForTheLatestMonthAndSaysWhere() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Steering packs: " + dir);
        for (var s : iterable(expected.get("sites").fieldNames())) {
            Path pdf = dir.resolve(s + "-steering-pack.pdf");
            assertThat(pdf).exists();
            assertThat(dir.resolve(s + "-steering-pack.csv")).exists();
            assertThat(dir.resolve(s + "-steering-pack.xlsx")).exists();
            String text = pdfText(pdf);
            String name = switch (s) {
                case "NORTHERN_SHIRE" -> "Northern Shire";
                case "RIVER_VALLEY" -> "River Valley";
                case "METRO_CITY" -> "Metro City";
                case "EXPANDED_CITY" -> "Expanded City";
                default -> "Isolated Coastal";
            };
            // the sections in order, and site, month, snapshot and page x of y on every page
            assertThat(text).containsSubsequence("MST steering-group pack · October 2026", "Referrals", "From referral to start",
                    "Cases, caseload and closures", "Outcomes at discharge and after", "Fidelity to the MST model", "Local context",
                    "Cost-benefit estimate", "Data quality", "Definitions");
            String[] pages = text.split("\f");
            int n = (int) java.util.Arrays.stream(pages).filter(p -> !p.isBlank()).count();
            for (int i = 0; i < n; i++) {
                assertThat(pages[i]).as(s + " page " + (i + 1))
                        .contains(name + " · MST steering-group pack · October 2026")
                        .containsPattern("Data snapshot v\\d+-[0-9a-f]{8}")
                        .containsPattern("generated \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d")
                        .contains("Page " + (i + 1) + " of " + n);
            }
        }
    }

    @Test
    void keyFiguresMatchWhatTheRawSampleFilesSay() throws Exception {
        Raw ns = Raw.northernShire(expected);
        // the parse agrees with the generator's own totals
        JsonNode truth = expected.get("sites").get("NORTHERN_SHIRE");
        assertThat(ns.referrals).hasSize(truth.get("referrals").asInt());
        assertThat(ns.closures).hasSize(truth.get("closures").asInt());
        assertThat(ns.followUps).hasSize(truth.get("follow_ups").asInt());

        String text = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf"));
        String flat = text.replaceAll("[ \\t]+", " ");

        // referrals: this month and last 12 months, and the acceptance funnel
        List<Map<String, String>> inMonth = ns.referrals.stream().filter(r -> YearMonth.from(date(r.get("REFERRAL_DATE"))).equals(MONTH)).toList();
        List<Map<String, String>> in12 = ns.referrals.stream().filter(r -> within(date(r.get("REFERRAL_DATE")), WINDOW, END)).toList();
        long accepted12 = in12.stream().filter(r -> decidedBy(r, "ACCEPTED")).count();
        long declined12 = in12.stream().filter(r -> decidedBy(r, "DECLINED")).count();
        // the 12 months' received may be withheld ([c], its share then not shown) so that the funnel's <5s cannot be worked out
        assertThat(line(text, "Received")).matches("Received " + orWithheld(count(inMonth.size())) + " (" + q(count(in12.size())) + " 100%|\\[c\\] –)");
        // a 12-month count may be withheld ([c]) by disclosure control, and a share of it then not shown (–); the pack's
        // disclosure check (DisclosureAuditTest) says why; what is printed must be the raw files' figure
        String acceptedLine = line(text, "Accepted");
        assertThat(acceptedLine).matches("Accepted " + orWithheld(count(inMonth.stream().filter(r -> decidedBy(r, "ACCEPTED")).count()))
                + " (" + q(count(accepted12)) + " " + q(pct(accepted12, in12.size())) + "|\\[c\\] –)");
        assertThat(line(text, "Declined")).matches("Declined " + orWithheld(count(inMonth.stream().filter(r -> decidedBy(r, "DECLINED")).count())) + " (" + q(count(declined12)) + "|\\[c\\]) .*");
        // cover tiles
        // the cover's acceptance is of the panel decisions: not shown when the accepted or the decided count is withheld
        String decidedLine = line(text, "Panel decided");
        if (!acceptedLine.contains("[c]") && decidedLine != null && !decidedLine.contains("[c]")) {
            assertThat(flat).contains(pct(accepted12, accepted12 + declined12));
        }
        assertThat(flat).containsPattern("of (" + q(count(accepted12 + declined12)) + "|\\[c\\]) panel decisions, 12 months");
        assertThat(flat).containsPattern("(" + q(count(in12.size())) + "|\\[c\\]) in the last 12 months");

        // open cases and caseload at month end
        Map<String, LocalDate[]> cases = new HashMap<>();
        for (var r : ns.referrals) {
            if (r.get("DECISION").equals("ACCEPTED") && !r.get("CASE_START_DATE").isEmpty())
                cases.put(r.get("REFERRAL_REF"), new LocalDate[]{date(r.get("CASE_START_DATE")), null});
        }
        for (var c : ns.closures) cases.put(c.get("CASE_REF"), new LocalDate[]{date(c.get("START_DATE")), date(c.get("END_DATE"))});
        long open = cases.values().stream().filter(d -> !d[0].isAfter(END) && (d[1] == null || d[1].isAfter(END))).count();
        shownOrWithheld(line(text, "Open cases at month end"), "Open cases at month end " + count(open));
        double fte = ns.therapistsFte;
        String caseload = open >= 5 ? String.format(Locale.UK, "%.1f", open / fte) : "–";
        shownOrWithheld(line(text, "Open cases per therapist FTE"), "Open cases per therapist FTE " + caseload);

        // closures in the last 12 months: length of treatment and ultimate outcomes at discharge
        List<Map<String, String>> closed12 = ns.closures.stream().filter(c -> within(date(c.get("END_DATE")), WINDOW, END)).toList();
        double meanDays = closed12.stream().mapToLong(c -> ChronoUnit.DAYS.between(date(c.get("START_DATE")), date(c.get("END_DATE")))).average().orElse(0);
        shownOrWithheld(line(text, "Closures"), "Closures " + count(closed12.size()));
        shownOrWithheld(line(text, "Mean days"), "Mean days " + (closed12.size() >= 5 ? String.valueOf(Math.round(meanDays)) : "–"));
        List<Map<String, String>> closedInMonth = closed12.stream().filter(c -> YearMonth.from(date(c.get("END_DATE"))).equals(MONTH)).toList();
        String[][] outcomes = {{"Living at home", "AT_HOME", "90%"}, {"In school or working", "IN_EDUCATION", "86%"}, {"No new offence", "NO_NEW_OFFENCE", "86%"}};
        for (String[] o : outcomes) {
            long yes12 = closed12.stream().filter(c -> c.get(o[1]).equals("Y")).count();
            long base12 = closed12.stream().filter(c -> !c.get(o[1]).isEmpty()).count();
            long yesM = closedInMonth.stream().filter(c -> c.get(o[1]).equals("Y")).count();
            long baseM = closedInMonth.stream().filter(c -> !c.get(o[1]).isEmpty()).count();
            String printed = line(text, o[0]);
            shownOrWithheld(printed, o[0] + " " + pct(yesM, baseM) + " " + count(baseM) + " "
                    + pct(yes12, base12) + " " + count(base12) + " " + o[2]);
            if (base12 >= 5 && printed.contains(pct(yes12, base12))) assertThat(flat).contains(pct(yes12, base12));
        }

        // follow-ups recorded by the month end
        for (int months : new int[]{6, 12}) {
            long n = ns.followUps.stream().filter(f -> f.get("MONTHS").equals(String.valueOf(months)) && !date(f.get("FOLLOW_UP_DATE")).isAfter(END)).count();
            assertThat(line(text, months + " months")).startsWith(months + " months " + count(n));
        }

        // cost-benefit: edge of care from the case's referral; a case credited only for an outcome observed (edge of
        // care: at home at discharge and, once a follow-up is due, the latest one due recorded as not in care; other
        // cases: at home with no new offence); delivery cost the register's budget (live all year) over the cases
        Map<String, Boolean> edge = new HashMap<>();
        for (var r : ns.referrals) edge.put(r.get("REFERRAL_REF"), r.get("EDGE_OF_CARE").equals("Y"));
        long[] credited = CostBenefitTest.credited(closed12, edge, ns.followUps);
        long e = credited[0], eCredited = credited[1], oCredited = credited[2];
        long other = closed12.size() - e;
        shownOrWithheld(line(text, "Edge of care"), "Edge of care " + count(e));
        shownOrWithheld(line(text, "Edge of care, outcome observed: credited"), "Edge of care, outcome observed: credited " + count(eCredited));
        shownOrWithheld(line(text, "Edge of care, not credited"), "Edge of care, not credited " + count(e - eCredited));
        shownOrWithheld(line(text, "Other cases, at home with no new offence: credited"), "Other cases, at home with no new offence: credited " + count(oCredited));
        shownOrWithheld(line(text, "Other cases, not credited"), "Other cases, not credited " + count(other - oCredited));
        double cost = 270000.0;   // sites.synthetic.csv: Northern Shire's annual budget, live all year
        assertThat(line(text, "Delivery cost per case closed")).isEqualTo("Delivery cost per case closed £" + String.format(Locale.UK, "%,d", Math.round(cost / closed12.size())));
        // a week in care at Northumberland's and Gateshead's placement mix on 31 March 2025 (DfE sample)
        String froi = CostBenefitTest.froi(closed12.size(), credited, cost, CostBenefitTest.residentialShare("929", "390"));
        shownOrWithheld(line(text, "FROI, central"), "FROI, central " + froi);
        assertThat(text).contains("£10,558").contains("£52,032").contains("£8,976");

        // the CSV beside the PDF holds the same printed figures
        String csv = Files.readString(dir.resolve("NORTHERN_SHIRE-steering-pack.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("NORTHERN_SHIRE,2026-10,").contains(",length_of_treatment,").contains(",mean_days,Mean days," + Math.round(meanDays));
    }

    @Test
    void fidelityFiguresMatchTheFidelityGroundTruth() throws Exception {
        // the fidelity generator's ground truth per site and month:
        // [month, interviews, adherent, score_sum_e4, open_cases, cases_interviewed, ...]
        JsonNode months = expected.get("sites").get("NORTHERN_SHIRE").get("fidelity").get("tam_site_months");
        JsonNode oct = null;
        for (JsonNode m : months) if (m.get(0).asText().equals(MONTH.toString())) oct = m;
        assertThat(oct).as("ground truth for " + MONTH).isNotNull();
        long interviews = oct.get(1).asLong(), adherent = oct.get(2).asLong(), open = oct.get(4).asLong(), interviewed = oct.get(5).asLong();
        double mean = oct.get(3).asDouble() / 1e4 / interviews;
        String text = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf"));
        assertThat(line(text, "Interviews this month")).isEqualTo("Interviews this month " + count(interviews));
        assertThat(line(text, "Mean TAM-R this month")).isEqualTo("Mean TAM-R this month " + (interviews >= 5 ? String.format(Locale.UK, "%.2f", mean) : "–"));
        assertThat(line(text, "At or above threshold")).isEqualTo("At or above threshold " + pct(adherent, interviews));
        assertThat(line(text, "Cases open in the month")).isEqualTo("Cases open in the month " + count(open));
        assertThat(line(text, "Collection rate")).isEqualTo("Collection rate " + pct(interviewed, open));
        // the cover tile judges the mean against the 0.61 threshold
        assertThat(text.replaceAll("[ \\t]+", " ")).contains("mean of " + count(interviews) + " interviews this month");
    }

    @Test
    void contextShowsEachLasPublishedClaRatesWhenTheLacSampleIsLoaded() throws Exception {
        Path truthFile = Path.of("src", "test", "resources", "sample-expected-lac.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(truthFile), "the LAC sample (issue 4) is not in this checkout");
        JsonNode rates = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truthFile.toFile())
                .get("dfe").get("rate_per_10000_looked_after_on_31_march");
        String text = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf"));   // serves Gateshead (390) and Northumberland (929)
        for (String[] la : new String[][]{{"390", "Gateshead"}, {"929", "Northumberland"}}) {
            List<String> years = new ArrayList<>();
            rates.get(la[0]).fieldNames().forEachRemaining(years::add);
            java.util.Collections.sort(years);
            List<String> last5 = years.subList(Math.max(0, years.size() - 5), years.size());
            StringBuilder row = new StringBuilder(la[1]);
            for (String y : last5) {
                String v = rates.get(la[0]).get(y).asText();
                if (v.matches("\\d+")) row.append(' ').append(v);   // a suppressed figure (x, [x]) prints blank
            }
            assertThat(line(text, la[1])).as(la[1]).isEqualTo(row.toString());
            assertThat(text).contains(la[1] + ": statistical neighbours");
        }
        assertThat(line(text, "England")).isNotNull();
    }

    @Test
    void contextShowsEachLasLatestOfstedJudgementsWhenTheOfstedSampleIsLoaded() throws Exception {
        Path truthFile = Path.of("src", "test", "resources", "sample-expected-ofsted.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(truthFile), "the Ofsted sample (issue 5) is not in this checkout");
        JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(truthFile.toFile()).get("ofsted").get("lake_rows");
        // Metro City serves Birmingham (330): the latest inspection's overall grade, per the ground truth
        JsonNode latest = null;
        for (JsonNode r : rows) {
            if (!r.get("la_code").asText().equals("330") || !r.get("area").asText().equals("OVERALL")) continue;
            if (LocalDate.parse(r.get("inspection_start").asText()).isAfter(END)) continue;
            if (latest == null || r.get("inspection_start").asText().compareTo(latest.get("inspection_start").asText()) > 0) latest = r;
        }
        assertThat(latest).isNotNull();
        String text = pdfText(dir.resolve("METRO_CITY-steering-pack.pdf"));
        String inspected = LocalDate.parse(latest.get("inspection_start").asText()).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK));
        assertThat(text.replaceAll("[ \\t]+", " ")).contains("Birmingham Overall effectiveness " + latest.get("grade_label").asText() + " " + inspected);
    }

    @Test
    void theDataQualityPageListsTheMonthsReturnsAsStatusJudgesThemAndWhyRowsWereRejected() throws Exception {
        // the demo dates the sample's files as arriving on the 2nd working day of November: October's returns, on time
        String text = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf"));
        String page = java.util.Arrays.stream(text.split("\f")).filter(p -> p.contains("Returns received for this month")).findFirst().orElseThrow();
        String arrived = "3 Nov 2026";   // Monday 2 November 2026 is the 1st working day, Tuesday the 2nd
        assertThat(text).contains("All on time");
        JsonNode ns = expected.get("sites").get("NORTHERN_SHIRE");
        Map<String, String[]> want = new java.util.LinkedHashMap<>();   // label -> {dataset, site count key}
        want.put("MST referrals", new String[]{"referral", "referrals"});
        want.put("MST case closures", new String[]{"case_closure", "closures"});
        want.put("MST follow-up outcomes", new String[]{"follow_up", "follow_ups"});
        long rejectedTotal = 0;
        for (var e : want.entrySet()) {
            long bad = 0;
            for (JsonNode b : expected.get("datasets").get(e.getValue()[0]).get("bad_rows")) if (b.get("file").asText().startsWith("northern-shire")) bad++;
            rejectedTotal += bad;
            String l = line(page.replaceAll("(?m)^(MST [a-z -]+?)\\s{2,}", "$1 "), e.getKey());
            assertThat(l).as(e.getKey()).isNotNull()
                    .startsWith(e.getKey() + " 1 " + arrived + " " + count(ns.get(e.getValue()[1]).asLong()) + " " + String.format(Locale.UK, "%,d", bad) + " ").endsWith(" On time");   // rows, not children: not suppressed
        }
        assertThat(rejectedTotal).as("the Northern Shire sample has bad rows").isPositive();
        // the top reasons name the column and the rule, for the rows the site's files had rejected
        assertThat(page).contains("Why rows were rejected");
        for (JsonNode b : expected.get("datasets").get("referral").get("bad_rows")) {
            if (b.get("file").asText().startsWith("northern-shire")) assertThat(page).contains(b.get("column").asText());
        }
    }

    @Test
    void countsOfOneToFourPrintAsLessThanFiveAndNoPercentageIsPrintedOverFewerThanFiveCases() throws Exception {
        String text = pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf"));
        assertThat(text).contains("<5");
        // every "This month" discharge percentage is over this month's closures, which are fewer than 5
        for (String o : List.of("Living at home", "In school or working", "No new offence")) {
            assertThat(line(text, o)).as(o).matches(Pattern.quote(o) + " – (<5|0) .*");
        }
        // no table cell holds a bare count of 1 to 4: the count columns of these tables print <5
        for (String label : List.of("Received", "Panel decided", "Accepted", "Declined", "Withdrawn", "Cases started this month",
                "Cases closed this month", "Cases open more than a year", "Moved away")) {
            String l = line(text, label);
            if (l == null) continue;
            assertThat(l.substring(label.length())).as(label).doesNotContainPattern("(^| )[1-4]( |$)");
        }
    }

    @Test
    void noPseudonymNameOrDateOfBirthAppearsInAnyPdf() throws Exception {
        List<String> texts = new ArrayList<>();
        for (var s : iterable(expected.get("sites").fieldNames())) texts.add(pdfText(dir.resolve(s + "-steering-pack.pdf")));
        String all = String.join("\n", texts);
        for (var s : iterable(expected.get("sites").elements())) {
            JsonNode p = s.get("privacy");
            for (String list : List.of("identifiers", "names", "dates_of_birth", "dates_of_birth_iso", "postcodes")) {
                if (p.get(list) == null) continue;
                for (JsonNode v : p.get(list)) {
                    assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(v.asText()) + "(?![\\w-])").matcher(all).find())
                            .as(list + " " + v.asText()).isFalse();
                }
            }
        }
        Set<String> pseudonyms = new HashSet<>();
        for (String sql : List.of("select referral_key from referral", "select young_person_key from referral",
                "select case_key from case_closure", "select therapist_key from case_closure where therapist_key is not null",
                "select case_key from follow_up")) {
            for (List<Object> r : Lakes.rows(home, sql)) pseudonyms.add(String.valueOf(r.get(0)));
        }
        assertThat(pseudonyms).hasSizeGreaterThan(300);
        for (String p : pseudonyms) {
            assertThat(all).as("pseudonym").doesNotContain(p);
            assertThat(all).doesNotContain(p.substring(0, Math.min(12, p.length())));
        }
    }

    @Test
    void fontsAreEmbedded() throws Exception {
        for (var s : iterable(expected.get("sites").fieldNames())) {
            String fonts = run("pdffonts", dir.resolve(s + "-steering-pack.pdf").toString());
            List<String> rows = fonts.lines().skip(2).filter(l -> !l.isBlank()).toList();
            assertThat(rows).as(s).isNotEmpty();
            for (String row : rows) {
                assertThat(row).as(s).contains("DejaVu");
                // columns: name type encoding emb sub uni object ID
                assertThat(row).as(s + ": embedded").matches(".*\\s(yes)\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$");
            }
        }
    }

    @Test
    void aMonthWithNoDataSaysSoPlainlyInsteadOfPrintingZeros() throws Exception {
        Path out = tmp.resolve("early");
        Cli.Result r = Cli.run("report", "steering", "--home", home.toString(), "--site", "NORTHERN_SHIRE", "--month", "2015-01", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String text = pdfText(out.resolve("NORTHERN_SHIRE-steering-pack.pdf"));
        assertThat(text).contains("No data for January 2015: this site's referral data starts in Nov 2024.")
                .contains("No data for January 2015: this site's case closure data starts in")
                .contains("No data yet");
        assertThat(line(text, "Received")).isNull();
        assertThat(line(text, "Open cases at month end")).isNull();
        assertThat(text).contains("No data for January 2015: this site's TAM-R fidelity data starts in");
    }

    @Test
    void unknownSiteOrBadMonthIsAUsageError() {
        assertThat(Cli.run("report", "steering", "--home", home.toString(), "--site", "NOWHERE", "--month", "2026-10").exit()).isEqualTo(2);
        assertThat(Cli.run("report", "steering", "--home", home.toString(), "--site", "METRO_CITY", "--month", "October").exit()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    /** The printed form of a count: 1 to 4 as <5. */
    static String count(long n) {
        return n > 0 && n < 5 ? "<5" : String.format(Locale.UK, "%,d", n);
    }

    /** The printed form of a percentage: not printed over fewer than 5 cases, or made of a count of 1 to 4, or with 1 to 4 left over. */
    static String pct(long yes, long base) {
        if (base < 5 || (yes > 0 && yes < 5) || (base - yes > 0 && base - yes < 5)) return "–";
        return Math.round(100.0 * yes / base) + "%";
    }

    /**
     * A printed line is the expected one, value by value, except where disclosure control withheld a value
     * ({@code [c]} for a count, {@code –} for a share or mean over one); a {@code <5} stays {@code <5}.
     */
    static void shownOrWithheld(String printed, String expected) {
        assertThat(printed).as(expected).isNotNull();
        String[] p = printed.split(" "), e = expected.split(" ");
        assertThat(p.length).as(printed + " vs " + expected).isEqualTo(e.length);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(e[i])) continue;
            assertThat(p[i]).as(printed + " vs " + expected).isIn("[c]", "–");
            assertThat(e[i]).as(printed + " vs " + expected).isNotEqualTo("<5");
        }
    }

    /** A pattern for a printed count: the figure, or [c] when disclosure control withheld it (a <5 stays <5). */
    static String orWithheld(String printed) {
        return printed.equals("<5") ? q(printed) : "(" + q(printed) + "|\\[c\\])";
    }

    static String q(String s) {
        return Pattern.quote(s);
    }

    static boolean decidedBy(Map<String, String> r, String decision) {
        return r.get("DECISION").equals(decision) && !r.get("DECISION_DATE").isEmpty() && !date(r.get("DECISION_DATE")).isAfter(END);
    }

    static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    static LocalDate date(String s) {
        return LocalDate.parse(s);
    }

    /** The first table line of the PDF text: the label, then values (spaces collapsed); or null. */
    static String line(String text, String label) {
        for (String l : text.split("\\R")) {
            String t = l.trim().replaceAll("\\s+", " ");
            if (t.startsWith(label + " ") && t.substring(label.length() + 1).matches("[0-9<–£\\[-].*")) return t;
        }
        return null;
    }

    static String pdfText(Path pdf) throws Exception {
        return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }

    /** Northern Shire's raw sample CSVs, without the title line, blank and Total rows, and the bad rows. */
    static final class Raw {
        List<Map<String, String>> referrals, closures, followUps;
        double therapistsFte;

        static Raw northernShire(JsonNode expected) throws IOException {
            Raw r = new Raw();
            r.referrals = read("northern-shire-referrals.synthetic.csv", badRows(expected, "referral"));
            r.closures = read("northern-shire-closures.synthetic.csv", badRows(expected, "case_closure"));
            r.followUps = read("northern-shire-follow-ups.synthetic.csv", badRows(expected, "follow_up"));
            for (Map<String, String> s : read("sites.synthetic.csv", Map.of())) {
                if (s.get("Site ID").equals("NORTHERN_SHIRE")) r.therapistsFte = Double.parseDouble(s.get("Therapists (FTE)"));
            }
            return r;
        }

        static Map<String, Set<Integer>> badRows(JsonNode expected, String dataset) {
            Map<String, Set<Integer>> out = new HashMap<>();
            for (JsonNode b : expected.get("datasets").get(dataset).get("bad_rows")) {
                out.computeIfAbsent(b.get("file").asText(), k -> new HashSet<>()).add(b.get("row").asInt());
            }
            return out;
        }

        static List<Map<String, String>> read(String file, Map<String, Set<Integer>> bad) throws IOException {
            List<String> lines = Files.readAllLines(Path.of("sample-data", file), StandardCharsets.UTF_8);
            List<String> header = split(lines.get(1).replace("\uFEFF", ""));
            Set<Integer> skip = bad.getOrDefault(file, Set.of());
            List<Map<String, String>> out = new ArrayList<>();
            for (int i = 2; i < lines.size(); i++) {
                int row = i + 1;
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("Total") || skip.contains(row)) continue;
                List<String> cells = split(l);
                Map<String, String> m = new HashMap<>();
                for (int c = 0; c < header.size(); c++) m.put(header.get(c), c < cells.size() ? cells.get(c).trim() : "");
                out.add(m);
            }
            return out;
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|([^,]*)").matcher(line);
            int pos = 0;
            while (pos <= line.length() && m.find(pos)) {
                out.add(m.group(1) != null ? m.group(1) : m.group(2));
                pos = m.end() + 1;
            }
            return out;
        }
    }
}
