package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.lake.Lake;
import org.sightline.query.QueryRunner;
import org.sightline.sample.OfstedSampleGenerator;

/**
 * Ofsted judgements end to end: the two synthetic workbooks of sample-data/ofsted/ and the LA
 * reference ingested through the real job into real Parquet, read back by a real DuckDB, checked
 * against the generator's ground truth ({@code sample-expected-ofsted.json}) and the raw files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfstedLakeTest {

    static final Path SAMPLE = Path.of("sample-data");
    static final Path SUMMARY = SAMPLE.resolve("ofsted").resolve(OfstedSampleGenerator.SUMMARY_FILE);
    static final Path MI = SAMPLE.resolve("ofsted").resolve(OfstedSampleGenerator.MI_FILE);
    static final Path SQL = Path.of("reports", "sql", "ofsted");
    static final List<String> AREAS = List.of("OVERALL", "LEADERS", "HELP_AND_PROTECTION", "IN_CARE", "CARE_LEAVERS");

    @TempDir
    static Path tmp;
    static Path home;
    static JsonNode truth;
    static Cli.Result first;

    @BeforeAll
    static void ingest() throws Exception {
        home = tmp.resolve("home");
        truth = new ObjectMapper().readTree(Path.of("src", "test", "resources", "sample-expected-ofsted.json").toFile());
        // the Ofsted folder first on the command line: load_after puts la_reference first anyway
        first = Cli.run("ingest", "--home", home.toString(), SAMPLE.resolve("ofsted").toString(),
                SAMPLE.resolve("la-reference.synthetic.csv").toString());
    }

    // ------------------------------------------------------------------ loading

    @Test
    @Order(1)
    void bothLayoutsLoadAfterTheLaReference() throws Exception {
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        String out = first.out();
        assertThat(out).contains("[" + "Regional summary 2025] -> ofsted_judgement")
                .contains("[ILACS outcomes] -> ofsted_judgement").contains("[Previous inspections] -> ofsted_judgement")
                .contains("[Contents]").contains("[Notes]");
        assertThat(out.indexOf("-> la_reference")).isPositive().isLessThan(out.indexOf("-> ofsted_judgement"));
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement"))
                .isEqualTo(truth.at("/datasets/ofsted_judgement/good_rows").asLong()).isGreaterThan(200);
        // per sheet, exactly the rows the generator says it adds
        for (var f : iterable(truth.at("/ofsted/files").fields())) {
            String[] fileSheet = f.getKey().split(" / ");
            assertThat(Lakes.count(home, "select count(*) from ofsted_judgement where source_file = '" + fileSheet[0]
                    + "' and source_sheet = '" + fileSheet[1] + "'")).as(f.getKey()).isEqualTo(f.getValue().get("lake_rows_added").asLong());
        }
    }

    @Test
    @Order(2)
    void everyLakeRowIsTheGroundTruthsRow() throws Exception {
        Map<String, List<Object>> lake = new HashMap<>();
        for (List<Object> r : Lakes.rows(home, "select la_code, cast(inspection_start as varchar), area, cast(inspection_end as varchar),"
                + " cast(published_on as varchar), framework, grade, grade_label, grade_reason, report_url, source_file, source_sheet, source_row"
                + " from ofsted_judgement")) {
            assertThat(lake.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r)).as("one row per LA, inspection and area").isNull();
        }
        JsonNode rows = truth.at("/ofsted/lake_rows");
        assertThat(lake).hasSize(rows.size());
        for (JsonNode t : rows) {
            String key = t.get("la_code").asText() + "|" + t.get("inspection_start").asText() + "|" + t.get("area").asText();
            List<Object> r = lake.get(key);
            assertThat(r).as(key).isNotNull();
            assertThat(r.subList(3, 13)).as(key).containsExactly(
                    text(t, "inspection_end"), text(t, "published_on"), text(t, "framework"),
                    t.get("grade").isNull() ? null : t.get("grade").asLong(),
                    text(t, "grade_label"), text(t, "grade_reason"), text(t, "report_url"),
                    text(t, "source_file"), text(t, "source_sheet"), t.get("source_row").asLong());
        }
    }

    @Test
    @Order(3)
    void aGradeSpelledInFiveWaysLandsAsTheSameGrade() throws Exception {
        Map<String, List<JsonNode>> bySpelling = new TreeMap<>();
        for (JsonNode t : truth.at("/ofsted/lake_rows")) {
            if (t.get("source_file").asText().equals(OfstedSampleGenerator.SUMMARY_FILE) && t.get("grade").asInt() == 3) {
                bySpelling.computeIfAbsent(t.get("as_written").asText(), k -> new ArrayList<>()).add(t);
            }
        }
        assertThat(bySpelling.keySet()).hasSizeGreaterThanOrEqualTo(5)
                .contains("RI", "requires improvement", "REQUIRES IMPROVEMENT TO BE GOOD", "3");
        // the spellings really are in the workbook as sent
        Set<String> cells = judgementCells(SUMMARY, "Regional summary 2025");
        assertThat(cells).containsAll(bySpelling.keySet());
        for (var e : bySpelling.entrySet()) {
            for (JsonNode t : e.getValue()) {
                List<Object> r = Lakes.rows(home, "select grade, grade_label, grade_reason from ofsted_judgement where la_code = '"
                        + t.get("la_code").asText() + "' and inspection_start = '" + t.get("inspection_start").asText()
                        + "' and area = '" + t.get("area").asText() + "'").get(0);
                assertThat(r).as(e.getKey()).containsExactly(3L, "Requires improvement to be good", null);
            }
        }
        // "Adequate" (the pre-2013 scale) is grade 3 too, with its framework recorded
        assertThat(Lakes.rows(home, "select distinct grade, framework from ofsted_judgement where grade_label = 'Adequate'"))
                .containsExactly(List.of(3L, "SLAC"));
    }

    @Test
    @Order(4)
    void aNotApplicableMarkerLandsAsAnEmptyGradeWithItsReason() throws Exception {
        Set<String> markers = new HashSet<>();
        int n = 0;
        for (JsonNode t : truth.at("/ofsted/lake_rows")) {
            if (!t.get("grade_reason").isNull()) {
                markers.add(t.get("as_written").asText());
                List<Object> r = Lakes.rows(home, "select grade, grade_label, grade_reason from ofsted_judgement where la_code = '"
                        + t.get("la_code").asText() + "' and inspection_start = '" + t.get("inspection_start").asText()
                        + "' and area = '" + t.get("area").asText() + "'").get(0);
                assertThat(r).containsExactly(null, null, "NOT_APPLICABLE");
                n++;
            }
        }
        assertThat(markers).contains("N/A", "n/a", "Not applicable - inspection pre-dates this judgement", "Not applicable");
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement where grade is null")).isEqualTo(n);
        // every marker is on a judgement that did not exist yet: care leavers before 2023, leadership under SLAC
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement where grade_reason is not null"
                + " and not (area = 'CARE_LEAVERS' and inspection_start < date '2023-01-01')"
                + " and not (area = 'LEADERS' and framework = 'SLAC')")).isZero();
        // and no marker was rejected
        assertThat(rejectLines()).noneMatch(l -> l.contains(",care_leavers,"));
    }

    @Test
    @Order(5)
    void publicationDatesWithTwoDigitYearsLandInTheRightCentury() throws Exception {
        // find the row in the workbook as sent
        String published = null;
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(SUMMARY))) {
            Sheet s = wb.getSheet("Regional summary 2025");
            DataFormatter fmt = new DataFormatter();
            for (Row row : s) {
                if ("Plymouth".equals(fmt.formatCellValue(row.getCell(0)))) published = fmt.formatCellValue(row.getCell(6));
            }
        }
        assertThat(published).isEqualTo("05/09/22");
        assertThat(Lakes.rows(home, "select distinct cast(published_on as varchar), source_file from ofsted_judgement"
                + " where la_code = '879' and inspection_start = date '2022-07-11'"))
                .containsExactly(List.of("2022-09-05", OfstedSampleGenerator.SUMMARY_FILE));
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement where published_on < date '2005-01-01'"
                + " or published_on > date '2026-10-31'")).isZero();
    }

    @Test
    @Order(6)
    void theRejectsHoldExactlyTheBadRowsEachNamingItsProblem() throws Exception {
        Set<String> reported = new HashSet<>();
        List<String> lines = rejectLines();
        for (String l : lines) {
            String[] c = l.split(",", 8);
            reported.add(c[0] + "|" + c[1] + "|" + c[2] + "|" + c[3] + "|" + c[6]);
        }
        Set<String> expected = new HashSet<>();
        for (JsonNode b : truth.at("/datasets/ofsted_judgement/bad_rows")) {
            expected.add(b.get("file").asText() + "|" + b.get("sheet").asText() + "|" + b.get("row").asInt() + "|"
                    + b.get("column").asText() + "|" + b.get("reason").asText());
        }
        assertThat(reported).isEqualTo(expected);
        assertThat(lines).anyMatch(l -> l.contains("'Westmorland and Furnace' matches no LA in la_reference"))
                .anyMatch(l -> l.contains("'949' (North Northamptonshire) is not in la_reference"))
                .anyMatch(l -> l.contains("is Dorset but the name 'Plymouth' is Plymouth"));
    }

    @Test
    @Order(7)
    void inspectorNamesAreNeverStoredLoggedOrReported() throws Exception {
        List<Pattern> names = new ArrayList<>();
        for (JsonNode n : truth.at("/ofsted/inspector_names")) names.add(Pattern.compile("\\b" + Pattern.quote(n.asText()) + "\\b"));
        assertThat(names).hasSizeGreaterThan(50);
        // they are in the workbooks as sent ...
        String sent = String.join("\n", allCells(SUMMARY)) + String.join("\n", allCells(MI));
        assertThat(names).allMatch(p -> p.matcher(sent).find());
        // ... and nowhere in the lake, logs, run summaries or rejects
        StringBuilder text = new StringBuilder();
        for (List<Object> r : Lakes.rows(home, "select * from ofsted_judgement")) text.append(r).append('\n');
        for (String dir : List.of("logs", "runs", "rejects")) {
            if (!Files.isDirectory(home.resolve(dir))) continue;
            try (Stream<Path> s = Files.walk(home.resolve(dir))) {
                for (Path f : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".xlsx")).toList()) {
                    text.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        assertThat(text.toString()).contains("ofsted_judgement");
        for (Pattern p : names) assertThat(p.matcher(text).find()).as(p.pattern()).isFalse();
        assertThat(Lakes.rows(home, "select * from ofsted_judgement limit 1").get(0)).hasSize(10 + 6);
    }

    @Test
    @Order(8)
    void theRunSummaryGivesTheMiWorkbooksDateOfData() throws Exception {
        StringBuilder runs = new StringBuilder();
        try (Stream<Path> s = Files.list(home.resolve("runs"))) {
            for (Path f : s.toList()) runs.append(Files.readString(f));
        }
        assertThat(runs.toString()).contains("data as at 2026-03-31").contains("data as at 2025-06-30");
    }

    // ------------------------------------------------------------------ SQL

    @Test
    @Order(10)
    void latestJudgementSqlGivesEachLasLatestGradePerArea() throws Exception {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (JsonNode t : truth.at("/ofsted/lake_rows")) {
            String key = t.get("la_code").asText() + "|" + t.get("area").asText();
            JsonNode have = latest.get(key);
            if (have == null || t.get("inspection_start").asText().compareTo(have.get("inspection_start").asText()) > 0) latest.put(key, t);
        }
        List<Map<String, Object>> rows = sqlFile("latest_judgement.sql", null);
        Map<String, Map<String, Object>> got = new TreeMap<>();
        for (Map<String, Object> r : rows) got.put(r.get("la_code") + "|" + r.get("area"), r);
        assertThat(got.keySet()).isEqualTo(latest.keySet());
        assertThat(latest).hasSize(18 * 5);
        for (var e : latest.entrySet()) {
            Map<String, Object> r = got.get(e.getKey());
            JsonNode t = e.getValue();
            assertThat(r.get("grade")).as(e.getKey()).isEqualTo(t.get("grade").isNull() ? null : t.get("grade").asLong());
            assertThat(r.get("grade_reason")).as(e.getKey()).isEqualTo(text(t, "grade_reason"));
            assertThat(String.valueOf(r.get("inspection_start"))).as(e.getKey()).isEqualTo(t.get("inspection_start").asText());
        }
        // the names come from la_reference, and one LA can be asked for
        assertThat(rows).anyMatch(r -> "Bristol, City of".equals(r.get("la_name")));
        assertThat(sqlFile("latest_judgement.sql", "879")).hasSize(5).allMatch(r -> "879".equals(r.get("la_code")));
    }

    @Test
    @Order(11)
    void judgementHistorySqlListsEveryInspectionNewestFirst() throws Exception {
        for (JsonNode la : laReference()) {
            String code = la.get("la_code").asText();
            TreeMap<String, Long> overallByStart = new TreeMap<>(java.util.Comparator.reverseOrder());
            for (JsonNode t : truth.at("/ofsted/lake_rows")) {
                if (!t.get("la_code").asText().equals(code)) continue;
                overallByStart.putIfAbsent(t.get("inspection_start").asText(), null);
                if (t.get("area").asText().equals("OVERALL")) overallByStart.put(t.get("inspection_start").asText(), t.get("grade").asLong());
            }
            List<Map<String, Object>> rows = sqlFile("judgement_history.sql", code);
            assertThat(rows.stream().map(r -> String.valueOf(r.get("inspection_start"))).toList()).as(code)
                    .containsExactlyElementsOf(overallByStart.keySet());
            for (Map<String, Object> r : rows) {
                assertThat(r.get("overall_grade")).as(code).isEqualTo(overallByStart.get(String.valueOf(r.get("inspection_start"))));
            }
        }
        List<Map<String, Object>> plymouth = sqlFile("judgement_history.sql", "879");
        assertThat(plymouth.get(0).get("care_leavers")).isEqualTo("not applicable");
        assertThat(String.valueOf(plymouth.get(0).get("published_on"))).isEqualTo("2022-09-05");
    }

    @Test
    @Order(12)
    void neighbourSqlGivesTheDistributionOfNeighboursLatestOverallGrades() throws Exception {
        Map<String, Long> latestOverall = new HashMap<>();
        Map<String, String> latestStart = new HashMap<>();
        for (JsonNode t : truth.at("/ofsted/lake_rows")) {
            if (!t.get("area").asText().equals("OVERALL")) continue;
            String code = t.get("la_code").asText();
            if (!latestStart.containsKey(code) || t.get("inspection_start").asText().compareTo(latestStart.get(code)) > 0) {
                latestStart.put(code, t.get("inspection_start").asText());
                latestOverall.put(code, t.get("grade").isNull() ? null : t.get("grade").asLong());
            }
        }
        for (JsonNode la : laReference()) {
            List<String> neighbours = new ArrayList<>();
            for (JsonNode n : la.get("statistical_neighbours")) neighbours.add(n.asText());
            Map<Long, List<String>> expected = new HashMap<>();
            for (String n : neighbours) expected.computeIfAbsent(latestOverall.get(n), k -> new ArrayList<>()).add(n);
            List<Map<String, Object>> rows = sqlFile("neighbour_overall_grades.sql", la.get("la_code").asText());
            assertThat(rows).hasSize(5);
            long total = 0;
            for (Map<String, Object> r : rows) {
                Long grade = (Long) (r.get("grade") == null ? null : ((Number) r.get("grade")).longValue());
                List<String> want = new ArrayList<>(expected.getOrDefault(grade, List.of()));
                want.sort(null);
                assertThat(r.get("neighbours")).as(la + " grade " + grade).isEqualTo((long) want.size());
                assertThat(r.get("la_codes")).as(la + " grade " + grade).isEqualTo(want);
                total += (Long) r.get("neighbours");
            }
            assertThat(total).isEqualTo(neighbours.size());
        }
    }

    @Test
    @Order(13)
    void theSqlFilesRunFromTheCommandLineWithAVariable() throws Exception {
        Cli.Result r = Cli.run("query", "--home", home.toString(), "--format", "csv",
                "--file", SQL.resolve("judgement_history.sql").toString(), "--set", "la_code=879");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("la_code,inspection_start,");
        assertThat(lines).hasSize(1 + (int) Lakes.count(home, "select count(distinct inspection_start) from ofsted_judgement where la_code = '879'"));
        assertThat(lines.get(1)).startsWith("879,2022-07-11,").contains(",2022-09-05,ILACS_");
        assertThat(Cli.run("query", "--home", home.toString()).exit()).isEqualTo(2);   // neither SQL nor --file
    }

    // ------------------------------------------------------------------ sending again, sending newer

    @Test
    @Order(20)
    void loadingTheSameWorkbookTwiceAddsNothing() throws Exception {
        long before = Lakes.count(home, "select count(*) from ofsted_judgement");
        Cli.Result again = Cli.run("ingest", "--home", home.toString(), SAMPLE.resolve("ofsted").toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("ALREADY_LOADED").doesNotContain("LOADED         ");
        // the same workbook saved again (different bytes, same rows): every row is already in the lake
        Path resaved = Files.createDirectories(tmp.resolve("resaved")).resolve("summary-resaved.xlsx");
        try (InputStream in = Files.newInputStream(SUMMARY); XSSFWorkbook wb = new XSSFWorkbook(in); OutputStream out = Files.newOutputStream(resaved)) {
            wb.getSheetAt(0).getRow(2).getCell(0).setCellValue("Last updated 01/07/2025 (re-saved)");
            wb.write(out);
        }
        Cli.Result copy = Cli.run("ingest", "--home", home.toString(), resaved.toString());
        assertThat(copy.exit()).as(copy.out()).isZero();
        long goodSummaryRows = truth.at("/ofsted/files").get(OfstedSampleGenerator.SUMMARY_FILE + " / Regional summary 2025").get("good_source_rows").asLong();
        assertThat(copy.out()).contains("0 rows loaded").contains(goodSummaryRows + " already in the lake");
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement")).isEqualTo(before);
    }

    @Test
    @Order(21)
    void aNewerWorkbookAddsOnlyTheNewInspectionsAndKeepsHistory() throws Exception {
        long before = Lakes.count(home, "select count(*) from ofsted_judgement");
        long plymouthBefore = Lakes.count(home, "select count(*) from ofsted_judgement where la_code = '879'");
        // Leeds's latest inspection as the ground truth has it, sent again
        JsonNode leeds = null;
        for (JsonNode i : truth.at("/ofsted/inspections")) {
            if (i.get("la_code").asText().equals("383") && (leeds == null || i.get("start").asText().compareTo(leeds.get("start").asText()) > 0)) leeds = i;
        }
        List<String> lines = new ArrayList<>();
        lines.add("SYNTHETIC SAMPLE DATA - a newer regional summary, written by OfstedLakeTest");
        lines.add("Local Authority,LA Code,Inspection type,Inspection start,Inspection end,Published,Overall effectiveness,"
                + "Impact of leaders,Help and protection,Children in care,Care leavers,Lead inspector");
        lines.add("Leeds,383,short," + dmy(leeds.get("start").asText()) + "," + dmy(leeds.get("end").asText()) + ","
                + dmy(leeds.get("published").asText()).substring(0, 6) + leeds.get("published").asText().substring(2, 4) + ","   // dd/mm/yy
                + words(leeds.get("grades")) + ",Imogen Test HMI");
        lines.add("Plymouth,879,standard,01/06/2026,12/06/2026,24/07/26,Good,Good,RI,good,Outstanding,Imogen Test HMI");
        lines.add("City of Bristol,,short,07/09/2026,11/09/2026,None,outstanding,Good,GOOD,2,nan,Imogen Test HMI");
        Path newer = Files.createDirectories(tmp.resolve("newer")).resolve("regional-summary-2026-10.csv");
        Files.write(newer, lines, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), newer.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("9 rows loaded").contains("1 already in the lake");
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement")).isEqualTo(before + 9);
        // history kept: Plymouth's earlier inspections are all still there
        assertThat(Lakes.count(home, "select count(*) from ofsted_judgement where la_code = '879'")).isEqualTo(plymouthBefore + 5);
        // and the latest judgements are now the new ones
        Map<String, Object> grades = new LinkedHashMap<>();
        for (Map<String, Object> row : sqlFile("latest_judgement.sql", "879")) grades.put((String) row.get("area"), row.get("grade"));
        assertThat(grades).containsExactly(Map.entry("OVERALL", 2L), Map.entry("LEADERS", 2L), Map.entry("HELP_AND_PROTECTION", 3L),
                Map.entry("IN_CARE", 2L), Map.entry("CARE_LEAVERS", 1L));
        // Bristol's new inspection recorded no care-leavers judgement ('nan'): that area falls back, visibly
        Map<String, Object> bristolCl = sqlFile("latest_judgement.sql", "801").stream()
                .filter(x -> x.get("area").equals("CARE_LEAVERS")).findFirst().orElseThrow();
        assertThat(String.valueOf(bristolCl.get("la_latest_inspection"))).isEqualTo("2026-09-07");
        assertThat(String.valueOf(bristolCl.get("inspection_start"))).isLessThan("2026-09-07");
        assertThat(Lakes.rows(home, "select published_on, grade from ofsted_judgement where la_code = '801'"
                + " and inspection_start = date '2026-09-07' and area = 'OVERALL'").get(0)).containsExactly(null, 1L);
    }

    @Test
    @Order(30)
    void withoutAnIngestedLaReferenceTheWorkbooksMatchTheBuiltInNationalReference() throws Exception {
        Path empty = tmp.resolve("no-reference");
        Cli.Result r = Cli.run("ingest", "--home", empty.toString(), SUMMARY.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("la_reference is not loaded").contains("-> ofsted_judgement");
        // the same rows as with the sample's own reference: every LA it names is in the national one
        assertThat(Lakes.count(empty, "select count(*) from ofsted_judgement")).isEqualTo(Lakes.count(home, "select count(*) from ofsted_judgement"
                + " where source_file = '" + SUMMARY.getFileName() + "'")).isPositive();
        assertThat(Lakes.count(empty, "select count(*) from la_reference where source_file = 'built-in: jobs/reference/la-reference.csv'"))
                .isEqualTo(158);
    }

    // ------------------------------------------------------------------ helpers

    static String text(JsonNode t, String field) {
        return t.get(field) == null || t.get(field).isNull() ? null : t.get(field).asText();
    }

    static String dmy(String iso) {
        return iso.substring(8, 10) + "/" + iso.substring(5, 7) + "/" + iso.substring(0, 4);
    }

    static String words(JsonNode grades) {
        Map<String, String> w = Map.of("OUTSTANDING", "Outstanding", "GOOD", "Good", "REQUIRES_IMPROVEMENT", "Requires improvement to be good",
                "INADEQUATE", "Inadequate", "NOT_APPLICABLE", "N/A");
        List<String> out = new ArrayList<>();
        for (String a : AREAS) out.add(grades.has(a) ? w.get(grades.get(a).asText()) : "");
        return String.join(",", out);
    }

    /** la-reference.synthetic.csv as sent: code and neighbours, parsed here, not from the lake. */
    static List<JsonNode> laReference() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, String> la : LacLakeTest.dataRows(SAMPLE.resolve("la-reference.synthetic.csv"))) {
            // the authorities that ceased to exist (successor given) have no neighbours of their own
            if (la.get("Statistical neighbours").isEmpty()) continue;
            var node = json.createObjectNode().put("la_code", la.get("LA code"));
            var arr = node.putArray("statistical_neighbours");
            for (String n : la.get("Statistical neighbours").split(",")) arr.add(n.strip());
            out.add(node);
        }
        assertThat(out).hasSize(18);
        return out;
    }

    static List<Map<String, Object>> sqlFile(String name, String laCode) throws Exception {
        String sql = Files.readString(SQL.resolve(name));
        try (Connection c = QueryRunner.connect(new Lake(home), Lakes.contracts())) {
            QueryRunner.setVariables(c, laCode == null ? Map.of() : Map.of("la_code", laCode));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Array a) v = new ArrayList<>(Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList());
                        if (v instanceof Integer n) v = n.longValue();
                        row.put(md.getColumnLabel(i), v);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    static List<String> rejectLines() throws Exception {
        List<String> out = new ArrayList<>();
        Path dir = home.resolve("rejects").resolve("ofsted_judgement");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".rejects.csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                out.addAll(lines.subList(1, lines.size()));
            }
        }
        return out;
    }

    /** The text of the judgement cells (columns H-L) of a sheet, as a reader of the raw file sees them. */
    static Set<String> judgementCells(Path file, String sheet) throws Exception {
        Set<String> out = new HashSet<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            DataFormatter fmt = new DataFormatter();
            for (Row row : wb.getSheet(sheet)) {
                for (int c = 7; c <= 11; c++) {
                    Cell cell = row.getCell(c);
                    if (cell != null) out.add(fmt.formatCellValue(cell));
                }
            }
        }
        return out;
    }

    static List<String> allCells(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            DataFormatter fmt = new DataFormatter();
            for (Sheet s : wb) for (Row row : s) for (Cell cell : row) out.add(fmt.formatCellValue(cell));
        }
        return out;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
