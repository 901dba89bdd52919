package org.sightline.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.it.Cli;
import org.sightline.it.Lakes;

/**
 * The inbox under attack: symbolic links in every position (a file, a site folder, {@code failed/},
 * {@code processed/}, {@code .processing/}) are never followed and nothing is moved through them;
 * file names of 250+ bytes, with a newline or control characters, are filed like any other without
 * ending the pass for the files after them, and forge no line in the log.
 */
class InboxHostileTest {

    @TempDir
    Path tmp;

    static final Path SAMPLES = Path.of("sample-data").toAbsolutePath();
    static final String JOBS = Path.of("jobs").toAbsolutePath().toString();

    @Test
    void linksInEveryPositionAreNeverFollowed() throws Exception {
        Path home = tmp.resolve("home");
        Path inbox = home.resolve("inbox");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        // failed/ is a link: a bad file would be moved (with its .errors.txt) wherever it points
        Files.createDirectories(inbox.resolve("reference"));
        Files.createSymbolicLink(inbox.resolve("reference").resolve("failed"), outside);
        Files.writeString(inbox.resolve("reference").resolve("bad.csv"), "SYNTHETIC\nfoo,bar\n1,2\n");
        // processed/ is a link
        Files.createDirectories(inbox.resolve("case_closure"));
        Files.createSymbolicLink(inbox.resolve("case_closure").resolve("processed"), outside);
        Files.copy(SAMPLES.resolve("northern-shire-closures.synthetic.csv"), inbox.resolve("case_closure").resolve("northern-shire-closures.synthetic.csv"));
        // .processing/ is a link
        Files.createDirectories(inbox.resolve("follow_up"));
        Files.createSymbolicLink(inbox.resolve("follow_up").resolve(".processing"), outside);
        Files.copy(SAMPLES.resolve("northern-shire-follow-ups.synthetic.csv"), inbox.resolve("follow_up").resolve("northern-shire-follow-ups.synthetic.csv"));
        // a site folder that is a link, and a file that is a link
        Files.createDirectories(inbox.resolve("site-returns"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(SAMPLES.resolve("metro-city-referral-log.synthetic.xlsx"), elsewhere.resolve("metro-city-referral-log.synthetic.xlsx"));
        Files.createSymbolicLink(inbox.resolve("site-returns").resolve("metro-city"), elsewhere);
        Files.createDirectories(inbox.resolve("referral"));
        Files.createSymbolicLink(inbox.resolve("referral").resolve("linked.csv"), SAMPLES.resolve("river-valley-referrals.synthetic.csv"));
        // and a good file beside it all, which must load
        Files.copy(SAMPLES.resolve("northern-shire-referrals.synthetic.csv"), inbox.resolve("referral").resolve("northern-shire-referrals.synthetic.csv"));

        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "0", "--settle-seconds", "10");
        String said = r.out() + r.err();
        assertThat(said).contains("reference" + java.io.File.separator + "failed is a symbolic link")
                .contains("processed is a symbolic link").contains(".processing is a symbolic link").contains("metro-city is a symbolic link");
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.toList()).as("nothing moved through a link").isEmpty();
        }
        assertThat(elsewhere.resolve("metro-city-referral-log.synthetic.xlsx")).exists();
        // the files behind linked work folders are left where they were
        assertThat(inbox.resolve("reference").resolve("bad.csv")).exists();
        assertThat(inbox.resolve("case_closure").resolve("northern-shire-closures.synthetic.csv")).exists();
        assertThat(inbox.resolve("follow_up").resolve("northern-shire-follow-ups.synthetic.csv")).exists();
        // the linked file is refused, its target untouched; the good file loads
        assertThat(Files.exists(inbox.resolve("referral").resolve("failed").resolve("linked.csv"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(SAMPLES.resolve("river-valley-referrals.synthetic.csv")).exists();
        assertThat(Lakes.count(home, "select count(*) from referral where site_id = 'NORTHERN_SHIRE'")).isPositive();
        assertThat(Lakes.count(home, "select count(*) from referral where site_id = 'RIVER_VALLEY'")).isZero();
    }

    @Test
    void longNamesNewlinesAndControlCharactersAreFiledWithoutEndingThePass() throws Exception {
        Path home = tmp.resolve("home");
        Path in = Files.createDirectories(home.resolve("inbox").resolve("referral"));
        String longName = "northern-shire-referrals-" + "x".repeat(250 - "northern-shire-referrals-".length() - ".csv".length()) + ".csv";
        assertThat(longName.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(250);
        // a bad file with a long name (its rejects and .errors.txt must still be written), a newline and control characters
        Files.writeString(in.resolve(longName), "SYNTHETIC\nREFERRAL_REF,SITE\nNS-1,Nowhere\n");
        Path newline = in.resolve("river-valley\nFORGED 2026-01-01 ERROR forged line.csv");
        Files.writeString(newline, "SYNTHETIC\nfoo,bar\n1,2\n");
        Files.writeString(in.resolve("river-valley-\u0007\u001b[31m-bell.csv"), "SYNTHETIC\nfoo,bar\n1,2\n");
        // the good file sorts after them all
        Files.copy(SAMPLES.resolve("river-valley-referrals.synthetic.csv"), in.resolve("zz-river-valley-referrals.synthetic.csv"));

        Cli.Result r = Cli.run("inbox", "--home", home.toString(), "--jobs", JOBS, "--quiet-seconds", "0", "--settle-seconds", "10");
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(Lakes.count(home, "select count(*) from referral where site_id = 'RIVER_VALLEY'")).isPositive();
        Path failed = in.resolve("failed");
        assertThat(failed.resolve(longName)).exists();
        try (Stream<Path> s = Files.list(failed)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names).filteredOn(n -> n.endsWith(".errors.txt")).hasSize(3);
            assertThat(names).anyMatch(n -> n.contains("\n"));
        }
        String log = Files.readString(home.resolve("logs").resolve("sightline.log"));
        assertThat(log).contains("FORGED 2026-01-01 ERROR forged line");
        for (String line : log.split("\n")) {
            assertThat(line).as("a log line that a file name forged").doesNotStartWith("FORGED");
            assertThat(line).doesNotContain("\u001b").doesNotContain("\u0007");
        }
    }
}
