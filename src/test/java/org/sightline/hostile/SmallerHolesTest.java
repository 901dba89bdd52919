package org.sightline.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.it.Cli;
import org.sightline.it.TestFiles;

/**
 * The smaller holes of issue 21: two sheets whose names differ only by punctuation write two rejects
 * reports, each with its own rows; a corrupt Parquet file in the lake is named in the error.
 */
class SmallerHolesTest {

    @TempDir
    Path tmp;

    @Test
    void sheetsReferrals1AndReferrals_1WriteTwoRejectsReportsEachWithItsOwnRows() throws Exception {
        Path book = tmp.resolve("northern-shire-two-sheets.synthetic.xlsx");
        List<String> csv = Files.readAllLines(TestFiles.referralCsv(tmp.resolve("rows.csv"), 12), StandardCharsets.UTF_8);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(book)) {
            for (String name : List.of("Referrals 1", "Referrals_1")) {
                Sheet sh = wb.createSheet(name);
                int r = 0;
                for (String line : csv.subList(1, csv.size())) {
                    Row row = sh.createRow(r++);
                    String[] cells = line.split(",", -1);
                    for (int c = 0; c < cells.length; c++) row.createCell(c).setCellValue(cells[c]);
                }
                // one bad row a sheet, told apart by its sheet's own wrong decision code
                Row bad = sh.createRow(r);
                String[] cells = csv.get(2).split(",", -1);
                cells[10] = name.equals("Referrals 1") ? "MAYBE_SPACE" : "MAYBE_UNDERSCORE";
                for (int c = 0; c < cells.length; c++) bad.createCell(c).setCellValue(cells[c]);
            }
            wb.write(out);
        }
        Cli.Result r = Cli.run("ingest", "--home", tmp.resolve("home").toString(), book.toString());
        assertThat(r.out()).as(r.out() + r.err()).contains("[Referrals 1]").contains("[Referrals_1]");
        List<Path> reports;
        try (Stream<Path> s = Files.walk(tmp.resolve("home").resolve("rejects"))) {
            reports = s.filter(p -> p.toString().endsWith(".rejects.csv")).sorted().toList();
        }
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).getFileName()).isNotEqualTo(reports.get(1).getFileName());
        String first = Files.readString(reports.get(0));
        String second = Files.readString(reports.get(1));
        assertThat(List.of(first, second)).anySatisfy(t -> assertThat(t).contains("MAYBE_SPACE").doesNotContain("MAYBE_UNDERSCORE"))
                .anySatisfy(t -> assertThat(t).contains("MAYBE_UNDERSCORE").doesNotContain("MAYBE_SPACE"));
    }

    @Test
    void aCorruptParquetFileInTheLakeIsNamedInTheError() throws Exception {
        Path home = tmp.resolve("home");
        Cli.Result in = Cli.run("ingest", "--home", home.toString(), TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals.synthetic.csv"), 50).toString());
        assertThat(in.exit()).as(in.out() + in.err()).isZero();
        Path part;
        try (Stream<Path> s = Files.walk(home.resolve("lake").resolve("referral"))) {
            part = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // cut short, as a full disk or a bad copy leaves it
        Cli.Result q = Cli.run("query", "--home", home.toString(), "select count(*) from referral");
        assertThat(q.exit()).isNotZero();
        assertThat(q.err()).contains(part.getFileName().toString());
    }

    @Test
    void validateNeverCreatesTheKeySoItCannotRaceTheFirstIngestToIt() throws Exception {
        Path home = tmp.resolve("fresh");
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals.synthetic.csv"), 20);
        Cli.Result v = Cli.run("validate", "--home", home.toString(), file.toString());
        assertThat(v.out()).as(v.out() + v.err()).contains("20 rows would load");
        assertThat(org.sightline.ingest.Pseudonymiser.keyFile(home)).doesNotExist();
        // the first ingest creates it, and a validate after it uses it without changing it
        assertThat(Cli.run("ingest", "--home", home.toString(), file.toString()).exit()).isZero();
        byte[] key = Files.readAllBytes(org.sightline.ingest.Pseudonymiser.keyFile(home));
        Cli.Result again = Cli.run("validate", "--home", home.toString(), file.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(Files.readAllBytes(org.sightline.ingest.Pseudonymiser.keyFile(home))).isEqualTo(key);
    }
}
