package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.sample.LacSampleGenerator;

/**
 * Looked-after-children statistics end to end: sample-data/lac/ (two DfE tables, one SSDA903 return)
 * and the LA reference ingested through the real job into real Parquet, read back by a real DuckDB.
 * Expected values are computed here from the raw sample files (not from the lake), with the
 * generator's ground truth ({@code sample-expected-lac.json}) naming the rows made bad on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LacLakeTest {

    static final Path SAMPLE = Path.of("sample-data");
    static final Path LAC = SAMPLE.resolve(LacSampleGenerator.DIR);
    static final Path RATES = LAC.resolve(LacSampleGenerator.RATES_FILE);
    static final Path PLACEMENTS = LAC.resolve(LacSampleGenerator.PLACEMENTS_FILE);
    static final Path EPISODES = LAC.resolve(LacSampleGenerator.EPISODES_FILE);
    static final Path HEADER = LAC.resolve(LacSampleGenerator.HEADER_FILE);
    static final Path LA_REFERENCE = SAMPLE.resolve("la-reference.synthetic.csv");
    static final Path SQL = Path.of("reports", "sql", "lac");
    static final Set<String> SYMBOLS = Set.of("c", "x", "z", "u", "low", ":", "[c]", "[x]", "[z]", "[u]", "[low]");
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @TempDir
    static Path tmp;
    static Path home;
    static JsonNode truth;
    static Cli.Result first;

    @BeforeAll
    static void ingest() throws Exception {
        home = tmp.resolve("home");
        truth = new ObjectMapper().readTree(Path.of("src", "test", "resources", "sample-expected-lac.json").toFile());
        // the LAC folder first: load_after loads la_reference first, and the episodes before the header
        first = Cli.run("ingest", "--home", home.toString(), LAC.toString(), LA_REFERENCE.toString());
    }

    // ------------------------------------------------------------------ DfE tables

    @Test
    @Order(1)
    void everySampleFileLoadsInTheRightOrder() {
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        String out = first.out();
        assertThat(out.indexOf("-> la_reference")).isPositive().isLessThan(out.indexOf("-> lac_episode"));
        assertThat(out.indexOf("-> lac_episode")).isLessThan(out.indexOf("-> lac_child"));
        assertThat(out).contains(LacSampleGenerator.RATES_FILE + " -> lac_statistic")
                .contains(LacSampleGenerator.PLACEMENTS_FILE + " -> lac_statistic");
    }

    @Test
    void everyPublishedFigureLandsWithItsValueAndLevel() throws Exception {
        for (Path file : List.of(RATES, PLACEMENTS)) {
            List<Map<String, String>> raw = dataRows(file);
            String[] indicators = file.equals(RATES) ? new String[]{"number", "rate_per_10000"} : new String[]{"number", "percentage"};
            String filter2 = file.equals(RATES) ? "characteristic" : "placement_type";
            Map<String, Object[]> lake = new HashMap<>();
            String source = file.getFileName().toString().replace(".synthetic.csv", "");
            for (List<Object> r : Lakes.rows(home, "select geographic_level, area_code, period_end::VARCHAR, measure, breakdown, value, suppression"
                    + " from lac_statistic where source = '" + source + "'")) {
                lake.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4), new Object[]{r.get(5), r.get(6)});
            }
            int cells = 0;
            for (Map<String, String> row : raw) {
                String level = switch (row.get("geographic_level")) {
                    case "National" -> "NATIONAL";
                    case "Regional" -> "REGIONAL";
                    default -> "LOCAL_AUTHORITY";
                };
                String area = switch (level) {
                    case "NATIONAL" -> row.get("country_code");
                    case "REGIONAL" -> row.get("region_code");
                    default -> row.get("old_la_code");
                };
                String tp = row.get("time_period");
                int endYear = tp.length() == 6 ? Integer.parseInt(tp.substring(0, 4)) + 1 : Integer.parseInt(tp);
                String end = LocalDate.of(endYear, 3, 31).toString();
                String breakdown = row.get("cla_group") + " | " + row.get(filter2);
                for (String ind : indicators) {
                    String v = row.get(ind);
                    if (v.isEmpty()) continue;
                    cells++;
                    // the headline totals land under their canonical names (jobs/codes/dfe.yml), with no breakdown
                    String measure = ind, b = breakdown;
                    if (file.equals(RATES) && row.get(filter2).equals("Total")) {
                        measure = canonical(row.get("cla_group")) + (ind.equals("rate_per_10000") ? "_rate_per_10000" : "");
                        b = "";
                    }
                    Object[] got = lake.get(level + "|" + area + "|" + end + "|" + measure + "|" + b);
                    assertThat(got).as(file.getFileName() + " " + level + " " + area + " " + tp + " " + ind).isNotNull();
                    if (SYMBOLS.contains(v)) {
                        assertThat(got[0]).as("a suppressed cell is no value").isNull();
                        assertThat(got[1]).isEqualTo(v);
                    } else {
                        assertThat(((Number) got[0]).doubleValue()).isEqualTo(Double.parseDouble(v.replace(",", "")));
                        assertThat(got[1]).isNull();
                    }
                }
            }
            assertThat(lake).as("lake rows of " + file.getFileName() + ": one per non-blank indicator cell").hasSize(cells);
        }
        assertThat(Lakes.count(home, "select count(distinct geographic_level) from lac_statistic")).isEqualTo(3);
    }

    @Test
    void suppressedCellsLoadEmptyWithTheirSymbolAndNeverAsZero() throws Exception {
        // the symbols the raw file holds, counted independently
        Map<String, Integer> symbols = new TreeMap<>();
        for (Map<String, String> row : dataRows(RATES)) {
            for (String ind : List.of("number", "rate_per_10000")) if (SYMBOLS.contains(row.get(ind))) symbols.merge(row.get(ind), 1, Integer::sum);
        }
        assertThat(symbols.keySet()).contains("c", "x", "z", "low", "u", ":", "[c]", "[x]");
        Map<String, Integer> lake = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home, "select suppression, count(*) from lac_statistic where suppression is not null"
                + " and source = 'dfe-cla-on-31-march-starts-ceased' group by 1")) lake.put((String) r.get(0), ((Number) r.get(1)).intValue());
        assertThat(lake).isEqualTo(symbols);
        assertThat(Lakes.count(home, "select count(*) from lac_statistic where suppression is not null and value is not null")).isZero();
        assertThat(Lakes.count(home, "select count(*) from lac_statistic where value = 0")).as("no suppressed cell became 0").isZero();
        // the ground truth's suppressed cells, one by one
        for (JsonNode s : truth.get("dfe").get("suppressed")) {
            String measure = switch (s.get(2).asText()) {
                case "started" -> "cla_started";
                case "ceased" -> "cla_ceased";
                case "rate_per_10000" -> "cla_on_31_march_rate_per_10000";
                default -> "cla_on_31_march";
            };
            List<List<Object>> r = Lakes.rows(home, "select value, suppression from lac_statistic where area_code = '" + s.get(0).asText()
                    + "' and time_period = '" + s.get(1).asText() + "' and measure = '" + measure + "' and breakdown = ''");
            assertThat(r).as(s.toString()).containsExactly(java.util.Arrays.asList(null, s.get(3).asText()));
        }
    }

    @Test
    void aDfeTableWithColumnsNeverSeenBeforeLoadsWithoutCodeChanges() throws Exception {
        Path h = tmp.resolve("new-table");
        Path f = tmp.resolve("care_leavers_in_touch_2025.csv");
        Files.writeString(f, String.join("\n",
                "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,"
                        + "age_band,accommodation_suitable,number_in_touch,median_days_in_care,share_of_care_leavers",
                "202425,Financial year,National,E92000001,England,,,,,,19 to 21,Suitable,\"41,230\",512.5,88.1",
                "202425,Financial year,Local authority,E92000001,England,E12000001,North East,929,E06000057,Northumberland,19 to 21,Suitable,233,498,[low]",
                "2024,Calendar year,Local authority,E92000001,England,E12000001,North East,929,E06000057,Northumberland,17,Not suitable,c,n/a,7.5",
                "202425,Financial year,Local authority,E92000001,England,E12000001,North East,929,E06000057,Northumberland,19 to 21,Not suitable,12 people,5,1.5",
                "202425,Financial year,Local authority,E92000001,England,E12000001,North East,929,E06000057,Northumberland,21 to 24,Suitable,57,-,z",
                ""), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<List<Object>> rows = Lakes.rows(h, "select area_code, period_end::VARCHAR, measure, breakdown, breakdown_by, value, unit, suppression"
                + " from lac_statistic order by area_code, period_end, measure, breakdown");
        assertThat(rows).contains(
                java.util.Arrays.asList("929", "2025-03-31", "median_days_in_care", "19 to 21 | Suitable", "age_band | accommodation_suitable", 498.0, "value", null),
                java.util.Arrays.asList("929", "2025-03-31", "number_in_touch", "19 to 21 | Suitable", "age_band | accommodation_suitable", 233.0, "number", null),
                java.util.Arrays.asList("E92000001", "2025-03-31", "number_in_touch", "19 to 21 | Suitable", "age_band | accommodation_suitable", 41230.0, "number", null));
        assertThat(rows).contains(java.util.Arrays.asList("929", "2025-03-31", "share_of_care_leavers", "19 to 21 | Suitable",
                        "age_band | accommodation_suitable", null, "value", "[low]"),
                // a calendar year ends on 31 December; an age band of "17" is still a filter (the column holds words too)
                java.util.Arrays.asList("929", "2024-12-31", "number_in_touch", "17 | Not suitable", "age_band | accommodation_suitable", null, "number", "c"),
                java.util.Arrays.asList("929", "2025-03-31", "share_of_care_leavers", "21 to 24 | Suitable", "age_band | accommodation_suitable", null, "value", "z"));
        // 'n/a' and '-' publish nothing: no row, not a zero
        assertThat(Lakes.count(h, "select count(*) from lac_statistic where measure = 'median_days_in_care'")).isEqualTo(2);
        // the run summary says how each column was read
        StringBuilder summaries = new StringBuilder();
        try (Stream<Path> s = Files.list(h.resolve("runs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) summaries.append(Files.readString(p));
        }
        assertThat(summaries.toString()).contains("filters age_band, accommodation_suitable; indicators number_in_touch, median_days_in_care, share_of_care_leavers");
        // a word in a figures column is a row error naming that column, not a zero and not a new filter
        String rejects = rejectsText(h, "lac_statistic");
        assertThat(rejects).contains("number_in_touch (column M)").contains("'12 people' is not a number");
        assertThat(r.out()).contains("1 rows rejected");
    }

    @Test
    void rateAgainstNeighboursAndEnglandEqualsWhatTheRawFilesSay() throws Exception {
        Map<String, List<String>> neighbours = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Map<String, String> la : dataRows(LA_REFERENCE)) {
            if (la.get("LA code") == null || la.get("LA code").isEmpty()) continue;
            neighbours.put(la.get("LA code"), la.get("Statistical neighbours").isEmpty() ? List.of() : List.of(la.get("Statistical neighbours").split(",\\s*")));
            names.put(la.get("LA code"), la.get("LA name"));
        }
        Map<String, Map<Integer, Double>> rate = publishedRates();
        Map<Integer, Double> england = rate.get("E92000001");
        for (String la : List.of("929", "390", "921")) {
            List<List<Object>> got = Lakes.rows(home, "SET VARIABLE la_code = '" + la + "'; "
                    + Files.readString(SQL.resolve("cla_rate_vs_neighbours.sql")));
            // every year the raw file gives the LA a rate cell (a figure or a symbol)
            List<Integer> years = new ArrayList<>(new java.util.TreeSet<>(rateYears(la)));
            assertThat(got).as(la).hasSize(years.size());
            int year = years.get(0);
            for (List<Object> r : got) {
                assertThat(r.get(2)).isEqualTo(String.valueOf(year));
                assertThat(r.get(1)).isEqualTo(names.get(la));
                Double mine = rate.getOrDefault(la, Map.of()).get(year);
                assertThat(r.get(4) == null ? null : ((Number) r.get(4)).doubleValue()).as(la + " " + year).isEqualTo(mine);
                double sum = 0;
                int n = 0;
                for (String nb : neighbours.get(la)) {
                    Double v = rate.getOrDefault(nb, Map.of()).get(year);
                    if (v != null) {
                        sum += v;
                        n++;
                    }
                }
                assertThat(((Number) r.get(6)).doubleValue()).as(la + " neighbours " + year).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(((Number) r.get(7)).intValue()).isEqualTo(n);
                assertThat(((Number) r.get(9)).doubleValue()).isEqualTo(england.get(year));
                year++;
            }
        }
        // Gateshead's 2022 rate was suppressed (x): it prints empty with its symbol, and Northumberland's
        // neighbour mean for 2022 is over the nine neighbours that have a rate
        assertThat(Lakes.rows(home, "SET VARIABLE la_code = '390'; " + Files.readString(SQL.resolve("cla_rate_vs_neighbours.sql")))
                .stream().filter(r -> r.get(2).equals("2022")).findFirst().orElseThrow().subList(4, 6)).isEqualTo(java.util.Arrays.asList(null, "x"));
    }

    @Test
    void aRetiredNeighbourCountsAsItsSuccessorsOnlyWhenTheLookupSaysSo() throws Exception {
        Path h = tmp.resolve("successors");
        Path lookup = tmp.resolve("la-lookup.csv");
        // a lookup as they really come: BOM, CRLF, a blank line, region as a code or a name, neighbours in one cell
        Files.writeString(lookup, "\uFEFFLA code,GSS code,LA name,Region,Statistical neighbours,Population 0-17,Successor LA codes\r\n"
                + "929,E06000057,Northumberland,E12000001,\"837, 390\",61620,\r\n"
                + "\r\n"
                + "390,E08000037,Gateshead,North East,\"929\",39800,\r\n"
                + "839,E06000058,\"Bournemouth, Christchurch and Poole\",south west,,75520,\r\n"
                + "837,E06000028,Bournemouth,E12000009,,,839\r\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), lookup.toString(), RATES.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        // the lookup's four LAs (the built-in national reference fills in the others)
        assertThat(Lakes.rows(h, "select la_code, region, coalesce(array_to_string(successor_la_codes, ','), '') from la_reference"
                + " where source_file = 'la-lookup.csv' order by la_code"))
                .containsExactly(List.of("390", "NORTH_EAST", ""), List.of("837", "SOUTH_WEST", "839"),
                        List.of("839", "SOUTH_WEST", ""), List.of("929", "NORTH_EAST", ""));
        Map<String, Map<Integer, Double>> rates = publishedRates();
        List<List<Object>> got = Lakes.rows(h, "SET VARIABLE la_code = '929'; " + Files.readString(SQL.resolve("cla_rate_vs_neighbours.sql")));
        List<Object> y2025 = got.get(got.size() - 1);
        assertThat(y2025.get(2)).isEqualTo("2025");
        // 837 (Bournemouth) has no rate of its own: it counts as BCP (839), which the lookup names its successor
        assertThat(((Number) y2025.get(6)).doubleValue()).isEqualTo((rates.get("839").get(2025) + rates.get("390").get(2025)) / 2);
        assertThat(((Number) y2025.get(7)).intValue()).isEqualTo(2);
    }

    @Test
    void publishedStartsCeasedAndPlacementMixComeBackAsPublished() throws Exception {
        List<List<Object>> sc = Lakes.rows(home, "SET VARIABLE la_code = '921'; " + Files.readString(SQL.resolve("starts_and_ceased.sql")));
        Map<String, Map<String, String>> raw = new HashMap<>();
        for (Map<String, String> row : dataRows(RATES)) {
            if (!row.get("old_la_code").equals("921")) continue;
            raw.computeIfAbsent(row.get("time_period"), k -> new HashMap<>()).put(row.get("cla_group"), row.get("number").replace(",", ""));
        }
        int las = 0;
        for (List<Object> r : sc) {
            if (!r.get(0).equals("LOCAL_AUTHORITY")) continue;
            las++;
            Map<String, String> y = raw.get((String) r.get(3));
            assertThat(cell(r.get(5), r.get(6))).isEqualTo(y.get("Looked after on 31 March"));
            assertThat(cell(r.get(7), r.get(8))).isEqualTo(y.get("Started during the year"));
            assertThat(cell(r.get(9), r.get(10))).isEqualTo(y.get("Ceased during the year"));
        }
        assertThat(las).isEqualTo(6);
        List<List<Object>> mix = Lakes.rows(home, "SET VARIABLE la_code = '929'; " + Files.readString(SQL.resolve("placement_mix.sql")));
        JsonNode truthMix = truth.get("dfe").get("placements").get("929");
        assertThat(mix).hasSize(15);
        for (List<Object> r : mix) {
            int year = LocalDate.parse(r.get(3).toString()).getYear();
            JsonNode t = truthMix.get(String.valueOf(year)).get((String) r.get(4));
            assertThat(cell(r.get(5), r.get(6))).isEqualTo(t.get(0).asText().replace(",", ""));
            assertThat(r.get(7) == null ? r.get(8) : String.format(java.util.Locale.UK, "%.1f", ((Number) r.get(7)).doubleValue())).isEqualTo(t.get(1).asText());
        }
    }

    // ------------------------------------------------------------------ SSDA903

    @Test
    void claAt31MarchStartsAndCeasedDerivedFromTheReturnEqualACountOfTheRawRows() throws Exception {
        Set<Long> bad = new HashSet<>();
        for (JsonNode b : truth.get("ssda903").get("bad_episode_rows")) bad.add(b.get("row").asLong());
        LocalDate end = LocalDate.of(2025, 3, 31), start = LocalDate.of(2024, 4, 1);
        Set<String> open = new HashSet<>();
        long started = 0, ceased = 0, episodes = 0;
        long line = 2;   // the title and header lines
        Map<String, Integer> byPlace = new TreeMap<>();
        for (Map<String, String> row : dataRows(EPISODES)) {
            line++;
            if (bad.contains(line)) continue;
            episodes++;
            LocalDate decom = LocalDate.parse(row.get("DECOM"), DMY);
            LocalDate dec = row.get("DEC").isEmpty() ? null : LocalDate.parse(row.get("DEC"), DMY);
            if (!decom.isAfter(end) && (dec == null || dec.isAfter(end))) {
                open.add(row.get("CHILD"));
                byPlace.merge(row.get("PLACE"), 1, Integer::sum);
            }
            if (row.get("RNE").equals("S") && !decom.isBefore(start) && !decom.isAfter(end)) started++;
            if (dec != null && !dec.isBefore(start) && !dec.isAfter(end) && !row.get("REC").equals("X1")) ceased++;
        }
        assertThat(open).as("the sample has children in care on 31 March").hasSizeGreaterThan(20);
        assertThat(Lakes.count(home, "select count(*) from lac_episode")).isEqualTo(episodes);
        List<List<Object>> got = Lakes.rows(home, Files.readString(SQL.resolve("ssda903_summary.sql")));
        assertThat(got).hasSize(1);
        assertThat(got.get(0).subList(0, 3)).isEqualTo(List.of("929", "Northumberland", 2025L));
        assertThat(((Number) got.get(0).get(4)).longValue()).as("CLA at 31 March").isEqualTo(open.size());
        assertThat(((Number) got.get(0).get(5)).longValue()).as("started").isEqualTo(started);
        assertThat(((Number) got.get(0).get(6)).longValue()).as("ceased").isEqualTo(ceased);
        Map<String, Integer> placements = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home, Files.readString(SQL.resolve("ssda903_placements.sql")))) placements.put((String) r.get(3), ((Number) r.get(4)).intValue());
        assertThat(placements).isEqualTo(byPlace);
        // beside the published figures for the same LA and year
        List<List<Object>> vs = Lakes.rows(home, Files.readString(SQL.resolve("ssda903_vs_published.sql")));
        assertThat(((Number) vs.get(0).get(2)).longValue()).isEqualTo(open.size());
        assertThat(((Number) vs.get(0).get(3)).doubleValue()).isEqualTo(
                Double.parseDouble(truth.get("dfe").get("number_looked_after_started_ceased").get("929").get("2025").get(0).asText()));
    }

    @Test
    void invalidCodesAreRejectedWithTheColumnTheYearAndTheAllowedList() throws Exception {
        String rejects = rejectsText(home, "lac_episode");
        List<String> lines = rejects.lines().skip(1).toList();
        assertThat(lines).hasSize(truth.get("ssda903").get("bad_episode_rows").size());
        for (JsonNode b : truth.get("ssda903").get("bad_episode_rows")) {
            String column = b.get("column").asText();
            String prefix = LacSampleGenerator.EPISODES_FILE + ",," + b.get("row").asLong() + "," + column + "," + column.toUpperCase() + " (column ";
            assertThat(lines).as(b.toString()).anyMatch(l -> l.startsWith(prefix) && l.contains("'" + b.get("value").asText() + "' is not a "
                    + column.toUpperCase() + " code for the collection year 2024-25; allowed: "));
        }
        assertThat(rejects).contains("allowed: PR0, PR1, PR2, PR3, PR4, PR5").contains("allowed: N1, N2, N3, N4, N5, N6, N7, N8")
                .contains("allowed: S, L, P, T, B, U");
    }

    @Test
    void codeListsFollowTheCollectionYear() throws Exception {
        // REC E41 (residence order) was replaced by E45-E48 in 2015-16: the same code is good in one year, an error in a later one
        Path h = tmp.resolve("years");
        Files.createDirectories(h);
        Files.copy(LA_REFERENCE, h.resolve("la.csv"));
        String head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
        Files.writeString(h.resolve("390_episodes_2015.csv"), head + "G1,01/05/2014,S,C2,N1,U3,PR1,01/02/2015,E41,,NE8 1AA,NE8 2BB,XXXXXXX\n"
                + "G2,01/05/2014,S,C2,N1,U3,PR1,,,,NE8 1AA,NE8 2BB,XXXXXXX\n");
        Files.writeString(h.resolve("390_episodes_2017.csv"), head + "G1,01/05/2016,S,C2,N1,U3,PR1,01/02/2017,E41,,NE8 1AA,NE8 2BB,XXXXXXX\n"
                + "G2,01/05/2016,S,C2,N1,U3,PR1,,,,NE8 1AA,NE8 2BB,XXXXXXX\n");
        Cli.Result r = Cli.run("ingest", "--home", h.resolve("home").toString(), h.resolve("la.csv").toString(),
                h.resolve("390_episodes_2015.csv").toString(), h.resolve("390_episodes_2017.csv").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Lakes.rows(h.resolve("home"), "select collection_year, count(*) from lac_episode group by 1 order by 1"))
                .containsExactly(List.of(2015L, 2L), List.of(2017L, 1L));
        assertThat(rejectsText(h.resolve("home"), "lac_episode")).contains("'E41' is not a REC code for the collection year 2016-17")
                .doesNotContain("2014-15");
    }

    @Test
    void anExtractWithLaAndYearColumnsTakesThemFromEachRow() throws Exception {
        Path h = tmp.resolve("extract");
        Path f = tmp.resolve("regional-ssda903-extract.csv");
        Files.writeString(f, "LA,Collection year,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
                + "Gateshead,2025,G1,01/05/2024,S,C2,N1,U3,PR1,,,,NE8 1AA,NE8 2BB,XXXXXXX\n"
                + "929,2024,N1,01/05/2023,S,C1,N2,U1,PR1,01/02/2024,E11,,NE61 1AA,NE61 2BB,XXXXXXX\n"
                + "Westmorland and Furness,2025,W1,01/05/2024,S,C2,N1,U3,PR1,,,,CA1 1AA,CA1 2BB,XXXXXXX\n"
                + "Borsetshire,2025,B1,01/05/2024,S,C2,N1,U3,PR1,,,,CA1 1AA,CA1 2BB,XXXXXXX\n"
                + "E06000057,2025,N2,01/06/2024,S,C2,N1,K2,PR4,,,,NE61 1AA,NE61 2BB,SC123456\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), LA_REFERENCE.toString(), f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Lakes.rows(h, "select la_code, collection_year, place, placement_group, urn from lac_episode order by la_code, collection_year"))
                .containsExactly(java.util.Arrays.asList("390", 2025L, "U3", "Foster placements", null),
                        java.util.Arrays.asList("929", 2024L, "U1", "Foster placements", null),
                        java.util.Arrays.asList("929", 2025L, "K2", "Children's homes and secure units", "SC123456"),
                        // not in the lookup, but in the built-in national reference the lookup extends
                        java.util.Arrays.asList("943", 2025L, "U3", "Foster placements", null));
        // an LA no reference knows is a row error naming it, never a guess
        assertThat(rejectsText(h, "lac_episode")).contains("'Borsetshire' matches no LA in la_reference");
    }

    @Test
    void theHeaderTableIsPseudonymisedAndSexLandsAsOneCode() throws Exception {
        Map<String, String> sex = new HashMap<>();
        int noUpn = 0;
        for (Map<String, String> row : dataRows(HEADER)) {
            sex.merge(row.get("SEX").equals("1") || row.get("SEX").equals("M") ? "M" : "F", "x", String::concat);
            if (row.get("UPN").startsWith("UN")) noUpn++;
        }
        Map<String, Integer> expected = new TreeMap<>();
        sex.forEach((k, v) -> expected.put(k, v.length()));
        Map<String, Integer> lake = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home, "select sex, count(*) from lac_child group by 1")) lake.put((String) r.get(0), ((Number) r.get(1)).intValue());
        assertThat(lake).isEqualTo(expected);
        assertThat(Lakes.count(home, "select count(*) from lac_child where upn_unavailable is not null and upn_key is null")).isEqualTo(noUpn);
        assertThat(Lakes.count(home, "select count(*) from lac_child where day(birth_month) <> 1")).isZero();
        // every child in the header has its good episodes under the same pseudonym: only a child whose every
        // episode was rejected has none
        Set<Long> bad = new HashSet<>();
        for (JsonNode b : truth.get("ssda903").get("bad_episode_rows")) bad.add(b.get("row").asLong());
        Set<String> withGood = new HashSet<>(), all = new HashSet<>();
        long line = 2;
        for (Map<String, String> row : dataRows(EPISODES)) {
            line++;
            all.add(row.get("CHILD"));
            if (!bad.contains(line)) withGood.add(row.get("CHILD"));
        }
        assertThat(Lakes.count(home, "select count(*) from lac_child c where not exists (select 1 from lac_episode e where e.child_key = c.child_key)"))
                .isEqualTo(all.size() - withGood.size());
        assertThat(Lakes.rows(home, "select column_name from (describe lac_child)").stream().map(x -> x.get(0)).toList())
                .doesNotContain("mother", "mc_dob", "dob", "upn", "child");
    }

    @Test
    void noIdentifierDateOfBirthOrFullPostcodeReachesTheLakeLogsOrRejects() throws Exception {
        StringBuilder all = new StringBuilder();
        // every lake column but the episode dates (an episode may start on some other child's birthday)
        for (String sql : List.of("select * from lac_child", "select * exclude (decom, dec) from lac_episode")) {
            for (List<Object> r : Lakes.rows(home, sql)) all.append(r).append('\n');
        }
        try (Stream<Path> s = Files.walk(home)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/lake/") && !p.toString().contains("/db/")
                    && !p.toString().endsWith(".xlsx")).toList()) all.append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
        }
        String text = all.toString();
        JsonNode p = truth.get("ssda903").get("privacy");
        int checked = 0;
        for (String list : List.of("identifiers", "upns", "dates_of_birth", "postcodes")) {
            for (JsonNode v : p.get(list)) {
                assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(v.asText()) + "(?![\\w-])").matcher(text).find()).as(list + " " + v.asText()).isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void ingestingAgainChangesNothingAndAReSentReturnReplacesThatYear() throws Exception {
        String before = Lakes.rows(home, "select count(*), sum(hash(child_key, decom)) from lac_episode").toString()
                + Lakes.rows(home, "select count(*), sum(hash(area_code, measure, breakdown, period_end)) from lac_statistic");
        Cli.Result again = Cli.run("ingest", "--home", home.toString(), LAC.toString(), LA_REFERENCE.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 loaded");
        String after = Lakes.rows(home, "select count(*), sum(hash(child_key, decom)) from lac_episode").toString()
                + Lakes.rows(home, "select count(*), sum(hash(area_code, measure, breakdown, period_end)) from lac_statistic");
        assertThat(after).isEqualTo(before);
        // a corrected return for the same LA and year: the first ten episodes only (one of them bad)
        List<String> lines = Files.readAllLines(EPISODES);
        Path resent = tmp.resolve("ssda903-929-episodes-2024-25-resubmitted.csv");
        Files.write(resent, lines.subList(0, 12));
        long badInTen = 0;
        for (JsonNode b : truth.get("ssda903").get("bad_episode_rows")) if (b.get("row").asLong() <= 12) badInTen++;
        assertThat(badInTen).isEqualTo(1);
        // it would remove most of that year's episodes: refused with the numbers, nothing changed ...
        long episodes = Lakes.count(home, "select count(*) from lac_episode where la_code = '929' and collection_year = 2025");
        Cli.Result guarded = Cli.run("ingest", "--home", home.toString(), resent.toString());
        assertThat(guarded.exit()).as(guarded.out()).isEqualTo(1);
        assertThat(guarded.out()).contains("a replace load refused: it would replace " + episodes + " rows of partition(s) la_code=929/collection_year=2025 with "
                + (10 - badInTen)).contains("--replace");
        assertThat(Lakes.count(home, "select count(*) from lac_episode where la_code = '929' and collection_year = 2025")).isEqualTo(episodes);
        // ... unless --replace says the user means it
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), "--replace", resent.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(Lakes.count(home, "select count(*) from lac_episode where la_code = '929' and collection_year = 2025")).isEqualTo(10 - badInTen);
        // and a newer edition of a DfE table adds only the periods the lake does not hold
        long stats = Lakes.count(home, "select count(*) from lac_statistic");
        List<String> rates = Files.readAllLines(RATES);
        List<String> newer = new ArrayList<>(rates.subList(0, 2));
        for (String l : rates.subList(2, rates.size())) if (l.startsWith("2025,")) newer.add(l);
        newer.add("2026,Reporting year,National,E92000001,England,,,,,,Looked after on 31 March,Total,\"87,012\",70");
        Path edition = tmp.resolve("dfe-cla-2026-edition.csv");
        Files.write(edition, newer);
        assertThat(Cli.run("ingest", "--home", home.toString(), edition.toString()).exit()).isZero();
        assertThat(Lakes.count(home, "select count(*) from lac_statistic")).isEqualTo(stats + 2);
    }

    @Test
    void anSsda903FileThatNamesNoLaIsRefusedWithAMessage() throws Exception {
        Path f = tmp.resolve("episodes.csv");
        Files.copy(EPISODES, f);
        Path h = tmp.resolve("no-la");
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), LA_REFERENCE.toString(), f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("episodes.csv").contains("names no LA in la_reference")
                .contains("put the LA's three-digit DfE code in the file name");
        // the lookup was loaded (extending the built-in national reference) though the episodes were refused
        assertThat(Lakes.count(h, "select count(*) from la_reference where source_file not like 'built-in:%'")).isEqualTo(20);
    }

    // ------------------------------------------------------------------ helpers

    private static String cell(Object value, Object symbol) {
        return value == null ? (String) symbol : String.valueOf(Math.round(((Number) value).doubleValue()));
    }

    /** The sample's published CLA rates per 10,000, read from the raw DfE file: LA code (or E92000001, England) -> year -> rate. */
    static Map<String, Map<Integer, Double>> publishedRates() throws Exception {
        Map<String, Map<Integer, Double>> out = new HashMap<>();
        for (Map<String, String> row : dataRows(RATES)) {
            String v = row.get("rate_per_10000");
            if (!row.get("cla_group").equals("Looked after on 31 March") || !v.matches("\\d+")) continue;
            String area = switch (row.get("geographic_level")) {
                case "National" -> row.get("country_code");
                case "Local authority" -> row.get("old_la_code");
                default -> null;
            };
            if (area != null) out.computeIfAbsent(area, k -> new HashMap<>()).put(Integer.parseInt(row.get("time_period")), Double.parseDouble(v));
        }
        return out;
    }

    /** "Looked after on 31 March" -> cla_on_31_march; "Started during the year" -> cla_started; "Ceased during the year" -> cla_ceased. */
    static String canonical(String claGroup) {
        return switch (claGroup) {
            case "Looked after on 31 March" -> "cla_on_31_march";
            case "Started during the year" -> "cla_started";
            case "Ceased during the year" -> "cla_ceased";
            default -> throw new AssertionError(claGroup);
        };
    }

    /** The years the raw DfE file has a rate cell (a figure or a symbol) for an LA's children looked after on 31 March. */
    static Set<Integer> rateYears(String la) throws Exception {
        Set<Integer> out = new HashSet<>();
        for (Map<String, String> row : dataRows(RATES)) {
            if (row.get("cla_group").equals("Looked after on 31 March") && la.equals(row.get("old_la_code")) && !row.get("rate_per_10000").isEmpty()) {
                out.add(Integer.parseInt(row.get("time_period")));
            }
        }
        return out;
    }

    static String rejectsText(Path h, String dataset) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(h.resolve("rejects").resolve(dataset))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }

    /** The data rows of a sample CSV below its title line, by header name (a small CSV reader of its own). */
    static List<Map<String, String>> dataRows(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<List<String>> records = parse(text);
        int h = 0;
        while (h < records.size() && records.get(h).size() < 3) h++;
        List<String> header = records.get(h);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : records.subList(h + 1, records.size())) {
            if (r.stream().allMatch(String::isEmpty)) continue;
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) m.put(header.get(i), i < r.size() ? r.get(i) : "");
            out.add(m);
        }
        return out;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') q = false;
                else f.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { row.add(f.toString()); f.setLength(0); }
            else if (c == '\r') continue;
            else if (c == '\n') { row.add(f.toString()); f.setLength(0); out.add(row); row = new ArrayList<>(); }
            else f.append(c);
        }
        if (f.length() > 0 || !row.isEmpty()) { row.add(f.toString()); out.add(row); }
        return out;
    }
}
