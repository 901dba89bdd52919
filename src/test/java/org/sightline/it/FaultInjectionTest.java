package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;

/**
 * Kill the real process (SIGKILL) at random moments across several ingests, start it again each
 * time, and the final lake equals an uninterrupted run's: same rows, nothing twice, nothing lost.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FaultInjectionTest {

    @TempDir
    Path tmp;

    static final String HEADER = "SYNTHETIC fault-injection file\nSite,Referral ID,YP ID,DOB,Date of referral,Referral source,Decision,Decision date";

    private Path referrals(Path dir, String site, String tag, int rows) throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER.split("\n")));
        for (int i = 1; i <= rows; i++) {
            lines.add(site + "," + tag + "-" + i + ",YP-" + tag + "-" + i + ",01/02/2011," + (1 + i % 19) + "/03/2025,YOT,Accepted,20/03/2025");
        }
        Path f = dir.resolve(tag + ".csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    /** The output file of the last run started. */
    private Path lastOutput;

    private Process start(Path home, Path inbox) throws Exception {
        lastOutput = tmp.resolve("out-" + System.nanoTime() + ".txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.sightline.cli.Main",
                "ingest", "--home", home.toString(), "--chunk-size", "250", inbox.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(lastOutput.toFile()).start();
    }

    @Test
    void killedAtRandomMomentsTheLakeEndsEqualToACleanRun() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        referrals(inbox, "Metro City", "MC", 4000);
        referrals(inbox, "River Valley", "RV", 3000);
        referrals(inbox, "Expanded City", "EC", 3500);
        Path clean = tmp.resolve("clean");
        Process p = start(clean, inbox);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();

        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("secrets"));
        Files.copy(clean.resolve("secrets").resolve("pseudonym.key"), home.resolve("secrets").resolve("pseudonym.key"));
        Random random = new Random(20261122);
        int kills = 0;
        int exit = -1;
        for (int attempt = 0; attempt < 12 && exit != 0; attempt++) {
            Process run = start(home, inbox);
            boolean finished = run.waitFor(attempt < 6 ? 1500 + random.nextInt(5000) : 420_000, TimeUnit.MILLISECONDS);
            if (finished) {
                exit = run.exitValue();
            } else {
                run.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no clean-up
                kills++;
            }
        }
        assertThat(exit).as("a run after the kills completes; its output:%n%s", Files.readString(lastOutput)).isZero();
        assertThat(kills).as("the process was really killed mid-run").isGreaterThanOrEqualTo(1);

        String cols = "site_id, referral_key, young_person_key, age_at_referral, referral_date, decision, source_file, source_row";
        assertThat(Lakes.rows(home, "select " + cols + " from referral order by source_file, source_row"))
                .isEqualTo(Lakes.rows(clean, "select " + cols + " from referral order by source_file, source_row"));
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(10_500);
        // no orphans left behind in the lake folder, and staging is empty
        Manifest m = new Lake(home).read();
        long parquetFiles;
        try (var s = Files.walk(home.resolve("lake"))) {
            parquetFiles = s.filter(f -> f.toString().endsWith(".parquet")).count();
        }
        assertThat(parquetFiles).isEqualTo(m.files.stream().filter(Manifest.FileEntry::current).count());
        try (var s = Files.walk(home.resolve("staging"))) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
        System.out.println("fault injection: " + kills + " kills before a clean finish");
    }
}
