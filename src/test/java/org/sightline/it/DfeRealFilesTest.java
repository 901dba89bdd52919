package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DfE's children-looked-after tables exactly as published (src/test/resources/real-files/dfe, see its
 * README-cla-tables.md), ingested through the real CLI with the shipped contracts and no --dataset,
 * read back through DuckDB. Every expected value comes from the raw file read by DuckDB's own CSV
 * reader ({@code read_csv}, all columns as text), never from Sightline's report of itself.
 */
class DfeRealFilesTest {

    static final Path DIR = Path.of("src", "test", "resources", "real-files", "dfe");
    static final Path RATES_2023 = DIR.resolve("cla_number_and_rate_per_10k_children-2023-release.csv");
    static final Path RATES_2025 = DIR.resolve("cla_number_and_rate_per_10k_children-2025-release.csv");
    static final Path CEASED_GZ = DIR.resolve("la_children_who_ceased_during_the_year-2023-release.csv.gz");
    static final Path SFR_2016 = DIR.resolve("SFR41_CLA2016.csv");
    static final Path SFR_2013 = DIR.resolve("SFR36_CLA2013.csv");
    static final Path CIN = DIR.resolve("b1_children_in_need_2013_to_2025.csv");
    static final Path GUIDANCE = DIR.resolve("cla-data-guidance-2023-release.txt");
    static final Path NEIGHBOURS_2021 = DIR.resolve("New_Statistical_Neighbour_Groupings_April_2021.csv");
    static final Path SQL = Path.of("reports", "sql", "lac", "cla_rate_vs_neighbours.sql");
    /** Every symbol the issue names from DfE's guidance; a cell holding one (or a #...! spreadsheet error) is a marker. */
    static final Set<String> SYMBOLS = Set.of("c", "k", "low", "u", "x", "z", ":", "~", "..");

    @TempDir
    static Path tmp;
    /** A fresh home: an LA lookup (from DfE's 2021 neighbour groupings), then the 2023 release, then the 2025 release. */
    static Path fresh;
    /** A home holding each other table alone: the 2025 release, the ceased table, both wide tables, and the CIN table offered. */
    static Path each;
    static Cli.Result lookup, first, second, others;
    static Path ceased;

    @BeforeAll
    static void ingest() throws Exception {
        fresh = tmp.resolve("fresh");
        each = tmp.resolve("each");
        Path la = tmp.resolve("la-lookup-from-dfe-neighbour-groupings-2021.csv");
        Files.writeString(la, laLookupFromNeighbourGroupings(), StandardCharsets.UTF_8);
        lookup = Cli.run("ingest", "--home", fresh.toString(), la.toString());
        first = Cli.run("ingest", "--home", fresh.toString(), RATES_2023.toString());
        second = Cli.run("ingest", "--home", fresh.toString(), RATES_2025.toString());
        ceased = tmp.resolve("la_children_who_ceased_during_the_year-2023-release.csv");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CEASED_GZ))) {
            Files.copy(in, ceased);
        }
        others = Cli.run("ingest", "--home", each.toString(), RATES_2025.toString(), ceased.toString(), SFR_2016.toString(),
                SFR_2013.toString(), CIN.toString());
    }

    // ------------------------------------------------------------------ the issue's "must show"

    @Test
    void bothRateReleasesLoadOnAFreshHomeWithoutDatasetAndTheReportPrintsNorthumberlandsPublishedRateEveryYear() throws Exception {
        assertThat(lookup.exit()).as(lookup.out() + lookup.err()).isZero();
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(first.out()).contains(RATES_2023.getFileName() + " -> lac_statistic");
        assertThat(second.out()).contains(RATES_2025.getFileName() + " -> lac_statistic");

        // the published rates on 31 March, read from the raw files: the 2023 release first (loaded first), the 2025 release for later years
        Map<String, Map<Integer, String>> rate = new HashMap<>();
        for (Path f : List.of(RATES_2023, RATES_2025)) {
            for (Map<String, String> r : raw(f)) {
                String label = r.containsKey("population_count") ? r.get("population_count") : r.get("population_type");
                if (!label.toLowerCase(Locale.ROOT).matches("children looked after (at|on) 31 march each year")) continue;
                String area = area(r);
                if (area == null) continue;
                rate.computeIfAbsent(area, k -> new HashMap<>()).putIfAbsent(Integer.parseInt(r.get("time_period")), r.get("rate_per_10000"));
            }
        }
        List<String> neighbours = new ArrayList<>();
        for (List<Object> r : Lakes.rows(fresh, "select unnest(statistical_neighbours) from la_reference where la_code = '929'")) neighbours.add((String) r.get(0));
        assertThat(neighbours).hasSize(10);

        Cli.Result q = Cli.run("query", "--home", fresh.toString(), "--file", SQL.toString(), "--set", "la_code=929", "--format", "csv");
        assertThat(q.exit()).as(q.err()).isZero();
        List<Map<String, String>> printed = csvLines(q.out());
        List<Integer> years = new ArrayList<>(new java.util.TreeSet<>(rate.get("929").keySet()));
        assertThat(years).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025);
        assertThat(printed).extracting(m -> m.get("time_period")).containsExactlyElementsOf(years.stream().map(String::valueOf).toList());
        for (Map<String, String> p : printed) {
            int year = Integer.parseInt(p.get("time_period"));
            assertThat(p.get("la_name")).isEqualTo("Northumberland");
            assertThat(Double.parseDouble(p.get("rate"))).as("929 " + year).isEqualTo(Double.parseDouble(rate.get("929").get(year)));
            assertThat(Double.parseDouble(p.get("england"))).as("England " + year).isEqualTo(Double.parseDouble(rate.get("E92000001").get(year)));
            double sum = 0;
            int n = 0;
            for (String nb : neighbours) {
                String v = rate.getOrDefault(nb, Map.of()).get(year);
                if (v != null && v.matches("\\d+(\\.\\d+)?")) {
                    sum += Double.parseDouble(v);
                    n++;
                }
            }
            assertThat(Integer.parseInt(p.get("neighbours_with_rate"))).isEqualTo(n);
            assertThat(Double.parseDouble(p.get("neighbours_mean"))).as("neighbours " + year).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-6));
        }
        // one canonical measure whatever the release called it: the 2023 release's figure for 2021-2023 is not duplicated by the 2025 release's
        assertThat(Lakes.count(fresh, "select count(*) from lac_statistic where area_code = '929' and measure = 'cla_on_31_march_rate_per_10000'")).isEqualTo(7);
        assertThat(Lakes.rows(fresh, "select distinct published_as from lac_statistic where measure = 'cla_on_31_march' order by 1")).containsExactly(
                List.of("children_count: Children looked after on 31 March each year"), List.of("number: Children looked after at 31 March each year"));
    }

    @Test
    void everyCellOfBothRateReleasesLandsWithItsValueOrItsMarker() throws Exception {
        // the 2023 release alone in the fresh home (loaded first), the 2025 release alone in the other
        assertCells(fresh, RATES_2023, "population_count", List.of("number", "rate_per_10000", "population_estimate"));
        assertCells(each, RATES_2025, "population_type", List.of("children_count", "rate_per_10000", "population_estimate"));
    }

    @Test
    void theCeasedTableLoadsEveryOneOfIts24360RowsWithKAsAMarkerBesideItsNumber() throws Exception {
        List<Map<String, String>> rows = raw(CEASED_GZ);
        assertThat(rows).hasSize(24_360);
        assertThat(others.out()).contains(ceased.getFileName() + " -> lac_statistic");
        assertCells(each, CEASED_GZ, null, List.of("number", "percentage"));
        // DfE's k ("rounds to zero, not zero") is kept on its own cell; the number beside it is loaded
        long ks = rows.stream().filter(r -> r.get("percentage").equals("k")).count();
        assertThat(ks).isPositive();
        String source = "la_children_who_ceased_during_the_year-2023-release";
        assertThat(Lakes.count(each, "select count(*) from lac_statistic where source = '" + source + "' and suppression = 'k'")).isEqualTo(ks);
        Map<String, String> withK = rows.stream().filter(r -> r.get("percentage").equals("k") && r.get("number").matches("\\d+")).findFirst().orElseThrow();
        List<List<Object>> beside = Lakes.rows(each, "select value from lac_statistic where source = '" + source + "' and measure = 'number'"
                + " and area_code = '" + area(withK) + "' and time_period = '" + withK.get("time_period") + "' and breakdown = '"
                + (withK.get("cla_group") + " | " + withK.get("characteristic")).replace("'", "''") + "'");
        assertThat(beside).containsExactly(List.of(Double.parseDouble(withK.get("number"))));
    }

    @Test
    void theWideFirstReleaseTablesAreUnpivotedIntoTheSameLongForm() throws Exception {
        for (Path f : List.of(SFR_2016, SFR_2013)) {
            int year = f.equals(SFR_2016) ? 2016 : 2013;
            String source = f.getFileName().toString().replace(".csv", "");
            assertThat(others.out()).contains(f.getFileName() + " -> lac_statistic");
            List<Map<String, String>> rows = raw(f);
            assertThat(rows).hasSize(163);
            Map<String, Object[]> lake = new HashMap<>();
            for (List<Object> r : Lakes.rows(each, "select geographic_level, area_code, measure, value, suppression, period_end::VARCHAR, published_as"
                    + " from lac_statistic where source = '" + source + "'")) {
                assertThat(r.get(5)).isEqualTo(year + "-03-31");
                Object[] prev = lake.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), new Object[] {r.get(3), r.get(4), r.get(6)});
                assertThat(prev).as("one lake row per cell: " + r).isNull();
            }
            int cells = 0;
            for (Map<String, String> r : rows) {
                String level = switch (r.get("geog_l")) {
                    case "NATIONAL" -> "NATIONAL";
                    case "REGION" -> "REGIONAL";
                    default -> "LOCAL_AUTHORITY";
                };
                String area = switch (level) {
                    case "NATIONAL" -> "E92000001";
                    case "REGIONAL" -> switch (r.get("geog_n")) {
                        case "INNER LONDON" -> "E13000001";     // share London's code in the file; their own since
                        case "OUTER LONDON" -> "E13000002";
                        default -> r.get("New_geog_code");
                    };
                    default -> r.get("geog_c");
                };
                for (Map.Entry<String, String> cell : r.entrySet()) {
                    String column = cell.getKey();
                    if (Set.of("New_geog_code", "geog_l", "geog_c", "geog_n").contains(column) || cell.getValue().isEmpty()) continue;
                    cells++;
                    String bare = column.strip().replace(String.valueOf(year), "");
                    String measure = bare.equals("CLA_Mar") ? "cla_on_31_march" : bare.equals("CLA_") ? "cla_during_year"
                            : bare.toLowerCase(Locale.ROOT).replaceAll("_+$", "");
                    Object[] got = lake.get(level + "|" + area + "|" + measure);
                    assertThat(got).as(source + " " + area + " " + column).isNotNull();
                    assertThat(got[2]).isEqualTo(column.strip());
                    assertMarkerOrValue(got[0], got[1], cell.getValue(), source + " " + area + " " + column);
                }
            }
            assertThat(lake).hasSize(cells);
        }
        // the spreadsheet error in the 2013 table is a marker on that one cell; England's other figures that year are loaded
        Map<String, String> england2013 = raw(SFR_2013).stream().filter(r -> r.get("geog_l").equals("NATIONAL")).findFirst().orElseThrow();
        String errorColumn = england2013.entrySet().stream().filter(e -> e.getValue().startsWith("#")).map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(england2013.get(errorColumn)).isEqualTo("#VALUE!");
        assertThat(Lakes.rows(each, "select value, suppression from lac_statistic where source = 'SFR36_CLA2013' and published_as = '" + errorColumn.strip() + "'"
                + " and geographic_level = 'NATIONAL'")).containsExactly(Arrays.asList(null, "#VALUE!"));
        assertThat(Lakes.rows(each, "select value from lac_statistic where source = 'SFR36_CLA2013' and geographic_level = 'NATIONAL' and measure = 'cla_on_31_march'"))
                .containsExactly(List.of(Double.parseDouble(england2013.get("CLA_Mar2013"))));
        // and the run summary says so
        StringBuilder summaries = new StringBuilder();
        try (java.util.stream.Stream<Path> s = Files.list(each.resolve("runs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) summaries.append(Files.readString(p));
        }
        assertThat(summaries.toString()).contains("1 cell(s) of " + errorColumn.strip() + " #VALUE!: a spreadsheet error in the published file, kept as a marker (no value)")
                .contains("first-release wide table for 2013");
    }

    @Test
    void theChildrenInNeedTableIsRefusedByNameAndNothingOfItIsFiledAsLookedAfter() throws Exception {
        String line = others.out().lines().filter(l -> l.contains(CIN.getFileName().toString())).findFirst().orElseThrow();
        assertThat(line).startsWith("FAILED");
        assertThat(line.toLowerCase(Locale.ROOT)).contains("children in need");
        assertThat(Lakes.count(each, "select count(*) from lac_statistic where source like 'b1_children_in_need%'")).isZero();
        // and the same when the user insists it is lac_statistic
        Path h = tmp.resolve("insist");
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), "--dataset", "lac_statistic", CIN.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("the DfE children in need table: not loaded by Sightline");
        // a table of another collection whose columns are not a known table's is refused by what its name and labels say
        Path cpp = tmp.resolve("child_protection_plans_2024.csv");
        Files.writeString(cpp, "time_period,time_identifier,geographic_level,country_code,country_name,old_la_code,new_la_code,la_name,number\n"
                + "202324,Financial year,Local authority,E92000001,England,929,E06000057,Northumberland,250\n", StandardCharsets.UTF_8);
        Cli.Result p = Cli.run("ingest", "--home", h.toString(), "--dataset", "lac_statistic", cpp.toString());
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out()).contains("this DfE table is about child protection, not children looked after").contains("not loaded as lac_statistic");
        assertThat(Lakes.count(h, "select count(*) from lac_statistic")).isZero();
    }

    @Test
    void everySymbolOfDfesGuidanceAndASpreadsheetErrorIsAMarkerOnThatCellOnly() throws Exception {
        // the guidance's own list of symbols ('c', 'z', 'x', 'k'), read from the guidance text
        String guidance = Files.readString(GUIDANCE, StandardCharsets.UTF_8);
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^- \u2018([^\u2019]+)\u2019").matcher(guidance.substring(guidance.indexOf("The following symbols")));
        while (m.find() && listed.size() < 10) listed.add(m.group(1));
        assertThat(listed).containsExactly("c", "z", "x", "k");
        List<String> symbols = new ArrayList<>(SYMBOLS);
        symbols.addAll(List.of("[c]", "[k]", "#VALUE!", "#DIV/0!"));
        StringBuilder csv = new StringBuilder("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                + "old_la_code,la_name,new_la_code,cla_group,characteristic,number,percentage,rate_per_10000\n");
        for (int i = 0; i < symbols.size(); i++) {
            csv.append("2024,Reporting year,Local authority,E92000001,England,E12000001,North East,929,Northumberland,E06000057,Gender,G")
                    .append(i).append(",").append(i + 10).append(",\"").append(symbols.get(i)).append("\",").append(i + 100).append('\n');
        }
        Path f = tmp.resolve("cla_symbols_2024.csv");
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        Path h = tmp.resolve("symbols");
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 rows rejected");
        for (int i = 0; i < symbols.size(); i++) {
            List<List<Object>> got = Lakes.rows(h, "select measure, value, suppression from lac_statistic where breakdown = 'Gender | G" + i + "' order by measure");
            assertThat(got).as(symbols.get(i)).containsExactly(Arrays.asList("number", (double) i + 10, null),
                    Arrays.asList("percentage", null, symbols.get(i)), Arrays.asList("rate_per_10000", (double) i + 100, null));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Each non-blank figure cell of a tidy table is one lake row of that source, with its value, or its marker and no value. */
    private static void assertCells(Path home, Path file, String labelColumn, List<String> indicators) throws Exception {
        String source = file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        Map<String, Object[]> lake = new HashMap<>();
        for (List<Object> r : Lakes.rows(home, "select geographic_level, area_code, time_period, measure, breakdown, value, suppression"
                + " from lac_statistic where source = '" + source + "'")) {
            Object[] prev = lake.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4), new Object[] {r.get(5), r.get(6)});
            assertThat(prev).as("one lake row per cell").isNull();
        }
        int cells = 0;
        for (Map<String, String> r : raw(file)) {
            String level = switch (r.get("geographic_level")) {
                case "National" -> "NATIONAL";
                case "Regional" -> "REGIONAL";
                case "Local authority" -> "LOCAL_AUTHORITY";
                default -> throw new AssertionError(r.get("geographic_level"));
            };
            String breakdown = labelColumn == null ? r.get("cla_group") + " | " + r.get("characteristic") : r.get(labelColumn);
            for (String ind : indicators) {
                String v = r.get(ind);
                if (v.isEmpty()) continue;
                cells++;
                String measure = ind, b = breakdown;
                if (labelColumn != null && !ind.equals("population_estimate")) {
                    String what = breakdown.toLowerCase(Locale.ROOT);
                    String concept = what.contains("31 march") ? "cla_on_31_march" : what.contains("starting") ? "cla_started" : "cla_ceased";
                    measure = concept + (ind.equals("rate_per_10000") ? "_rate_per_10000" : "");
                    b = "";
                }
                Object[] got = lake.get(level + "|" + area(r) + "|" + r.get("time_period") + "|" + measure + "|" + b);
                assertThat(got).as(source + " " + r + " " + ind).isNotNull();
                assertMarkerOrValue(got[0], got[1], v, source + " " + area(r) + " " + r.get("time_period") + " " + ind);
            }
        }
        assertThat(lake).as(source + ": one lake row per non-blank figure cell").hasSize(cells);
    }

    private static void assertMarkerOrValue(Object value, Object suppression, String raw, String what) {
        if (SYMBOLS.contains(raw.toLowerCase(Locale.ROOT)) || raw.startsWith("#")) {
            assertThat(value).as(what + ": a marker is no value").isNull();
            assertThat(suppression).as(what).isEqualTo(raw);
        } else {
            assertThat(((Number) value).doubleValue()).as(what).isEqualTo(Double.parseDouble(raw));
            assertThat(suppression).as(what).isNull();
        }
    }

    /** The row's area: the LA's DfE code, the region's code, England's code. */
    private static String area(Map<String, String> r) {
        return switch (r.get("geographic_level")) {
            case "National" -> r.get("country_code");
            case "Regional" -> r.get("region_code");
            case "Local authority" -> r.get("old_la_code");
            default -> null;
        };
    }

    /** A raw CSV (or .csv.gz) read by DuckDB's own CSV reader, every column as text, blanks as "". */
    static List<Map<String, String>> raw(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = c.prepareStatement("SELECT * FROM read_csv(?, all_varchar = true, header = true, null_padding = true)")) {
            st.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                String[] names = new String[n];
                for (int i = 0; i < n; i++) names[i] = rs.getMetaData().getColumnName(i + 1).replace("\uFEFF", "");
                List<Map<String, String>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String v = rs.getString(i + 1);
                        m.put(names[i], v == null ? "" : v);
                    }
                    out.add(m);
                }
                return out;
            }
        }
    }

    /**
     * An LA lookup as a data officer would make one from DfE's 2021 statistical-neighbour groupings
     * (read by DuckDB: repeated SNP headers and a trailing comma, so by position): code, name, the ten neighbours.
     */
    static String laLookupFromNeighbourGroupings() throws Exception {
        StringBuilder out = new StringBuilder("LA code,LA name,Statistical neighbours\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = c.prepareStatement("SELECT * FROM read_csv(?, all_varchar = true, header = false, skip = 1)")) {
            st.setString(1, NEIGHBOURS_2021.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    if (code == null || !code.strip().matches("\\d{3}")) continue;
                    List<String> sns = new ArrayList<>();
                    for (int col = 6; col <= 24; col += 2) {
                        String v = rs.getString(col);
                        if (v != null && !v.isBlank()) sns.add(v.strip());
                    }
                    out.append(code.strip()).append(",\"").append(rs.getString(2).replace("\"", "\"\"")).append("\",\"")
                            .append(String.join(", ", sns)).append("\"\n");
                }
            }
        }
        return out.toString();
    }

    /** The CSV the query command printed (no quoted commas in these columns). */
    private static List<Map<String, String>> csvLines(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] v = l.split(",", -1);
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < header.length; i++) m.put(header[i], i < v.length ? v[i] : "");
            rows.add(m);
        }
        return rows;
    }
}
