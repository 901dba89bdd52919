package org.sightline.ingest.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.lake.BuiltInLaReference;
import org.sightline.lake.Duck;
import org.sightline.lake.Lake;
import org.sightline.query.LakeViews;

/**
 * The national LA reference Sightline ships (jobs/reference/la-reference.csv): re-derived from DfE's and
 * ONS's raw files by its build script, and checked against those raw files read by DuckDB's read_csv;
 * on a fresh home it is the la_reference view and what LAs are matched against.
 */
class BuiltInLaReferenceTest {

    static final Path JOBS = Path.of("jobs");
    static final Path RAW = Path.of("src", "test", "resources", "real-files", "dfe");
    static final Path BUILT_IN = JOBS.resolve(BuiltInLaReference.FILE);

    @TempDir
    Path tmp;

    @Test
    void theCommittedFileIsWhatTheScriptBuildsFromTheRawFiles() throws Exception {
        Process p = new ProcessBuilder(python(), JOBS.resolve("reference").resolve("build_la_reference.py").toString(), RAW.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEqualTo(Files.readString(BUILT_IN));
    }

    @Test
    void everyCurrentLaHasOnsCodesNamesAndPopulationAndBothNeighbourModelsAsPublished() throws Exception {
        String ref = "read_csv(" + Duck.literal(BUILT_IN.toString()) + ", header = true, all_varchar = true)";
        String ons = "read_csv(" + Duck.literal(RAW.resolve("ons_mid-year_population_estimates_2012_to_2024.csv").toString())
                + ", header = true, all_varchar = true)";
        String sn25 = "read_csv(" + Duck.literal(RAW.resolve("sn_model_2025_wide.csv").toString()) + ", header = true, all_varchar = true)";
        String sn21 = "read_csv(" + Duck.literal(RAW.resolve("New_Statistical_Neighbour_Groupings_April_2021.csv").toString())
                + ", header = true, all_varchar = true, null_padding = true)";
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            // the 153 LAs of ONS's latest year, each once, with ONS's GSS code, name, region and 0-17 population
            assertThat(one(st, "SELECT count(*) FROM " + ons + " WHERE time_period = '2024' AND geographic_level = 'Local authority'")).isEqualTo(153L);
            assertThat(one(st, "SELECT count(*) FROM " + ref + " WHERE ceased_on IS NULL")).isEqualTo(153L);
            assertThat(one(st, "SELECT count(*) FROM " + ref + " r JOIN " + ons + " o ON o.old_la_code = r.la_code"
                    + " AND o.time_period = '2024' AND o.geographic_level = 'Local authority' WHERE r.ceased_on IS NULL"
                    + " AND r.gss_code = o.new_la_code AND r.la_name = o.la_name AND r.population_0_17 = o.population_estimate"
                    + " AND r.population_year = '2024'")).isEqualTo(153L);
            // DfE's 2025 model: the ten neighbours, closest first, for every current LA
            assertThat(one(st, "SELECT count(*) FROM " + ref + " r JOIN " + sn25 + " s ON s.old_la_code = r.la_code"
                    + " WHERE r.statistical_neighbours = concat_ws(', ', SN_1, SN_2, SN_3, SN_4, SN_5, SN_6, SN_7, SN_8, SN_9, SN_10)")).isEqualTo(153L);
            // DfE's 2021 model (repeated header names, a trailing comma): every LA it lists, retired ones included
            long in2021 = one(st, "SELECT count(DISTINCT \"LA num\") FROM " + sn21 + " WHERE regexp_matches(\"LA num\", '^\\d{3}$')");
            assertThat(in2021).isEqualTo(156L);
            assertThat(one(st, "SELECT count(*) FROM " + ref + " r JOIN " + sn21 + " s ON s.\"LA num\" = r.la_code"
                    + " WHERE r.statistical_neighbours_2021 = concat_ws(', ', SN1, SN2, SN3, SN4, SN5, SN6, SN7, SN8, SN9, SN10)")).isEqualTo(in2021);
            // Northumberland, as a reader would check it by hand
            assertThat(row(st, "SELECT gss_code, la_name, region, statistical_neighbours, population_0_17 FROM " + ref + " WHERE la_code = '929'"))
                    .containsExactly("E06000057", "Northumberland", "NORTH_EAST", "926, 830, 888, 908, 878, 840, 838, 886, 885, 935", "59056");
            // retired LAs keep their own rows, pointing at their successors
            assertThat(rows(st, "SELECT la_code || ' ' || la_name || ' -> ' || successor_la_codes || ' after ' || ceased_on FROM " + ref
                    + " WHERE ceased_on IS NOT NULL ORDER BY la_code")).containsExactly(
                    "835 Dorset -> 838, 839 after 2019-03-31", "836 Poole -> 839 after 2019-03-31", "837 Bournemouth -> 839 after 2019-03-31",
                    "909 Cumbria -> 942, 943 after 2023-03-31", "928 Northamptonshire -> 940, 941 after 2021-03-31");
        }
    }

    @Test
    void onAFreshHomeTheLaReferenceViewIsTheBuiltInReference() throws Exception {
        Map<String, Contract> contracts = new ContractLoader(JOBS, java.time.LocalDate.now()).loadAll();
        Lake lake = new Lake(tmp.resolve("home"));
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            LakeViews.create(c, lake, contracts);
            assertThat(one(st, "SELECT count(*) FROM la_reference")).isEqualTo(158L);
            assertThat(row(st, "SELECT la_name, population_0_17::VARCHAR, statistical_neighbours[1], len(statistical_neighbours),"
                    + " statistical_neighbours_2021[1], region, source_file FROM la_reference WHERE la_code = '929'"))
                    .containsExactly("Northumberland", "59056", "926", "10", "811", "NORTH_EAST", BuiltInLaReference.SOURCE);
            assertThat(row(st, "SELECT successor_la_codes::VARCHAR, ceased_on::VARCHAR FROM la_reference WHERE la_code = '909'"))
                    .containsExactly("[942, 943]", "2023-03-31");
            assertThat(row(st, "SELECT former_gss_codes::VARCHAR FROM la_reference WHERE la_code = '815'")).containsExactly("[E10000023]");
        }
    }

    @Test
    void onAFreshHomeLasAreMatchedAgainstTheBuiltInReferenceWhateverTheirSpelling() throws Exception {
        LaMatcher m = LaMatcher.fromLake(List.of(), JOBS);
        assertThat(m.las()).hasSize(158);
        Map<String, String> byName = Map.ofEntries(
                Map.entry("Bedford", "822"), Map.entry("Bedford Borough", "822"), Map.entry("Bedford Borough Council", "822"),
                Map.entry("Durham", "840"), Map.entry("County Durham", "840"),
                Map.entry("Bournemouth, Christchurch & Poole", "839"), Map.entry("Bournemouth, Christchurch and Poole", "839"),
                Map.entry("Herefordshire", "884"), Map.entry("County of Herefordshire", "884"),
                Map.entry("Bristol", "801"), Map.entry("City of Bristol", "801"), Map.entry("City of London", "201"),
                Map.entry("St Helens", "342"), Map.entry("St. Helens", "342"), Map.entry("Kingston Upon Hull, City of", "810"),
                Map.entry("Hull", "810"), Map.entry("Dorset", "838"), Map.entry("Cumbria", "909"), Map.entry("Northamptonshire", "928"),
                Map.entry("Westmorland and Furness", "943"), Map.entry("Telford & Wrekin", "894"));
        byName.forEach((name, code) -> assertThat(m.match(null, name).laCode()).as(name).isEqualTo(code));
        // codes: DfE (text or a spreadsheet number), GSS, and a GSS code the authority had before
        assertThat(m.match("929", null).laCode()).isEqualTo("929");
        assertThat(m.match("929.0", null).laCode()).isEqualTo("929");
        assertThat(m.match("E06000057", null).laCode()).isEqualTo("929");
        assertThat(m.match("E10000023", "North Yorkshire").laCode()).isEqualTo("815");
        assertThat(m.match("E10000006", null).laCode()).isEqualTo("909");
        assertThat(m.match(null, "London").matched()).as("London is not the City of London").isFalse();
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> row(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
        }
        return out;
    }

    static List<String> rows(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
