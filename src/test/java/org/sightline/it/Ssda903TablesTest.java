package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection never takes one table for another: a whole 11-table SSDA903 return (the real header and
 * episodes samples, and the other nine tables made here with the field names of DfE's "Children
 * looked after return" guidance) ingested as one folder loads the header and episodes tables and
 * refuses each other table by its own name, leaving the header table's rows untouched; a DfE
 * children-in-need table is not filed as lac_statistic.
 */
class Ssda903TablesTest {

    static final Path REAL = Path.of("src", "test", "resources", "real-files");
    static final Path LA_REFERENCE = Path.of("sample-data", "la-reference.synthetic.csv");

    /** The nine tables Sightline does not load: table name -> its header and one row (CHILD ids of the real header sample). */
    static final Map<String, String> OTHER_TABLES = new LinkedHashMap<>();

    static {
        OTHER_TABLES.put("uasc", "CHILD,SEX,DOB,DUC\n249901,2,07/01/2013,07/01/2031");
        OTHER_TABLES.put("reviews", "CHILD,DOB,REVIEW,REVIEW_CODE\n249901,07/01/2013,01/06/2019,PN1");
        OTHER_TABLES.put("oc2", "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
                + "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n249901,07/01/2013,12,,0,1,1,1,1,0,,");
        OTHER_TABLES.put("oc3", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n689661,11/07/2000,YES,F2,S");
        OTHER_TABLES.put("ad1", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n689661,11/07/2015,01/02/2019,01/03/2019,0,1,M1,L0");
        OTHER_TABLES.put("placed_for_adoption", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n689661,11/07/2015,01/04/2019,,");
        OTHER_TABLES.put("missing", "CHILD,DOB,MISSING,MIS_START,MIS_END\n249901,07/01/2013,M,02/05/2019,03/05/2019");
        OTHER_TABLES.put("previous_permanence", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\n249901,07/01/2013,Z1,,");
        OTHER_TABLES.put("sw_episodes", "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n249901,SW123,30/03/2019,,");
    }

    @TempDir
    Path tmp;

    /** The return as a folder: 929 (Northumberland, in the sample LA reference) and 2020 in every file name. */
    private Path wholeReturn() throws Exception {
        Path dir = tmp.resolve("return");
        Files.createDirectories(dir);
        // the header table that loads: the synthetic sample's (the real sample's header table has three
        // rows of five with errors, so it is refused for its content: it goes in too, and changes nothing)
        Files.copy(Path.of("sample-data", "lac", "ssda903-929-northumberland-header.synthetic.csv"), dir.resolve("929_SSDA903_2020_header.csv"));
        Files.copy(REAL.resolve("ssda903/SSDA903_2020_header.csv"), dir.resolve("929_SSDA903_2020_header_liia_sample.csv"));
        Files.copy(REAL.resolve("ssda903/SSDA903_2020_episodes.csv"), dir.resolve("929_SSDA903_2020_episodes.csv"));
        for (Map.Entry<String, String> t : OTHER_TABLES.entrySet()) {
            Files.writeString(dir.resolve("929_SSDA903_2020_" + t.getKey() + ".csv"), t.getValue() + "\n", StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static String headerTable(Path home) throws Exception {
        return Lakes.rows(home, "select count(*), sum(hash(child_key, sex, birth_month, ethnicity, la_code, collection_year)) from lac_child").toString();
    }

    /** Data rows of a CSV, read by DuckDB's own CSV reader (not Sightline's). */
    private static long csvRows(Path csv) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_csv('" + csv.toAbsolutePath() + "', header = true, all_varchar = true)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aWholeReturnAsOneFolderLeavesTheHeaderTableUntouchedAndRefusesEachOtherTableByName() throws Exception {
        Path home = tmp.resolve("home");
        Path dir = wholeReturn();
        Path first = tmp.resolve("first");
        Files.createDirectories(first);
        Files.copy(dir.resolve("929_SSDA903_2020_header.csv"), first.resolve("929_SSDA903_2020_header.csv"));
        Files.copy(dir.resolve("929_SSDA903_2020_episodes.csv"), first.resolve("929_SSDA903_2020_episodes.csv"));
        Cli.Result loaded = Cli.run("ingest", "--home", home.toString(), LA_REFERENCE.toString(), first.toString());
        assertThat(loaded.out()).contains("929_SSDA903_2020_header.csv -> lac_child").contains("929_SSDA903_2020_episodes.csv -> lac_episode");
        long children = Lakes.count(home, "select count(*) from lac_child");
        long rawHeaderRows = csvRows(first.resolve("929_SSDA903_2020_header.csv"));
        assertThat(rawHeaderRows).isGreaterThan(50);
        assertThat(children).isPositive().isLessThanOrEqualTo(rawHeaderRows);
        String before = headerTable(home);

        Cli.Result whole = Cli.run("ingest", "--home", home.toString(), dir.toString());
        String out = whole.out();
        for (String table : OTHER_TABLES.keySet()) {
            assertThat(out).as(table).containsPattern("929_SSDA903_2020_" + table + "\\.csv: the SSDA903 " + table + " table[^:\\n]*: not loaded by Sightline");
        }
        assertThat(out).doesNotContain("looks like lac_child").doesNotContain("uasc.csv -> lac_child");
        assertThat(out).contains("929_SSDA903_2020_header.csv -> lac_child: this file was already loaded")
                .contains("929_SSDA903_2020_header_liia_sample.csv -> lac_child: 3 of 5 rows rejected")
                .contains("929_SSDA903_2020_episodes.csv -> lac_episode: this file was already loaded");
        assertThat(headerTable(home)).isEqualTo(before);
    }

    @Test
    void theUascTableIsNeverTakenForTheHeaderTableEvenWhenNamedAsIt() throws Exception {
        Path home = tmp.resolve("uasc-home");
        Path dir = wholeReturn();
        Path uasc = dir.resolve("929_SSDA903_2020_uasc.csv");
        assertThat(Cli.run("ingest", "--home", home.toString(), LA_REFERENCE.toString()).exit()).isZero();
        for (String[] args : List.of(new String[] {}, new String[] {"--dataset", "lac_child"})) {
            String[] all = new String[3 + args.length + 1];
            all[0] = "ingest";
            all[1] = "--home";
            all[2] = home.toString();
            System.arraycopy(args, 0, all, 3, args.length);
            all[all.length - 1] = uasc.toString();
            Cli.Result r = Cli.run(all);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("the SSDA903 uasc table: not loaded by Sightline").contains("CHILD, DUC");
        }
        assertThat(new org.sightline.lake.Lake(home).read().current("lac_child")).isEmpty();
    }

    @Test
    void theDfeChildrenInNeedTableIsNotFiledAsLacStatistic() throws Exception {
        Path home = tmp.resolve("cin-home");
        Path cin = REAL.resolve("dfe/b1_children_in_need_2013_to_2025.csv");
        assertThat(csvRows(cin)).isGreaterThan(1000);
        Cli.Result v = Cli.run("validate", "--home", home.toString(), cin.toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("the DfE children in need table: not loaded by Sightline").doesNotContain("-> lac_statistic");
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), cin.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(new org.sightline.lake.Lake(home).read().current("lac_statistic")).isEmpty();
    }
}
