package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published SSDA903 samples (src/test/resources/real-files/ssda903, fake data from liia-tools) and
 * the collection-year rule: from a YEAR column, else the file name, else the return's own rule (the
 * year ending 31 March that holds the latest DECOM); an episode ceasing after that year end is a row
 * error, never a change of year. Expected values are read from the raw files by DuckDB's read_csv.
 */
class Ssda903RealFilesTest {

    static final Path DIR = Path.of("src", "test", "resources", "real-files", "ssda903");
    static final Path EPISODES_2020 = DIR.resolve("SSDA903_2020_episodes.csv");
    static final Path HEADER_2020 = DIR.resolve("SSDA903_2020_header.csv");
    static final Path FIXES = DIR.resolve("SSDA903_episodes_for_testing_fixes_INPUT.csv");
    /** DfE's reason-for-new-episode codes (SSDA903 guidance). */
    static final Set<String> RNE = Set.of("S", "L", "P", "T", "B", "U");
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @TempDir
    static Path tmp;
    static Path home, lookup;
    static Cli.Result run;

    @BeforeAll
    static void ingest() throws Exception {
        home = tmp.resolve("home");
        lookup = tmp.resolve("la-lookup.csv");
        Files.writeString(lookup, DfeRealFilesTest.laLookupFromNeighbourGroupings(), StandardCharsets.UTF_8);
        // the 2020 return names no LA: it is kept in a folder named by the LA's DfE code, as a data officer would
        Path folder = tmp.resolve("inbox").resolve("929");
        Files.createDirectories(folder);
        Files.copy(EPISODES_2020, folder.resolve(EPISODES_2020.getFileName()));
        Files.copy(HEADER_2020, folder.resolve(HEADER_2020.getFileName()));
        assertThat(Cli.run("ingest", "--home", home.toString(), lookup.toString()).exit()).isZero();
        run = Cli.run("ingest", "--home", home.toString(), folder.toString(), FIXES.toString());
    }

    @Test
    void the2020EpisodesLoadForTheYearInTheirFileNameAndTheLaOfTheirFolder() throws Exception {
        assertThat(run.out()).contains("SSDA903_2020_episodes.csv -> lac_episode");
        List<Map<String, String>> raw = DfeRealFilesTest.raw(EPISODES_2020);
        assertThat(raw).hasSize(5);
        List<String> expected = new ArrayList<>();
        for (Map<String, String> r : raw) {
            if (!RNE.contains(r.get("RNE"))) continue;   // *DUMMY* is not a reason for a new episode: that row only is an error
            expected.add(LocalDate.parse(r.get("DECOM"), DMY) + " " + LocalDate.parse(r.get("DEC"), DMY) + " " + r.get("RNE") + " " + r.get("PLACE"));
        }
        assertThat(expected).hasSize(4);
        List<String> lake = new ArrayList<>();
        for (List<Object> r : Lakes.rows(home, "select decom, dec, rne, place, la_code, collection_year from lac_episode where la_code = '929'")) {
            lake.add(r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3));
            assertThat(r.subList(4, 6)).isEqualTo(List.of("929", 2020L));
        }
        assertThat(lake).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rejects("lac_episode", "SSDA903_2020_episodes")).contains(",6,rne,RNE (column C),*DUMMY*,code,");
    }

    @Test
    void theTestingFixesExtractTakesEachRowsLaAndYearFromItsColumnsAndNoRowIsAYearError() throws Exception {
        assertThat(run.out()).contains("SSDA903_episodes_for_testing_fixes_INPUT.csv -> lac_episode");
        Map<String, String> codes = Map.of("Barking and Dagenham", "301", "Newham", "316", "Sutton", "319");
        String rejects = rejects("lac_episode", "SSDA903_episodes_for_testing_fixes_INPUT");
        assertThat(rejects).doesNotContain("collection_year").doesNotContain("after the end of the collection year");
        // rows the rejects report names (each for its own reason, printed): every other raw row is in the lake with its own LA and YEAR
        Set<Integer> rejected = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("(?m)^SSDA903_episodes_for_testing_fixes_INPUT\\.csv,,(\\d+),").matcher(rejects);
        while (m.find()) rejected.add(Integer.parseInt(m.group(1)));
        List<Map<String, String>> raw = DfeRealFilesTest.raw(FIXES);
        assertThat(raw).hasSize(23);
        assertThat(rejected.size()).isLessThan(raw.size() / 2);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (rejected.contains(i + 2)) continue;
            Map<String, String> r = raw.get(i);
            expected.add(codes.get(r.get("LA")) + " " + r.get("YEAR") + " " + r.get("DECOM") + " " + r.get("DEC"));
        }
        List<String> lake = new ArrayList<>();
        for (List<Object> r : Lakes.rows(home, "select la_code, collection_year, decom, coalesce(dec::VARCHAR, '') from lac_episode where la_code <> '929'")) {
            lake.add(r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3));
        }
        assertThat(lake).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void the2020HeaderWithAChildThreeTimesIsRefusedNamingEachBadRow() throws Exception {
        // the sample repeats CHILD 689661 three times and 249901 twice, and gives one child ETHNIC UNKN: computed from the raw file
        List<Map<String, String>> raw = DfeRealFilesTest.raw(HEADER_2020);
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> duplicates = new ArrayList<>();
        List<Integer> unknownEthnicity = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).get("ETHNIC").equals("UNKN")) unknownEthnicity.add(i + 2);   // not a DfE ethnicity code: that row's error
            else if (seen.merge(raw.get(i).get("CHILD"), 1, Integer::sum) > 1) duplicates.add(i + 2);
        }
        assertThat(duplicates.size() + unknownEthnicity.size()).isGreaterThan(raw.size() / 2);
        String line = run.out().lines().filter(l -> l.contains("SSDA903_2020_header.csv")).findFirst().orElseThrow();
        assertThat(line).startsWith("FAILED").contains("more than the limit");
        String rejects = rejects("lac_child", "SSDA903_2020_header");
        for (int row : duplicates) assertThat(rejects).contains("SSDA903_2020_header.csv,," + row + ",(row),");
        for (int row : unknownEthnicity) assertThat(rejects).contains("SSDA903_2020_header.csv,," + row + ",ethnic,ETHNIC (column D),UNKN,code,");
        assertThat(line).contains("nothing loaded");
    }

    @Test
    void withoutAYearAnywhereTheYearHoldsTheLatestStartAndAnEpisodeEndingAfterItIsARowError() throws Exception {
        List<String> lines = Files.readAllLines(EPISODES_2020, StandardCharsets.UTF_8);
        LocalDate latestStart = null;
        for (Map<String, String> r : DfeRealFilesTest.raw(EPISODES_2020)) {
            LocalDate d = LocalDate.parse(r.get("DECOM"), DMY);
            if (latestStart == null || d.isAfter(latestStart)) latestStart = d;
        }
        int year = latestStart.getMonthValue() >= 4 ? latestStart.getYear() + 1 : latestStart.getYear();
        assertThat(year).isEqualTo(2020);
        // the real rows, plus an episode that started in the year and ceased a day after its end
        Path f = tmp.resolve("929_episodes_no_year.csv");
        List<String> out = new ArrayList<>(lines);
        out.add("777001,01/03/" + year + ",S,V2,N1,U1,PR1,01/04/" + year + ",E11,,NE61 1AA,NE61 2BB,XXXXXXX");
        Files.write(f, out, StandardCharsets.UTF_8);
        Path h = tmp.resolve("no-year");
        Cli.Result r = Cli.run("ingest", "--home", h.toString(), lookup.toString(), f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Lakes.rows(h, "select collection_year, count(*) from lac_episode group by 1")).containsExactly(List.of((long) year, 4L));
        // full dates are masked in rejects wherever they land (issue 21); the row, column and rule say which
        assertThat(rejectsIn(h, "lac_episode")).contains(",7,dec,DEC (column H),[hidden: looks like a full date (10 characters)],collection_year,")
                .contains("ceased (DEC [date]) after the end of the collection year " + (year - 1) + "-" + (year % 100))
                .doesNotContain("01/04/" + year).doesNotContain(year + "-04-01");
        // a year in the file name is kept the same way: an episode starting after its end is a row error naming DECOM
        Path g = tmp.resolve("929_episodes_2019.csv");
        Files.write(g, List.of(lines.get(0), "777002,01/02/2019,S,V2,N1,U1,PR1,,,,NE61 1AA,NE61 2BB,XXXXXXX",
                "777003,02/04/2019,S,V2,N1,U1,PR1,,,,NE61 1AA,NE61 2BB,XXXXXXX", "777004,03/03/2019,S,V2,N1,U1,PR1,,,,NE61 1AA,NE61 2BB,XXXXXXX"),
                StandardCharsets.UTF_8);
        Path h2 = tmp.resolve("named-year");
        Cli.Result r2 = Cli.run("ingest", "--home", h2.toString(), lookup.toString(), g.toString());
        assertThat(r2.exit()).as(r2.out() + r2.err()).isZero();
        assertThat(Lakes.rows(h2, "select collection_year, count(*) from lac_episode group by 1")).containsExactly(List.of(2019L, 2L));
        assertThat(rejectsIn(h2, "lac_episode")).contains(",3,decom,DECOM (column B),[hidden: looks like a full date (10 characters)],collection_year,");
    }

    private static String rejects(String dataset, String file) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(home.resolve("rejects").resolve(dataset))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(file) && p.toString().endsWith(".csv")).sorted().toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }

    private static String rejectsIn(Path h, String dataset) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(h.resolve("rejects").resolve(dataset))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }
}
