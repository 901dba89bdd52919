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
     * Northern Shire (Gateshead 390 and Northumberland 929; only Gateshead's returns carry its young people):
     * groups, follow-up bases, care entry within 12 months and days in care worked out from the raw files.
     */
    @Test
    void northernShiresComparisonIsWhatTheRawFilesSay() throws Exception {
        assertThat(demo.exit()).as(demo.err()).isZero();
        SteeringPackTest.Raw ns = SteeringPackTest.Raw.northernShire(expected);
        Care care = Care.read(Path.of("sample-data/care-records/ssda903-390-episodes.synthetic.csv"), END);
        // each young person's first edge-of-care referral in the period the records cover
        Map<String, Map<String, String>> first = new LinkedHashMap<>();
        ns.referrals.stream()
                .filter(r -> r.get("EDGE_OF_CARE").equals("Y"))
                .filter(r -> !date(r.get("REFERRAL_DATE")).isBefore(care.from) && !date(r.get("REFERRAL_DATE")).isAfter(END))
                .sorted(Comparator.comparing((Map<String, String> r) -> date(r.get("REFERRAL_DATE"))).thenComparing(r -> r.get("REFERRAL_REF")))
                .forEach(r -> first.putIfAbsent(r.get("PERSON_ID").toUpperCase(Locale.ROOT).replace(" ", ""), r));
        Map<String, long[]> groups = new HashMap<>();   // young people, followed 12 months, entered within 12, days in care
        for (Map.Entry<String, Map<String, String>> e : first.entrySet()) {
            Map<String, String> r = e.getValue();
            LocalDate referred = date(r.get("REFERRAL_DATE"));
            LocalDate start = date(r.get("CASE_START_DATE"));
            LocalDate decided = r.get("DECISION_DATE").isEmpty() ? referred : date(r.get("DECISION_DATE"));
            String group;
            if (start != null && !start.isAfter(END)) group = "Received MST";
            else if (Set.of("DECLINED", "WITHDRAWN").contains(r.get("DECISION")) && !decided.isAfter(END)) group = "Referred, not served";
            else if (r.get("DECISION").equals("ACCEPTED") && !decided.plusDays(56).isAfter(END)) group = "Referred, not served";
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
        Map<Integer, Map<String, String>> shownGroups = printed("NORTHERN_SHIRE", "bau_groups");
        Map<Integer, Map<String, String>> shownOutcomes = printed("NORTHERN_SHIRE", "bau_outcomes");
        int row = 1;
        for (String group : List.of("Received MST", "Referred, not served")) {
            long[] g = groups.get(group);
            assertThat(g).as(group).isNotNull();
            assertThat(g[0]).as(group + ": a group of a real size").isGreaterThanOrEqualTo(5);
            assertThat(shownGroups.get(row).get("young_people")).as(group).isEqualTo(count(g[0]));
            Map<String, String> o = shownOutcomes.get(row);
            assertThat(o.get("grp")).isEqualTo(group);
            assertThat(o.get("followed_12")).as(group).isEqualTo(count(g[1]));
            assertThat(o.get("entered_12")).as(group).isEqualTo(share(g[2], g[1]));
            assertThat(o.get("days_in_care")).as(group).isEqualTo(g[1] < 5 ? "–" : fmt("0", (double) g[3] / g[1]));
            row++;
        }
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
                out.computeIfAbsent(f[header.indexOf("CHILD")].toUpperCase(Locale.ROOT), k -> new ArrayList<>())
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
