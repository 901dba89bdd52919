package org.sightline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenDocument reader on Ofsted's two published workbooks, checked cell by cell against an
 * independent reader (odfpy, Debian's python3-odf, via src/test/resources/tools/ods_dump.py): every
 * sheet, every row with a value, every cell. And the 40 MB of XML inside the 2 MB underlying-data
 * workbook read whole in a JVM of 48 MB heap, which no reader that builds the document could do.
 */
class OdsFileTest {

    static final Path OFSTED = Path.of("src", "test", "resources", "real-files", "ofsted");
    static final Path OUTCOMES_2025 = OFSTED.resolve("LA_Inspection_Outcomes_as_at_31_March_2025.ods");
    static final Path UNDERLYING_2023 = OFSTED.resolve("Childrens_social_care_in_England_2023_underlying_data.ods");
    static final Path DUMP = Path.of("src", "test", "resources", "tools", "ods_dump.py");

    @TempDir
    Path tmp;

    @Test
    void theInspectionOutcomesWorkbookReadsAsOdfpyReadsIt() throws Exception {
        assertSameAsOdfpy(OUTCOMES_2025, List.of("Cover", "Contents", "Notes", "Inspections_as_at_31_March",
                "In-year_inspections", "ILACS_inspection_history"));
    }

    @Test
    void theUnderlyingDataWorkbookReadsAsOdfpyReadsIt() throws Exception {
        assertSameAsOdfpy(UNDERLYING_2023, null);
    }

    /** Reads every sheet with {@link OdsFile} and with odfpy; the sheet names and every non-blank row agree. */
    private void assertSameAsOdfpy(Path file, List<String> expectedSheets) throws Exception {
        JsonNode odf = odfpy(file);
        List<String> odfSheets = new ArrayList<>();
        odf.get("sheets").forEach(s -> odfSheets.add(s.asText()));
        Fingerprint fp = Fingerprint.of(file);
        try (SourceFile src = SourceFiles.open(file, fp, 100_000)) {
            assertThat(src.format()).isEqualTo(SourceFile.Format.ODS);
            assertThat(src.sheets()).isEqualTo(odfSheets);
            if (expectedSheets != null) assertThat(src.sheets()).isEqualTo(expectedSheets);
            long total = 0;
            for (String sheet : src.sheets()) {
                Map<Long, List<String>> ours = nonBlankRows(src, sheet);
                Map<Long, List<String>> theirs = new LinkedHashMap<>();
                for (JsonNode r : odf.get("rows").get(sheet)) {
                    List<String> cells = new ArrayList<>();
                    r.get(1).forEach(c -> cells.add(c.isNull() ? null : c.asText()));
                    theirs.put(r.get(0).asLong(), cells);
                }
                assertThat(ours.keySet()).as(sheet + ": row numbers").containsExactlyElementsOf(theirs.keySet());
                for (Map.Entry<Long, List<String>> e : theirs.entrySet()) {
                    assertThat(ours.get(e.getKey())).as(sheet + " row " + e.getKey()).containsExactlyElementsOf(e.getValue());
                }
                total += ours.size();
            }
            assertThat(total).isGreaterThan(100);
        }
    }

    static Map<Long, List<String>> nonBlankRows(SourceFile src, String sheet) throws IOException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        try (SheetReader r = src.open(sheet)) {
            SourceRow row;
            long last = 0;
            while ((row = r.next()) != null) {
                assertThat(row.row()).as(sheet + ": rows in order").isGreaterThan(last);
                last = row.row();
                if (row.isBlank()) continue;
                List<String> cells = new ArrayList<>(Arrays.asList(row.cells()));
                for (int i = 0; i < cells.size(); i++) if (cells.get(i) != null && cells.get(i).isEmpty()) cells.set(i, null);
                while (!cells.isEmpty() && cells.get(cells.size() - 1) == null) cells.remove(cells.size() - 1);
                out.put(row.row(), cells);
            }
        }
        return out;
    }

    private JsonNode odfpy(Path file) throws Exception {
        Path out = tmp.resolve(file.getFileName() + ".json");
        Process p = new ProcessBuilder(python(), DUMP.toString(), file.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("odfpy (apt-get install python3-odf): " + log).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    /** Debian's python3 (where python3-odf installs), else whichever python3 is on the PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @Test
    void theFortyMegabytesOfXmlAreReadInA48MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                OdsRowCount.class.getName(), UNDERLYING_2023.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // every sheet read to its end: the non-blank rows of all 16 sheets, and the last sheet's last row
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split("\t");
            if (kv.length == 2) counts.put(kv[0], Long.parseLong(kv[1].strip()));
        }
        assertThat(counts).hasSize(16);
        Fingerprint fp = Fingerprint.of(UNDERLYING_2023);
        try (SourceFile src = SourceFiles.open(UNDERLYING_2023, fp, 100_000)) {
            assertThat(counts.keySet()).containsExactlyElementsOf(src.sheets());
            assertThat(counts.get("Provider_level_in_year_2022-23")).isEqualTo(nonBlankRows(src, "Provider_level_in_year_2022-23").size());
        }
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(10_000);
    }

    /** Run in a small heap by the test above: the non-blank rows of every sheet, one "sheet TAB count" line each. */
    public static final class OdsRowCount {
        public static void main(String[] args) throws IOException {
            Path file = Path.of(args[0]);
            try (SourceFile src = SourceFiles.open(file, Fingerprint.of(file), 100_000)) {
                for (String sheet : src.sheets()) {
                    long n = 0;
                    try (SheetReader r = src.open(sheet)) {
                        SourceRow row;
                        while ((row = r.next()) != null) if (!row.isBlank()) n++;
                    }
                    System.out.println(sheet + "\t" + n);
                }
            }
        }
    }

    @Test
    void aZipNamedOdsThatIsNotASpreadsheetIsRefusedByName() throws Exception {
        Path f = tmp.resolve("judgements.ods");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("content.xml"));
            z.write("<x/>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThatThrownBy(() -> SourceFiles.open(f, Fingerprint.of(f), 1000).close())
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("named .ods but is not an OpenDocument spreadsheet");
    }

    @Test
    void aDoctypeInContentXmlIsRefusedWithoutResolvingIt() throws Exception {
        Path f = tmp.resolve("xxe.ods");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            ZipEntry m = new ZipEntry("mimetype");
            z.putNextEntry(m);
            z.write(OdsFile.MIMETYPE.getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("content.xml"));
            z.write(("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">&e;</office:document-content>")
                    .getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThatThrownBy(() -> SourceFiles.open(f, Fingerprint.of(f), 1000).close())
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("DTD");
    }
}
