package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.cli.Main;
import org.sightline.lake.Lake;

/** How ingest treats whole files: refusals, dry runs, exit codes, and restarting a failed run. */
class IngestBehaviourTest {

    @TempDir
    Path tmp;

    static final String HEADER = "SYNTHETIC test file\nSite,Referral ID,YP ID,Young person name,DOB,Date of referral,Referral source,Decision,Decision date";

    /** A referral CSV with n good rows for Metro City, then bad ones. */
    static Path referrals(Path dir, String name, int good, int badDates) throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER.split("\n")));
        for (int i = 1; i <= good; i++) {
            lines.add(String.format("Metro City,MC-T-%04d,YP-%04d,Test Person %d,01/02/2011,%02d/03/2025,YOT,Accepted,20/03/2025", i, i, i, 1 + i % 19));
        }
        for (int i = 1; i <= badDates; i++) {
            lines.add(String.format("Metro City,MC-B-%04d,YPB-%04d,Bad Person,01/02/2011,31/02/2025,YOT,Accepted,20/03/2025", i, i));
        }
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private long count(Path home, String sql) throws Exception {
        return Lakes.count(home, sql);
    }

    @Test
    void missingRequiredColumnFailsTheWholeFileAndSaysWhich() throws Exception {
        Path home = tmp.resolve("home");
        Path f = tmp.resolve("no-referral-date.csv");
        Files.writeString(f, "Site,Referral ID,YP ID\nMetro City,MC-1,YP-1\n");
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), "--dataset", "referral", f.toString());
        assertThat(r.exit()).isEqualTo(Main.FILES_FAILED);
        assertThat(r.out()).contains("FAILED").contains("no-referral-date.csv").contains("referral_date").contains("missing");
        assertThat(count(home, "select count(*) from referral")).isZero();
    }

    @Test
    void tooManyRejectedRowsRefusesTheFileButKeepsTheRejectsReport() throws Exception {
        Path home = tmp.resolve("home");
        Path f = referrals(tmp, "mostly-bad.csv", 2, 3);
        Cli.Result r = Cli.run("ingest", "--home", home.toString(), f.toString());
        assertThat(r.exit()).isEqualTo(Main.FILES_FAILED);
        assertThat(r.out()).contains("3 of 5 rows rejected").contains("nothing loaded");
        assertThat(count(home, "select count(*) from referral")).isZero();
        Path rejects = Files.walk(home.resolve("rejects")).filter(p -> p.toString().endsWith(".rejects.csv")).findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(rejects);
        assertThat(lines).hasSize(4);
        // a full date is hidden whatever its column (a shifted row puts a date of birth anywhere): row, column and rule say where
        assertThat(lines.get(1)).startsWith("mostly-bad.csv,,5,referral_date,Date of referral (column F),[hidden: looks like a full date (10 characters)],date_impossible,");
    }

    @Test
    void validateIsADryRun() throws Exception {
        Path home = tmp.resolve("home");
        Path f = referrals(tmp, "some-bad.csv", 4, 1);
        Cli.Result r = Cli.run("validate", "--home", home.toString(), f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("4 rows would load, 1 would be rejected").contains("row 7").contains("not a real date");
        assertThat(home.resolve("lake")).doesNotExist();
    }

    @Test
    void aFailedRunRestartsFromItsLastCommittedChunkAndEndsLikeACleanRun() throws Exception {
        Path f = referrals(tmp, "long.csv", 95, 0);
        // clean run for comparison
        Path clean = tmp.resolve("clean");
        assertThat(Cli.run("ingest", "--home", clean.toString(), "--chunk-size", "10", f.toString()).exit()).isZero();
        // a run that fails after 4 committed chunks (40 rows), as a crash would
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("secrets"));
        Files.copy(clean.resolve("secrets").resolve("pseudonym.key"), home.resolve("secrets").resolve("pseudonym.key")); // same key, same pseudonyms
        System.setProperty("sightline.fault.after-chunks", "4");
        Cli.Result failed;
        try {
            failed = Cli.run("ingest", "--home", home.toString(), "--chunk-size", "10", f.toString());
        } finally {
            System.clearProperty("sightline.fault.after-chunks");
        }
        assertThat(failed.exit()).isEqualTo(Main.FILES_FAILED);
        assertThat(failed.out()).contains("injected fault");
        assertThat(count(home, "select count(*) from referral")).isZero(); // nothing visible from the failed run
        // the next run resumes the unfinished ingest
        Cli.Result resumed = Cli.run("ingest", "--home", home.toString(), "--chunk-size", "10", f.toString());
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.out()).contains("LOADED").contains("95 rows loaded");
        String cols = "site_id, referral_key, young_person_key, age_at_referral, referral_date, referral_source, decision, decision_date, source_row";
        assertThat(Lakes.rows(home, "select " + cols + " from referral order by source_row"))
                .isEqualTo(Lakes.rows(clean, "select " + cols + " from referral order by source_row"));
        // and it really resumed: the restarted load step read only the rows after the 4 committed chunks
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jobrepo"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select s.READ_COUNT, s.STATUS from BATCH_STEP_EXECUTION s where s.STEP_NAME = 'load' order by s.STEP_EXECUTION_ID")) {
            List<String> steps = new ArrayList<>();
            while (rs.next()) steps.add(rs.getLong(1) + ":" + rs.getString(2));
            assertThat(steps).containsExactly("50:FAILED", "55:COMPLETED");
        }
        // exactly one published copy of each row
        assertThat(count(home, "select count(*) - count(distinct referral_key) from referral")).isZero();
        assertThat(new Lake(home).read().ingests).hasSize(1);
    }

    /**
     * The load step processes the blocks of a chunk on several threads at once; what depends on earlier
     * rows is settled in file order. A chunk of 3,000 rows (six blocks of 500, processed concurrently)
     * must give the same lake, rejects and counts as chunks of 250 rows (one block at a time), with
     * duplicates, blanks and bad rows spread across blocks.
     */
    @Test
    void concurrentBlocksGiveTheSameLakeRejectsAndCountsAsOneBlockAtATime() throws Exception {
        String[] sites = {"Metro City", "River Valley", "Northern Shire"};
        List<String> lines = new ArrayList<>(List.of(HEADER.split("\n")));
        for (int i = 1; i <= 3000; i++) {
            int id = i > 2000 && i % 7 == 0 ? i - 1500 : i;          // repeats of rows from earlier blocks
            if (i % 97 == 0) lines.add(",,,,,,,,");                  // blank rows
            else if (i % 131 == 0) lines.add(String.format("%s,X-%04d,YP-%04d,P,01/02/2011,31/02/2025,YOT,Accepted,20/03/2025", sites[i % 3], i, i));
            else lines.add(String.format("%s,R-%04d,YP-%04d,P,01/02/2011,%02d/03/2025,YOT,Accepted,20/03/2025", sites[id % 3], id, id, 1 + id % 19));
        }
        Path f = tmp.resolve("spread.csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        Path together = tmp.resolve("together");
        Cli.Result a = Cli.run("ingest", "--home", together.toString(), "--chunk-size", "3000", f.toString());
        Path apart = tmp.resolve("apart");
        Files.createDirectories(apart.resolve("secrets"));
        Files.copy(together.resolve("secrets").resolve("pseudonym.key"), apart.resolve("secrets").resolve("pseudonym.key"));
        Cli.Result b = Cli.run("ingest", "--home", apart.toString(), "--chunk-size", "250", f.toString());
        assertThat(a.exit()).as(a.out() + a.err()).isZero();
        assertThat(b.exit()).as(b.out() + b.err()).isZero();

        // the expected counts, worked out from the generator above
        long blanks = 3000 / 97;
        long badDates = 0;
        long duplicates = 0;
        for (int i = 1; i <= 3000; i++) {
            if (i % 97 == 0) continue;
            if (i % 131 == 0) badDates++;
            else if (i > 2000 && i % 7 == 0 && (i - 1500) % 97 != 0 && (i - 1500) % 131 != 0) duplicates++; // its first was loaded
        }
        long loaded = 3000 - blanks - badDates - duplicates;
        assertThat(a.out()).contains(loaded + " rows loaded, " + (badDates + duplicates) + " rejected");
        String cols = "site_id, referral_key, referral_date, source_row";
        assertThat(Lakes.rows(together, "select " + cols + " from referral order by source_row"))
                .hasSize((int) loaded)
                .isEqualTo(Lakes.rows(apart, "select " + cols + " from referral order by source_row"));
        // each repeat is rejected, naming the earlier row it repeats, in both runs alike
        Path rejectsA;
        Path rejectsB;
        try (var s1 = Files.list(together.resolve("rejects").resolve("referral"));
             var s2 = Files.list(apart.resolve("rejects").resolve("referral"))) {
            rejectsA = s1.findFirst().orElseThrow();
            rejectsB = s2.findFirst().orElseThrow();
        }
        String report = Files.readString(rejectsA);
        assertThat(report).isEqualTo(Files.readString(rejectsB));
        assertThat(report).contains("as row " + (2002 - 1500 + 2)); // row 2002's repeat of id 502, which sits on line 504
        assertThat(report.lines().filter(l -> l.contains("duplicate")).count()).isEqualTo(duplicates);
        // the job repository counts rows in both
        for (Path home : List.of(together, apart)) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db").resolve("jobrepo"));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select READ_COUNT, WRITE_COUNT, FILTER_COUNT from BATCH_STEP_EXECUTION where STEP_NAME = 'load'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3000);
                assertThat(rs.getLong(2)).isEqualTo(loaded + badDates + duplicates);
                assertThat(rs.getLong(3)).isEqualTo(blanks);
            }
        }
    }

    @Test
    void spreadsheetFormulaCharactersAreNeutralisedInTheRejectsReport() throws Exception {
        Path home = tmp.resolve("home");
        Path f = tmp.resolve("formula.csv");
        Files.writeString(f, HEADER + "\nMetro City,MC-1,YP-1,A,01/02/2011,12/03/2025,=HYPERLINK(\"http://x\"),Accepted,20/03/2025\n"
                + "Metro City,MC-2,YP-2,B,01/02/2011,12/03/2025,YOT,Accepted,20/03/2025\n"
                + "Metro City,MC-3,YP-3,C,01/02/2011,12/03/2025,YOT,Accepted,20/03/2025\n");
        assertThat(Cli.run("ingest", "--home", home.toString(), f.toString()).exit()).isZero();
        Path rejects = Files.walk(home.resolve("rejects")).filter(p -> p.toString().endsWith(".rejects.csv")).findFirst().orElseThrow();
        String text = Files.readString(rejects);
        assertThat(text).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }
}
