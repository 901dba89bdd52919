package org.sightline.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.read.UnreadableFileException;
import org.sightline.ingest.read.XlsxFile;
import org.sightline.it.Cli;
import org.sightline.it.Lakes;

/**
 * Memory limits: a workbook whose shared strings unpack past the budget is refused while they
 * inflate, with a message naming the part and the limit (not an OutOfMemoryError); and an inbox file
 * a pass died on twice is set aside, so the good files beside it load.
 */
class MemoryBudgetTest {

    @TempDir
    Path tmp;

    static Path manyStrings(Path file, int cells) throws Exception {
        Random r = new Random(7);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet s = wb.createSheet("Referrals");
            s.createRow(0).createCell(0).setCellValue("REFERRAL_REF");
            for (int i = 1; i <= cells; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 40; k++) sb.append((char) ('a' + r.nextInt(26)));
                s.createRow(i).createCell(0).setCellValue(sb.toString());
            }
            wb.write(out);
        }
        return file;
    }

    @Test
    void sharedStringsOverTheBudgetAreRefusedWithAMessage() throws Exception {
        Path xlsx = manyStrings(tmp.resolve("big-strings.xlsx"), 60_000);   // about 3 MB of shared strings XML
        System.setProperty("sightline.max-unpacked-strings-mb", "1");
        try {
            assertThatThrownBy(() -> XlsxFile.open(xlsx, 32767).close()).isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("sharedStrings.xml").hasMessageContaining("more than 1 MB").hasMessageContaining("memory budget");
            Cli.Result r = Cli.run("ingest", "--home", tmp.resolve("home").toString(), "--jobs", Path.of("jobs").toAbsolutePath().toString(), xlsx.toString());
            assertThat(r.exit()).isNotZero();
            assertThat(r.out()).contains("big-strings.xlsx").contains("over the memory budget");
        } finally {
            System.clearProperty("sightline.max-unpacked-strings-mb");
        }
        try (XlsxFile ok = XlsxFile.open(xlsx, 32767)) {
            assertThat(ok.sheets()).isNotEmpty();   // within the default budget it opens
        }
    }

    @Test
    void aFileAPassDiedOnTwiceIsSetAsideAndTheOthersLoad() throws Exception {
        Path home = tmp.resolve("home");
        Path in = Files.createDirectories(home.resolve("inbox").resolve("referral"));
        Path processing = Files.createDirectories(in.resolve(".processing"));
        // left in .processing by two passes that died on it (the count the pass keeps beside it)
        Path poison = Files.copy(Path.of("sample-data").resolve("northern-shire-referrals.synthetic.csv"), processing.resolve("poison.csv"));
        Cli.Result first = Cli.run("inbox", "--home", home.toString(), "--jobs", Path.of("jobs").toAbsolutePath().toString(), "--quiet-seconds", "0", "--settle-seconds", "5");
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(Lakes.count(home, "select count(*) from referral")).as("a file found in .processing once is simply finished").isPositive();

        Files.copy(Path.of("sample-data").resolve("river-valley-referrals.synthetic.csv"), processing.resolve("poison-2.csv"));
        try (var s = Files.list(processing)) {
            assertThat(s.toList()).as("no counter left for a filed file").hasSize(1);
        }
        // two deaths on poison-2.csv: simulate the counter a dying pass leaves
        java.lang.reflect.Method m = org.sightline.ops.Inboxes.class.getDeclaredMethod("attemptsFile", Path.class);
        m.setAccessible(true);
        Path counter = (Path) m.invoke(null, processing.resolve("poison-2.csv"));
        Files.writeString(counter, "2");
        Files.copy(Path.of("sample-data").resolve("northern-shire-closures.synthetic.csv"), Files.createDirectories(home.resolve("inbox").resolve("case_closure")).resolve("northern-shire-closures.synthetic.csv"));
        Cli.Result second = Cli.run("inbox", "--home", home.toString(), "--jobs", Path.of("jobs").toAbsolutePath().toString(), "--quiet-seconds", "0", "--settle-seconds", "5");
        assertThat(in.resolve("failed").resolve("poison-2.csv")).exists();
        assertThat(Files.readString(in.resolve("failed").resolve("poison-2.csv.errors.txt"))).contains("stopped twice");
        assertThat(Files.exists(counter)).isFalse();
        assertThat(Lakes.count(home, "select count(*) from case_closure")).as("the good file beside it loaded").isPositive();
        assertThat(Lakes.count(home, "select count(*) from referral where site_id = 'RIVER_VALLEY'")).isZero();
        assertThat(second.out() + second.err()).contains("poison-2.csv");
        assertThat(poison).doesNotExist();
    }
}
