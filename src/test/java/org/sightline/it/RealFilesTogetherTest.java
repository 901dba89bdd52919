package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in src/test/resources/real-files ingested together, as a data officer would hand over the
 * folder: one fresh home, the shipped contracts, no --dataset. Each file (and each sheet of a workbook)
 * either loads or is refused by name; none is taken for another dataset ("looks like ... but") and none
 * is refused whole for rejected rows. The real statistical-neighbour files load as la_reference and
 * extend the built-in reference rather than replace it, so Ofsted's GSS codes still match and the
 * neighbour comparison still has neighbours. Expected values come from the raw CSVs read by DuckDB.
 */
class RealFilesTogetherTest {

    static final Path REAL = Path.of("src", "test", "resources", "real-files");

    @TempDir
    static Path tmp;
    static Path home;
    static Cli.Result run;

    @BeforeAll
    static void ingestEverything() throws Exception {
        // SSDA903 returns do not say whose they are: the LA's DfE code is the folder's name
        Path returns = tmp.resolve("929");
        Files.createDirectories(returns);
        try (Stream<Path> s = Files.list(REAL.resolve("ssda903"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(p, returns.resolve(p.getFileName()));
        }
        // DfE's files as published (the large ceased table is kept gzipped in the repository)
        Path dfe = tmp.resolve("dfe");
        Files.createDirectories(dfe);
        try (Stream<Path> s = Files.list(REAL.resolve("dfe"))) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith("README")).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                        Files.copy(in, dfe.resolve(name.substring(0, name.length() - 3)));
                    }
                } else {
                    Files.copy(p, dfe.resolve(name));
                }
            }
        }
        home = tmp.resolve("home");
        run = Cli.run("ingest", "--home", home.toString(), dfe.toString(), REAL.resolve("ofsted").toString(), returns.toString());
    }

    @Test
    void everyFileAndSheetLoadsOrIsRefusedByName() {
        String out = run.out();
        // the run is not clean (three files are refused), so exit 1; but never a guess or a half-read
        assertThat(run.exit()).as(out + run.err()).isEqualTo(1);
        assertThat(out).doesNotContain("looks like").doesNotContain("Exception");
        Map<String, String> failed = new TreeMap<>();
        out.lines().filter(l -> l.startsWith("FAILED ")).forEach(l -> failed.put(l.substring(15).split(":")[0].split(" ->")[0], l));
        assertThat(failed.keySet()).containsExactlyInAnyOrder("b1_children_in_need_2013_to_2025.csv", "cla-data-guidance-2023-release.txt",
                "SSDA903_2020_header.csv");
        // the header sample (a validator's test input) gives three rows for one child: refused whole, by its numbers
        assertThat(failed.get("SSDA903_2020_header.csv")).contains("-> lac_child: 3 of 5 rows rejected (60%), more than the limit of 50%");
        assertThat(out.lines().filter(l -> l.contains("the whole file is refused")).count()).isEqualTo(1);
        assertThat(failed.get("b1_children_in_need_2013_to_2025.csv")).contains("the DfE children in need table: not loaded by Sightline");
        for (String loaded : List.of("New_Statistical_Neighbour_Groupings_April_2021.csv -> la_reference", "sn_model_2025_wide.csv -> la_reference",
                "SFR36_CLA2013.csv -> lac_statistic", "SFR41_CLA2016.csv -> lac_statistic",
                "cla_number_and_rate_per_10k_children-2023-release.csv -> lac_statistic",
                "cla_number_and_rate_per_10k_children-2025-release.csv -> lac_statistic",
                "la_children_who_ceased_during_the_year-2023-release.csv -> lac_statistic",
                "[Inspections_as_at_31_March] -> ofsted_judgement", "[ILACS_inspection_history] -> ofsted_judgement",
                "[LA_level_at_31_Mar_2023] -> ofsted_judgement", "SSDA903_2020_episodes.csv -> lac_episode")) {
            assertThat(out.lines().filter(l -> l.startsWith("LOADED") && l.contains(loaded)).count()).as(loaded + " in\n" + out).isEqualTo(1);
        }
        // the 2023 workbook's provider sheets and its wide history are skipped by name, its LA sheets load
        for (String sheet : List.of("Provider_level_at_31_Mar_2023", "Providers+places_at_31_Mar_2023", "Leavers+Joiners_at_31_Mar_2023",
                "Provider_level_in_year_2022-23")) {
            assertThat(out).contains("[" + sheet + "]: Ofsted's provider-level data (children's homes and other social care providers): not loaded by Sightline");
        }
        assertThat(out).contains("[LA_inspections_2009-2023]: Ofsted's LA inspection history 2009-2023 (one column group per framework): not loaded by Sightline");
    }

    @Test
    void theIngestedNeighbourFilesExtendTheBuiltInReference() throws Exception {
        // every LA of DfE's 2025 model, read from the raw file: in la_reference with its GSS code and ten neighbours
        Map<String, String> raw = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT old_la_code, SN_1 FROM read_csv('"
                     + REAL.resolve("dfe").resolve("sn_model_2025_wide.csv") + "', header = true, all_varchar = true)")) {
            while (rs.next()) raw.put(rs.getString(1), rs.getString(2));
        }
        assertThat(raw).hasSize(153);
        Map<String, String> lake = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home, "select la_code, statistical_neighbours[1] from la_reference"
                + " where ceased_on is null and gss_code is not null and len(statistical_neighbours) = 10")) {
            lake.put((String) r.get(0), (String) r.get(1));
        }
        assertThat(lake).containsAllEntriesOf(raw);
        // and Northumberland's CLA rate is compared with its neighbours in every year DfE published
        Cli.Result q = Cli.run("query", "--home", home.toString(), "--format", "csv", "--file", "reports/sql/lac/cla_rate_vs_neighbours.sql",
                "--set", "la_code=929");
        assertThat(q.exit()).as(q.out() + q.err()).isZero();
        List<String> years = q.out().lines().skip(1).toList();
        assertThat(years).hasSizeGreaterThanOrEqualTo(7);
        for (String y : years) assertThat(y.split(",")[7]).as(y).isNotEqualTo("0");
    }
}
