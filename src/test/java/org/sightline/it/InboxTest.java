package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.lake.Lake;
import org.sightline.ops.InboxConfig;
import org.sightline.ops.Receipt;

/** {@code sightline inbox}: settled files only, each once, filed under processed/ or failed/ with their reports. */
class InboxTest {

    @TempDir
    Path tmp;

    static final Path SAMPLES = Path.of("sample-data").toAbsolutePath();
    static final String JOBS = Path.of("jobs").toAbsolutePath().toString();

    static Path drop(Path inbox, String folder, String sample) throws Exception {
        Path target = inbox.resolve(folder).resolve(sample);
        Files.createDirectories(target.getParent());
        return Files.copy(SAMPLES.resolve(sample), target);
    }

    /** Writes a sample file slowly, in pieces, as a slow network copy would. */
    static Thread slowCopy(Path target, String sample, int pieces, long pauseMs) throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLES.resolve(sample));
        Files.createDirectories(target.getParent());
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                int step = bytes.length / pieces + 1;
                for (int i = 0; i < bytes.length; i += step) {
                    out.write(bytes, i, Math.min(step, bytes.length - i));
                    out.flush();
                    Thread.sleep(pauseMs);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        return t;
    }

    static long goodRows(JsonNode expected, String file) {
        long n = 0;
        for (JsonNode site : expected.get("sites")) {
            for (JsonNode f : site.get("files")) if (f.get("file").asText().equals(file)) n += f.get("good_rows").asLong();
        }
        return n;
    }

    @Test
    void takesSettledFilesOnceAndFilesThemWithTheirReports() throws Exception {
        JsonNode expected = Expected.load();
        Path home = tmp.resolve("home");
        Path inbox = home.resolve("inbox");
        drop(inbox, "site-returns/metro-city", "metro-city-referral-log.synthetic.xlsx");
        drop(inbox, "referral", "northern-shire-referrals.synthetic.csv");
        drop(inbox, "case_closure", "northern-shire-closures.synthetic.csv");
        drop(inbox, "reference", "sites.synthetic.csv");
        // a file without the columns its inbox's dataset requires
        Files.writeString(inbox.resolve("referral").resolve("river-valley-wrong-file.csv"), "SYNTHETIC\nfoo,bar\n1,2\n");
        // a symbolic link, and a file Sightline does not read
        Files.createSymbolicLink(inbox.resolve("referral").resolve("linked.csv"), SAMPLES.resolve("river-valley-referrals.synthetic.csv"));
        Files.writeString(inbox.resolve("referral").resolve("notes.docx"), "not data");
        // a file still being written when the pass starts: about 3 s, never quiet for 1 s
        Thread writer = slowCopy(inbox.resolve("follow_up").resolve("northern-shire-follow-ups.synthetic.csv"),
                "northern-shire-follow-ups.synthetic.csv", 12, 250);
        Thread.sleep(300);

        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "1", "--settle-seconds", "30");
        writer.join();
        assertThat(r.exit()).as("a file failed, so the run says so").isEqualTo(1);

        String today = LocalDate.now().toString();
        Path mc = inbox.resolve("site-returns/metro-city");
        assertThat(mc.resolve("processed").resolve(today).resolve("metro-city-referral-log.synthetic.xlsx")).exists();
        // Metro City's log has rejected rows (a referral and a closure): its rejects reports are beside it
        try (Stream<Path> s = Files.list(mc.resolve("processed").resolve(today))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rejects.csv")).count()).isEqualTo(2);
        }
        assertThat(inbox.resolve("referral/processed").resolve(today).resolve("northern-shire-referrals.synthetic.csv")).exists();
        assertThat(inbox.resolve("follow_up/processed").resolve(today).resolve("northern-shire-follow-ups.synthetic.csv")).exists();
        assertThat(inbox.resolve("referral/failed/river-valley-wrong-file.csv")).exists();
        assertThat(Files.readString(inbox.resolve("referral/failed/river-valley-wrong-file.csv.errors.txt"))).contains("river-valley-wrong-file.csv");
        assertThat(inbox.resolve("referral/failed/linked.csv")).isSymbolicLink();
        assertThat(Files.readString(inbox.resolve("referral/failed/linked.csv.errors.txt"))).contains("symbolic links are not followed");
        assertThat(inbox.resolve("referral/failed/notes.docx")).exists();
        assertThat(dataFilesLeft(inbox)).isEmpty();

        // every file once, with its site
        List<Receipt> receipts = Receipt.all(home);
        Map<String, Receipt> byFile = receipts.stream().collect(Collectors.toMap(Receipt::file, x -> x));
        assertThat(receipts).hasSize(8);
        assertThat(byFile.get("metro-city-referral-log.synthetic.xlsx").site()).isEqualTo("METRO_CITY");
        assertThat(byFile.get("northern-shire-referrals.synthetic.csv").site()).isEqualTo("NORTHERN_SHIRE");
        assertThat(byFile.get("sites.synthetic.csv").site()).isNull();
        assertThat(byFile.get("linked.csv").outcome()).isEqualTo("FAILED");
        assertThat(byFile.get("northern-shire-follow-ups.synthetic.csv").outcome()).isEqualTo("LOADED");

        // the lake holds every good row of each file (the slowly written one whole, not a prefix of it)
        for (String f : List.of("metro-city-referral-log.synthetic.xlsx", "northern-shire-referrals.synthetic.csv",
                "northern-shire-closures.synthetic.csv", "northern-shire-follow-ups.synthetic.csv")) {
            long inLake = Lakes.count(home, "select (select count(*) from referral where source_file = '" + f + "') + "
                    + "(select count(*) from case_closure where source_file = '" + f + "') + (select count(*) from follow_up where source_file = '" + f + "')");
            assertThat(inLake).as(f).isEqualTo(goodRows(expected, f));
        }
        assertThat(Lakes.count(home, "select count(*) from site")).isEqualTo(expected.get("datasets").get("site").get("good_rows").asLong());

        // the log: one line per file and one per run, with counts, and no identifiers
        String log = Files.readString(home.resolve("logs").resolve("sightline.log"));
        String ns = "northern-shire-referrals.synthetic.csv";
        long nsBad = 0;
        for (JsonNode b : expected.get("datasets").get("referral").get("bad_rows")) if (b.get("file").asText().equals(ns)) nsBad++;
        assertThat(nsBad).isEqualTo(2);
        assertThat(log).contains("inbox=referral site=NORTHERN_SHIRE file=" + ns + " outcome=LOADED sheets=1 loaded=" + goodRows(expected, ns) + " rejected=" + nsBad)
                .contains("run command=inbox files=8 loaded_files=5 already=0 failed=3");
        for (String kind : List.of("identifiers", "names")) {
            for (JsonNode v : expected.get("sites").get("NORTHERN_SHIRE").get("privacy").get(kind)) assertThat(log).doesNotContain(v.asText());
        }

        // a second pass finds nothing; the same file dropped again is recognised and changes nothing
        String snapshot = Lake.snapshotId(new Lake(home).read());
        Cli.Result again = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "1", "--settle-seconds", "30");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 files taken");
        drop(inbox, "referral", "northern-shire-referrals.synthetic.csv");
        Cli.Result resent = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "1", "--settle-seconds", "30");
        assertThat(resent.exit()).isZero();
        assertThat(resent.out()).contains("ALREADY_LOADED");
        assertThat(inbox.resolve("referral/processed").resolve(today).resolve("northern-shire-referrals.synthetic-2.csv")).exists();
        assertThat(Lake.snapshotId(new Lake(home).read())).isEqualTo(snapshot);
    }

    @Test
    void aFileACrashLeftInProcessingIsFinishedByTheNextPass() throws Exception {
        Path home = tmp.resolve("home");
        Path inbox = home.resolve("inbox");
        drop(inbox, "referral/.processing", "river-valley-referrals.synthetic.csv");
        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "1", "--settle-seconds", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(inbox.resolve("referral/processed").resolve(LocalDate.now().toString()).resolve("river-valley-referrals.synthetic.csv")).exists();
        assertThat(inbox.resolve("referral/.processing/river-valley-referrals.synthetic.csv")).doesNotExist();
        assertThat(Lakes.count(home, "select count(*) from referral where site_id = 'RIVER_VALLEY'"))
                .isEqualTo(Expected.load().get("sites").get("RIVER_VALLEY").get("referrals").asLong());
    }

    @Test
    void inboxFoldersMayNotLeaveTheInboxRoot() throws Exception {
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("inboxes.yml"), "inboxes:\n  - folder: ../../etc\n    dataset: referral\n");
        assertThatThrownBy(() -> InboxConfig.load(jobs, tmp.resolve("home"))).hasMessageContaining("may not contain '..'");
        Files.writeString(jobs.resolve("inboxes.yml"), "inboxes:\n  - folder: /etc\n    dataset: referral\n");
        assertThatThrownBy(() -> InboxConfig.load(jobs, tmp.resolve("home"))).hasMessageContaining("must be a relative path");
        Files.writeString(jobs.resolve("inboxes.yml"), "inboxes:\n  - folder: x\n    site_from: name\n    site_pattern: '^(\\w+)-'\n");
        assertThatThrownBy(() -> InboxConfig.load(jobs, tmp.resolve("home"))).hasMessageContaining("(?<site>");
    }

    @Test
    void aSitePatternTakesTheSiteFromTheFileName() throws Exception {
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("inboxes.yml"), """
                inboxes:
                  - folder: returns
                    dataset: referral
                    site_from: name
                    site_pattern: '^return_(?<site>[a-z]+)_'
                """);
        Path home = tmp.resolve("home");
        Path f = home.resolve("inbox/returns/return_rv_2026-10.csv");
        Files.createDirectories(f.getParent());
        Files.copy(SAMPLES.resolve("river-valley-referrals.synthetic.csv"), f);
        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--jobs", jobs.toString(), "--quiet-seconds", "1", "--settle-seconds", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Receipt.all(home)).singleElement().satisfies(x -> assertThat(x.site()).isEqualTo("RIVER_VALLEY"));
    }

    static List<Path> dataFilesLeft(Path inbox) throws Exception {
        try (Stream<Path> s = Files.walk(inbox)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !inbox.relativize(p).toString().contains("processed") && !inbox.relativize(p).toString().contains("failed"))
                    .toList();
        }
    }
}
