package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ofsted's two published workbooks (src/test/resources/real-files/ofsted, as Ofsted released them)
 * ingested on fresh homes with the shipped contracts, no --dataset and no LA lookup (the built-in
 * national reference matches the LAs), and every lake row checked against the raw workbook read by
 * an independent reader (odfpy) and LA codes from ONS's raw file (DuckDB's read_csv).
 */
class OfstedRealFilesTest {

    static final Path OFSTED = Path.of("src", "test", "resources", "real-files", "ofsted");
    static final Path OUTCOMES_2025 = OFSTED.resolve("LA_Inspection_Outcomes_as_at_31_March_2025.ods");
    static final Path UNDERLYING_2023 = OFSTED.resolve("Childrens_social_care_in_England_2023_underlying_data.ods");
    static final Path ONS = Path.of("src", "test", "resources", "real-files", "dfe", "ons_mid-year_population_estimates_2012_to_2024.csv");
    static final List<String> AREAS = List.of("OVERALL", "LEADERS", "HELP_AND_PROTECTION", "IN_CARE", "CARE_LEAVERS");
    static final Map<String, Long> GRADES = Map.of("Outstanding", 1L, "Good", 2L, "Requires improvement to be good", 3L, "Inadequate", 4L);

    @TempDir
    static Path tmp;
    static Path home2025;
    static Path home2023;
    static Cli.Result run2025;
    static Cli.Result run2023;

    @BeforeAll
    static void ingest() {
        home2025 = tmp.resolve("home-2025");
        home2023 = tmp.resolve("home-2023");
        run2025 = Cli.run("ingest", "--home", home2025.toString(), OUTCOMES_2025.toString());
        run2023 = Cli.run("ingest", "--home", home2023.toString(), UNDERLYING_2023.toString());
    }

    @Test
    void theInspectionOutcomesWorkbookLoadsEveryJudgementOfEverySheetAsPublished() throws Exception {
        assertThat(run2025.exit()).as(run2025.out() + run2025.err()).isZero();
        assertThat(run2025.out()).contains("[Inspections_as_at_31_March] -> ofsted_judgement: 765 rows loaded")
                .contains("[In-year_inspections] -> ofsted_judgement").contains("[ILACS_inspection_history] -> ofsted_judgement")
                .doesNotContain("not loaded, and every row").doesNotContain("FAILED");
        Map<String, String> gssToDfe = gssToDfe();
        // what the three sheets say, read by odfpy: LA x inspection date x area -> grade (or reason)
        JsonNode odf = odfpy(OUTCOMES_2025);
        Map<String, String> expected = new TreeMap<>();
        int visits = 0;
        for (String sheet : List.of("Inspections_as_at_31_March", "In-year_inspections", "ILACS_inspection_history")) {
            JsonNode rows = odf.get("rows").get(sheet);
            List<String> header = cells(rows.get(2));
            int code = header.indexOf("Local authority area code");
            int date = header.indexOf("Inspection date") >= 0 ? header.indexOf("Inspection date") : header.indexOf("Inspection/Visit date");
            int type = header.indexOf("Inspection/Visit type");
            int overall = header.indexOf("Overall effectiveness");
            assertThat(List.of(code, date, overall)).doesNotContain(-1);
            for (int i = 3; i < rows.size(); i++) {
                List<String> r = cells(rows.get(i));
                if (type >= 0 && r.get(type).contains("isit")) {   // a focused or monitoring visit: no judgement
                    visits++;
                    continue;
                }
                String la = gssToDfe.get(r.get(code));
                assertThat(la).as(sheet + " row " + rows.get(i).get(0) + ": " + r.get(code)).isNotNull();
                for (int a = 0; a < AREAS.size(); a++) {
                    String cell = overall + a < r.size() ? r.get(overall + a) : null;
                    String value;
                    if (cell != null) value = String.valueOf(GRADES.get(cell));
                    else if (AREAS.get(a).equals("CARE_LEAVERS") && r.get(date).compareTo("2023-01-01") < 0) value = "NOT_APPLICABLE";
                    else value = "REJECTED";
                    String key = la + "|" + r.get(date) + "|" + AREAS.get(a);
                    String before = expected.put(key, value);
                    assertThat(before == null || before.equals(value)).as("the sheets agree on " + key).isTrue();
                }
            }
        }
        assertThat(visits).isGreaterThan(20);
        Map<String, String> lake = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home2025, "select la_code, cast(inspection_start as varchar), area, grade, grade_reason from ofsted_judgement")) {
            assertThat(lake.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r.get(3) != null ? String.valueOf(r.get(3)) : (String) r.get(4))).isNull();
        }
        expected.values().removeIf("REJECTED"::equals);
        assertThat(lake).isEqualTo(expected);
        // the latest ILACS history has 272 inspections of 156 LAs (the 153, and 3 no longer existing)
        assertThat(Lakes.count(home2025, "select count(distinct la_code) from ofsted_judgement")).isEqualTo(
                expected.keySet().stream().map(k -> k.substring(0, 3)).distinct().count());
        assertThat(Lakes.count(home2025, "select count(*) from ofsted_judgement where area = 'CARE_LEAVERS' and grade_reason = 'NOT_APPLICABLE'"
                + " and inspection_start >= date '2023-01-01'")).isZero();
        // the web link column holds display text only: said in the run summary, not stored as a URL
        assertThat(Lakes.count(home2025, "select count(*) from ofsted_judgement where report_url is not null")).isZero();
    }

    @Test
    void theUnderlyingDataWorkbooksLaSheetsLoadEveryJudgementAndItsProviderSheetsAreNotTakenForLas() throws Exception {
        String out = run2023.out();
        assertThat(out).contains("[LA_level_at_31_Mar_2023] -> ofsted_judgement").contains("[LA_level_in_year_2022-23] -> ofsted_judgement")
                .doesNotContain("la_reference is not loaded");
        // no provider (children's home) row is ever filed as an LA judgement
        assertThat(Lakes.count(home2023, "select count(*) from ofsted_judgement where source_sheet not in"
                + " ('LA_level_at_31_Mar_2023', 'LA_level_in_year_2022-23')")).isZero();
        assertThat(out).contains("[Provider_level_in_year_2022-23]").contains("social care providers");
        JsonNode odf = odfpy(UNDERLYING_2023);
        // the raw rows of both sheets (an inspection in both counts once: LA name, whatever its case, + date), as (date, area, grade)
        Map<String, String> byKey = new TreeMap<>();
        for (String sheet : List.of("LA_level_at_31_Mar_2023", "LA_level_in_year_2022-23")) {
            JsonNode rows = odf.get("rows").get(sheet);
            List<String> header = cells(rows.get(2));
            int name = header.indexOf("Local authority name");
            int date = header.indexOf("Inspection date") >= 0 ? header.indexOf("Inspection date") : header.indexOf("Inspection/Visit date");
            int type = header.indexOf("Inspection/Visit type");
            int overall = header.indexOf("Overall effectiveness");
            assertThat(List.of(name, date, overall)).doesNotContain(-1);
            for (int i = 3; i < rows.size(); i++) {
                List<String> r = cells(rows.get(i));
                if (type >= 0 && r.get(type).contains("isit")) continue;
                for (int a = 0; a < AREAS.size(); a++) {
                    String cell = overall + a < r.size() ? r.get(overall + a) : null;
                    String value = cell != null ? String.valueOf(GRADES.get(cell))
                            : AREAS.get(a).equals("CARE_LEAVERS") && r.get(date).compareTo("2023-01-01") < 0 ? "NOT_APPLICABLE" : null;
                    if (value != null) byKey.putIfAbsent(r.get(name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + "|" + r.get(date) + "|" + AREAS.get(a), r.get(date) + "|" + AREAS.get(a) + "|" + value);
                }
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        byKey.values().forEach(v -> expected.merge(v, 1, Integer::sum));
        Map<String, Integer> lake = new TreeMap<>();
        for (List<Object> r : Lakes.rows(home2023, "select cast(inspection_start as varchar), area, grade, grade_reason from ofsted_judgement")) {
            lake.merge(r.get(0) + "|" + r.get(1) + "|" + (r.get(2) != null ? String.valueOf(r.get(2)) : r.get(3)), 1, Integer::sum);
        }
        assertThat(lake).isEqualTo(expected);
        // each inspection matched an LA of its own (by name alone: this workbook gives no codes)
        long inspections = byKey.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('|'))).distinct().count();
        assertThat(Lakes.count(home2023, "select count(distinct la_code || inspection_start) from ofsted_judgement")).isEqualTo(inspections);
        assertThat(Lakes.count(home2023, "select count(*) from ofsted_judgement where source_sheet = 'LA_level_at_31_Mar_2023'"
                + " and area = 'OVERALL'")).isEqualTo(152);
    }

    // ------------------------------------------------------------------ helpers

    /** GSS code -> DfE code from ONS's raw file (every year, so retired authorities too), read by DuckDB. */
    static Map<String, String> gssToDfe() throws Exception {
        Map<String, String> out = new HashMap<>();
        try (var c = org.sightline.lake.Duck.open(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT DISTINCT new_la_code, old_la_code FROM read_csv(" + org.sightline.lake.Duck.literal(ONS.toString())
                     + ", header = true, all_varchar = true) WHERE geographic_level = 'Local authority'")) {
            while (rs.next()) assertThat(out.put(rs.getString(1), rs.getString(2))).isNull();
        }
        return out;
    }

    static List<String> cells(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.get(1).forEach(c -> out.add(c.isNull() ? null : c.asText()));
        return out;
    }

    static JsonNode odfpy(Path file) throws Exception {
        Path out = tmp.resolve(file.getFileName() + ".json");
        if (!Files.exists(out)) {
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process p = new ProcessBuilder(python, "src/test/resources/tools/ods_dump.py", file.toString(), out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("odfpy (apt-get install python3-odf): " + log).isZero();
        }
        return new ObjectMapper().readTree(out.toFile());
    }
}
