package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business-as-usual page and the link to the LAs' care records, end to end on the demo: the sample's
 * SSDA903 returns (sample-data/care-records/) carry the LA child IDs of some referred young people. The
 * expected figures are worked out here from the raw CSVs (Northern Shire's referral log, Gateshead's
 * episodes), with this test's own reading of the page's definitions, and compared with what the pack
 * prints (its CSV export is the PDF's figures, cell for cell) and with the PDF text.
 */
class BusinessAsUsualTest {

    static final YearMonth MONTH = SteeringPackTest.MONTH;
    static final LocalDate END = MONTH.atEndOfMonth();
    static final List<String> SITES = List.of("EXPANDED_CITY", "ISOLATED_COASTAL", "METRO_CITY", "NORTHERN_SHIRE", "RIVER_VALLEY");
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

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

    /** The printed cells of one figure of a site's pack: row number -> column -> text, from the pack's CSV. */
    static Map<Integer, Map<String, String>> printed(String site, String figure) throws Exception {
        Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(site + "-steering-pack.csv"), StandardCharsets.UTF_8)) {
            List<String> f = SteeringPackTest.Raw.split(line);
            if (f.size() < 9 || !f.get(3).equals(figure)) continue;
            out.computeIfAbsent(Integer.parseInt(f.get(5)), k -> new LinkedHashMap<>()).put(f.get(6), f.get(8));
        }
        return out;
    }

    @Test
    void everyDemoPackHasTheComparisonWithBothGroupsAndCareRecordFigures() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        for (String site : SITES) {
            String text = SteeringPackTest.pdfText(dir.resolve(site + "-steering-pack.pdf"));
            assertThat(text).as(site).contains("Compared with business as usual").contains("These groups were not randomised");
            Map<Integer, Map<String, String>> groups = printed(site, "bau_groups");
            assertThat(groups).as(site).hasSize(2);
            assertThat(groups.get(1).get("grp")).isEqualTo("Received MST");
            assertThat(groups.get(2).get("grp")).isEqualTo("Referred, not served");
            for (Map<String, String> g : groups.values()) assertThat(g.get("young_people")).as(site + " " + g).matches("[1-9][0-9]*|<5");
            // care entry from the linked records: a share entering care, or days in care, printed for each group
            for (Map<String, String> o : printed(site, "bau_outcomes").values()) {
                boolean shown = o.get("days_in_care").matches("\\d+")
                        || List.of("entered_6", "entered_12", "entered_18").stream().anyMatch(k -> o.get(k).matches("\\d+%"));
                assertThat(shown).as(site + " " + o).isTrue();
            }
            assertThat(printed(site, "bau_la_reference")).as(site + ": the LAs' adolescent care entries").isNotEmpty();
        }
    }

    /**
     * Northern Shire (Gateshead 390 and Northumberland 929; only Gateshead's returns carry its young people)
     * and Metro City (Birmingham 330; a numeric ID in the log, zero-padded in the return): groups, follow-up
     * bases, care entry within 12 months and days in care worked out from the raw files.
     */
    @Test
    void theComparisonIsWhatTheRawFilesSay() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        List<Ref> ns = new ArrayList<>();
        for (Map<String, String> r : SteeringPackTest.Raw.northernShire(expected).referrals) {
            ns.add(new Ref(r.get("PERSON_ID"), r.get("REFERRAL_REF"), date(r.get("REFERRAL_DATE")), r.get("EDGE_OF_CARE").equals("Y"),
                    r.get("DECISION"), date(r.get("DECISION_DATE")), date(r.get("CASE_START_DATE"))));
        }
        assertPrinted("NORTHERN_SHIRE", groups(ns, Care.read(Path.of("sample-data/care-records/ssda903-390-episodes.synthetic.csv"), END)));
        Map<String, long[]> mc = groups(metroCityReferrals(), Care.read(Path.of("sample-data/care-records/ssda903-330-episodes.synthetic.csv"), END));
        assertPrinted("METRO_CITY", mc);
        assertThat(mc.get("Received MST")[1]).as("Metro City: enough young people followed for 12 months to print shares").isGreaterThanOrEqualTo(20);
    }

    /**
     * The cover answers the steering group's two questions in words, with the figures the pack prints elsewhere:
     * Metro City's care entry after MST against the comparison group (the business-as-usual page's shares, which
     * the raw files give above) and its central FROI with the low and high (the cost-benefit page's); Northern
     * Shire's comparison is too small to show and says so.
     */
    @Test
    void theCoverSaysWhetherItIsWorkingAndWorthItWithThePagesFigures() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        Map<Integer, Map<String, String>> o = printed("METRO_CITY", "bau_outcomes");
        Map<String, String> cost = printed("METRO_CITY", "cost_benefit").get(1);
        assertThat(o.get(1).get("entered_12")).matches("\\d+%");
        assertThat(o.get(2).get("entered_12")).matches("\\d+%");
        assertThat(cost.get("froi")).matches("\\d+\\.\\d");
        String cover = SteeringPackTest.pdfText(dir.resolve("METRO_CITY-steering-pack.pdf")).split("\f")[0].replaceAll("\\s+", " ");
        assertThat(cover).contains("Is it working? " + o.get(1).get("entered_12") + " of edge-of-care young people who had MST entered care within 12 months of referral; "
                + o.get(2).get("entered_12") + " of those referred but not served");
        assertThat(cover).contains("Is it worth it? £" + cost.get("froi") + " of estimated benefit per £1 spent on the cases closed in 12 months (£"
                + cost.get("froi_low") + " to £" + cost.get("froi_high") + " on the low and high assumptions");
        String ns = SteeringPackTest.pdfText(dir.resolve("NORTHERN_SHIRE-steering-pack.pdf")).split("\f")[0].replaceAll("\\s+", " ");
        assertThat(printed("NORTHERN_SHIRE", "bau_outcomes").get(2).get("entered_12")).isEqualTo("–");
        assertThat(ns).contains("Is it working? Too few young people are followed in the LAs' care records yet");
    }

    /** A raw referral: the young person's ID as written, the referral's, its dates, edge of care and decision (canonical). */
    record Ref(String person, String key, LocalDate referred, boolean edge, String decision, LocalDate decided, LocalDate start) {}

    /** By group: young people, followed for 12 months, entered care within 12 months, days in care in the 12 months. */
    static Map<String, long[]> groups(List<Ref> refs, Care care) {
        // each young person's first edge-of-care referral in the period the records cover
        Map<String, Ref> first = new LinkedHashMap<>();
        refs.stream()
                .filter(r -> r.edge() && !r.referred().isBefore(care.from) && !r.referred().isAfter(END))
                .sorted(Comparator.comparing(Ref::referred).thenComparing(Ref::key))
                .forEach(r -> first.putIfAbsent(childId(r.person()), r));
        Map<String, long[]> groups = new HashMap<>();
        for (Map.Entry<String, Ref> e : first.entrySet()) {
            Ref r = e.getValue();
            LocalDate referred = r.referred();
            LocalDate decided = r.decided() == null ? referred : r.decided();
            String group;
            if (r.start() != null && !r.start().isAfter(END)) group = "Received MST";
            else if (Set.of("DECLINED", "WITHDRAWN").contains(r.decision()) && !decided.isAfter(END)) group = "Referred, not served";
            else if ("ACCEPTED".equals(r.decision()) && !decided.plusDays(56).isAfter(END)) group = "Referred, not served";
            else continue;
            long[] g = groups.computeIfAbsent(group, k -> new long[4]);
            g[0]++;
            List<LocalDate[]> eps = care.episodes.getOrDefault(e.getKey(), List.of());
            boolean inCareAtReferral = eps.stream().anyMatch(x -> !x[0].isAfter(referred) && (x[1] == null || x[1].isAfter(referred)));
            LocalDate yearOn = referred.plusMonths(12);
            if (inCareAtReferral || yearOn.isAfter(care.to)) continue;
            g[1]++;
            if (eps.stream().anyMatch(x -> x[2] != null && x[0].isAfter(referred) && !x[0].isAfter(yearOn))) g[2]++;
            for (LocalDate[] x : eps) {
                LocalDate a = x[0].isAfter(referred) ? x[0] : referred;
                LocalDate b = x[1] == null ? care.to : x[1];
                if (b.isAfter(yearOn)) b = yearOn;
                g[3] += Math.max(0, ChronoUnit.DAYS.between(a, b));
            }
        }
        return groups;
    }

    static void assertPrinted(String site, Map<String, long[]> groups) throws Exception {
        Map<Integer, Map<String, String>> shownGroups = printed(site, "bau_groups");
        Map<Integer, Map<String, String>> shownOutcomes = printed(site, "bau_outcomes");
        int row = 1;
        for (String group : List.of("Received MST", "Referred, not served")) {
            long[] g = groups.get(group);
            assertThat(g).as(site + " " + group).isNotNull();
            assertThat(g[0]).as(site + " " + group + ": a group of a real size").isGreaterThanOrEqualTo(5);
            assertThat(shownGroups.get(row).get("young_people")).as(site + " " + group).isEqualTo(count(g[0]));
            Map<String, String> o = shownOutcomes.get(row);
            assertThat(o.get("grp")).isEqualTo(group);
            assertThat(o.get("followed_12")).as(site + " " + group).isEqualTo(count(g[1]));
            assertThat(o.get("entered_12")).as(site + " " + group).isEqualTo(share(g[2], g[1]));
            assertThat(o.get("days_in_care")).as(site + " " + group).isEqualTo(g[1] < 5 ? "–" : fmt("0", (double) g[3] / g[1]));
            row++;
        }
    }

    /** Metro City's referral log (XLSX, IDs as numbers, 1/0, its own spellings), less the rows the ground truth lists as bad. */
    static List<Ref> metroCityReferrals() throws Exception {
        String file = "metro-city-referral-log.synthetic.xlsx", sheet = "Referrals 2024-26";
        Set<Integer> bad = new HashSet<>();
        for (JsonNode b : expected.get("datasets").get("referral").get("bad_rows")) {
            if (b.get("file").asText().equals(file) && b.get("sheet").asText().equals(sheet)) bad.add(b.get("row").asInt());
        }
        Map<String, String> decisions = Map.of("Accepted", "ACCEPTED", "Not accepted", "DECLINED", "Withdrawn", "WITHDRAWN", "Awaiting panel", "PENDING");
        List<Ref> out = new ArrayList<>();
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(Path.of("sample-data", file).toFile(), null, true)) {
            var sh = wb.getSheet(sheet);
            Map<String, Integer> col = new HashMap<>();
            int header = -1;
            for (int r = 0; r <= sh.getLastRowNum() && header < 0; r++) {
                var row = sh.getRow(r);
                if (row == null) continue;
                for (var c : row) {
                    if (c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) col.put(c.getStringCellValue(), c.getColumnIndex());
                }
                if (col.containsKey("Mosaic ID")) header = r;
                else col.clear();
            }
            for (int r = header + 1; r <= sh.getLastRowNum(); r++) {
                var row = sh.getRow(r);
                if (row == null || bad.contains(r + 1)) continue;
                var id = row.getCell(col.get("Mosaic ID"));
                var referred = row.getCell(col.get("Referral Date"));
                if (id == null || id.getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC
                        || referred == null || referred.getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC) continue;
                out.add(new Ref(String.valueOf((long) id.getNumericCellValue()), row.getCell(col.get("Referral Number")).getStringCellValue(),
                        cellDate(row.getCell(col.get("Referral Date"))), cellText(row.getCell(col.get("Edge of Care"))).equals("1"),
                        decisions.get(cellText(row.getCell(col.get("Status")))), cellDate(row.getCell(col.get("Decision Date"))),
                        cellDate(row.getCell(col.get("MST Start Date")))));
            }
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out;
    }

    static LocalDate cellDate(org.apache.poi.ss.usermodel.Cell c) {
        return c == null || c.getCellType() != org.apache.poi.ss.usermodel.CellType.NUMERIC ? null : c.getLocalDateTimeCellValue().toLocalDate();
    }

    static String cellText(org.apache.poi.ss.usermodel.Cell c) {
        return c == null ? "" : new org.apache.poi.ss.usermodel.DataFormatter(Locale.UK).formatCellValue(c).trim();
    }

    /** This test's reading of the LA child ID rule: no white space, upper case, an all-digit ID without leading zeros. */
    static String childId(String raw) {
        String id = raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return id.matches("\\d+") ? String.valueOf(Long.parseLong(id)) : id;
    }

    /**
     * The link: Metro City's log gives the LA's ID as a number, Birmingham's return writes it zero-padded to ten
     * digits; the one normalisation joins them. Every young person of the return who is not one of the LA's other
     * children (IDs L330...) is a referred young person, so "found in the care records" is their number, counted
     * from the raw return; the link rate is printed on the data-quality page.
     */
    @Test
    void theLinkIsOnTheNormalisedLaChildIdAndItsRateIsOnTheDataQualityPage() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        Set<String> referred = new HashSet<>();
        List<String> lines = Files.readAllLines(Path.of("sample-data/care-records/ssda903-330-episodes.synthetic.csv"), StandardCharsets.UTF_8);
        for (String l : lines.subList(2, lines.size())) {
            String child = l.split(",", -1)[1];
            if (!child.startsWith("L330")) {
                assertThat(child).as("the return writes the ID zero-padded").matches("00\\d{8}");
                referred.add(child);
            }
        }
        Map<String, String> link = printed("METRO_CITY", "care_link").get(1);
        assertThat(link.get("las")).isEqualTo("330");
        assertThat(link.get("found")).isEqualTo(count(referred.size()));
        assertThat(referred.size()).isGreaterThanOrEqualTo(20);
        assertThat(link.get("link_rate")).matches("\\d+%");
        String text = SteeringPackTest.pdfText(dir.resolve("METRO_CITY-steering-pack.pdf"));
        assertThat(text).contains("Referrals linked to the LAs' care records (SSDA903)").contains("(link rate)");
        // no raw child ID reaches the pack, its exports or the lake's text
        String csv = Files.readString(dir.resolve("METRO_CITY-steering-pack.csv"), StandardCharsets.UTF_8);
        for (String id : referred) {
            assertThat(text).doesNotContain(id).doesNotContain(id.replaceFirst("^0+", ""));
            assertThat(csv).doesNotContain(id).doesNotContain(id.replaceFirst("^0+", ""));
        }
        assertThat(Lakes.count(home, "SELECT count(*) FROM lac_episode WHERE child_key LIKE '00%' AND length(child_key) = 10")).isZero();
    }

    /** An LA's episodes, each once (the latest year's row), by normalised CHILD: {DECOM, DEC or null, DECOM when RNE is S}. */
    record Care(Map<String, List<LocalDate[]>> episodes, LocalDate from, LocalDate to) {
        static Care read(Path file, LocalDate monthEnd) throws Exception {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(1).split(","));
            Map<String, String[]> latest = new LinkedHashMap<>();
            int minYear = Integer.MAX_VALUE, maxYear = 0;
            for (String l : lines.subList(2, lines.size())) {
                String[] f = l.split(",", -1);
                int year = Integer.parseInt(f[header.indexOf("YEAR")]);
                minYear = Math.min(minYear, year);
                maxYear = Math.max(maxYear, year);
                String key = f[header.indexOf("CHILD")] + "|" + f[header.indexOf("DECOM")];
                String[] old = latest.get(key);
                if (old == null || Integer.parseInt(old[header.indexOf("YEAR")]) < year) latest.put(key, f);
            }
            LocalDate to = LocalDate.of(maxYear, 3, 31).isAfter(monthEnd) ? monthEnd : LocalDate.of(maxYear, 3, 31);
            Map<String, List<LocalDate[]>> out = new HashMap<>();
            for (String[] f : latest.values()) {
                LocalDate decom = LocalDate.parse(f[header.indexOf("DECOM")], DMY);
                if (decom.isAfter(to)) continue;
                String dec = f[header.indexOf("DEC")];
                out.computeIfAbsent(childId(f[header.indexOf("CHILD")]), k -> new ArrayList<>())
                        .add(new LocalDate[]{decom, dec.isEmpty() ? null : LocalDate.parse(dec, DMY), f[header.indexOf("RNE")].equals("S") ? decom : null});
            }
            return new Care(out, LocalDate.of(minYear - 1, 4, 1), to);
        }
    }

    static LocalDate date(String s) {
        return s == null || s.isEmpty() ? null : LocalDate.parse(s);
    }

    static String count(long n) {
        return n > 0 && n < 5 ? "<5" : String.valueOf(n);
    }

    /** A share as the pack prints it: not shown when the base is under 5 or the count or the rest is 1 to 4. */
    static String share(long n, long base) {
        if (base < 5 || (n > 0 && n < 5) || (base - n > 0 && base - n < 5)) return "–";
        return fmt("0%", (double) n / base);
    }

    static String fmt(String pattern, double d) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(d);
    }
}
