package org.sightline.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sample-sites.yml} describes the committed sample files, each declared bad row makes exactly one, and typos are refused. */
class SampleSitesTest {

    static final Path SAMPLE_DATA = Path.of("sample-data");
    static final SampleSites DECLARED = SampleSites.load();

    /** The declared headers, in order, are the header row of each committed file and sheet, read with POI or Jackson CSV. */
    @Test
    void theDeclaredHeadersAreTheCommittedFilesHeaders() throws Exception {
        int tables = 0;
        for (SampleSites.Site site : DECLARED.sites()) {
            SampleSites.FileFormat format = DECLARED.format(site.format());
            for (SampleSites.TableDef t : site.tables()) {
                Path file = SAMPLE_DATA.resolve(t.file());
                int headerRow = 2 + t.blankAfterTitle();   // 1-based: the title row, the blank rows, then the header
                List<String> header = format.xlsx() ? xlsxRow(file, t.sheet(), headerRow) : csvRow(file, format, headerRow);
                assertThat(header).as(site.id() + " " + t.file() + " / " + t.sheet())
                        .containsExactlyElementsOf(t.columns().values());
                tables++;
            }
        }
        assertThat(tables).isEqualTo(15);
    }

    /** The same for the fidelity exports (Isolated Coastal's yearly workbooks: both years). */
    @Test
    void theDeclaredFidelityHeadersAreTheCommittedExportsHeaders() throws Exception {
        int exports = 0;
        for (SampleSites.Site site : DECLARED.sites()) {
            SampleSites.FileFormat format = DECLARED.format(site.fidelity().format());
            for (SampleSites.Export e : List.of(site.fidelity().tam(), site.fidelity().sam())) {
                for (String period : e.file().contains("{period}") ? List.of("2024-25", "2025-26") : List.of("")) {
                    Path file = SAMPLE_DATA.resolve(FidelitySamples.DIR).resolve(e.file().replace("{period}", period));
                    List<String> header = format.xlsx() ? xlsxRow(file, e.sheet(), 2) : csvRow(file, format, 2);
                    assertThat(header).as(site.id() + " " + file + " / " + e.sheet()).containsExactlyElementsOf(e.columns().values());
                    exports++;
                }
            }
        }
        assertThat(exports).isEqualTo(12);
    }

    /** Every declared bad row is one rejected row in the oracle, with its site, column and reason, and there are no others. */
    @Test
    void eachDeclaredBadRowIsOneBadRowOfTheOracle() throws Exception {
        Map<String, Integer> declared = new TreeMap<>(), oracle = new TreeMap<>();
        for (SampleSites.Site site : DECLARED.sites()) {
            for (SampleSites.BadRow b : site.badRows()) declared.merge(site.id() + " " + b.dataset() + "." + b.column() + " " + b.reason(), 1, Integer::sum);
        }
        JsonNode truth;
        try (InputStream in = getClass().getResourceAsStream("/sample-expected.json")) {
            truth = new ObjectMapper().readTree(in);
        }
        for (String ds : List.of("referral", "case_closure", "follow_up")) {
            for (JsonNode b : truth.at("/datasets/" + ds + "/bad_rows")) {
                oracle.merge(b.get("site_id").asText() + " " + ds + "." + b.get("column").asText() + " " + b.get("reason").asText(), 1, Integer::sum);
            }
        }
        assertThat(declared.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(13);
        assertThat(oracle).isEqualTo(declared);
    }

    @Test
    void aMisspeltKeyIsRefusedByName() {
        String yaml = """
                formats: {}
                sites:
                  - id: X
                    spelings: {site: X}
                """;
        assertThatThrownBy(() -> SampleSites.YAML.readValue(yaml, SampleSites.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"spelings\"");
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheFormatsThereAre() {
        assertThatThrownBy(() -> DECLARED.format("csv_utf16"))
                .hasMessageContaining("sample-sites.yml")
                .hasMessageContaining("csv_utf16")
                .hasMessageContaining("xlsx_dmy");
    }

    static List<String> xlsxRow(Path file, String sheet, int row1) throws Exception {
        try (Workbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            Sheet sh = wb.getSheet(sheet);
            assertThat(sh).as(file + " has a sheet " + sheet).isNotNull();
            Row r = sh.getRow(row1 - 1);
            List<String> out = new ArrayList<>();
            DataFormatter f = new DataFormatter();
            for (int c = 0; c < r.getLastCellNum(); c++) out.add(f.formatCellValue(r.getCell(c)));
            return out;
        }
    }

    static List<String> csvRow(Path file, SampleSites.FileFormat format, int row1) throws Exception {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(format.delimiter().charAt(0));
        byte[] bytes = Files.readAllBytes(file);
        int skip = format.bom() ? 3 : 0;
        try (Reader in = new InputStreamReader(new java.io.ByteArrayInputStream(bytes, skip, bytes.length - skip), Charset.forName(format.charset()))) {
            // physical lines: an empty line is a row too, so read line by line and parse the one we want
            List<String> lines = new java.io.BufferedReader(in).lines().toList();
            String line = lines.get(row1 - 1);
            try (var it = mapper.readerFor(String[].class).with(schema).<String[]>readValues(line)) {
                return List.of(it.next());
            }
        }
    }
}
