package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.Pseudonymiser;

/**
 * A real {@code sightline ingest} process is killed with {@code kill -9} in the middle of a file;
 * the next run resumes it from its last committed chunk through Spring Batch's restart, and the lake
 * ends identical to an uninterrupted run's. Once with the default H2 job repository, once with
 * PostgreSQL.
 */
class RestartTest {

    static final int ROWS = 3000;
    static final int CHUNK = 100;

    @TempDir
    Path tmp;

    @Test
    void killedIngestResumesFromItsLastChunkWithTheH2Repository() throws Exception {
        Path home = tmp.resolve("home");
        killResumeAndCompare(home, List.of(), () -> DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("db").resolve("jobrepo") + ";DB_CLOSE_ON_EXIT=FALSE", "", ""));
    }

    @Test
    void killedIngestResumesFromItsLastChunkWithThePostgresRepository() throws Exception {
        try (Pg pg = Pg.freshSchema()) {
            killResumeAndCompare(tmp.resolve("home"), pg.cliOptions(), pg::connect);
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from batch_job_instance")) {
                rs.next();
                assertThat(rs.getLong(1)).as("job instances in the PostgreSQL schema " + pg.schema).isEqualTo(1);
            }
        }
    }

    /**
     * A process killed just after the job repository created the file's job instance, before its first
     * execution, leaves an instance with no executions (FaultInjectionTest hit it about one run in
     * five). Spring Batch refuses to start such an instance again, so the file could never load; the
     * next run must load it. The state is made exactly: a run that fails (injected fault, before any
     * chunk), then its executions deleted from the repository, leaving the bare instance.
     */
    @Test
    void aJobInstanceLeftWithoutExecutionsDoesNotBlockTheFile() throws Exception {
        Path home = tmp.resolve("home");
        Path jobs = Path.of("jobs").toAbsolutePath();
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals-orphan.synthetic.csv"), 300);
        String[] args = {"ingest", "--home", home.toString(), "--jobs", jobs.toString(), "--chunk-size", "100", file.toString()};
        Processes.Run failed = Processes.start(tmp.resolve("logs"), "failed", Map.of("sightline.fault.after-chunks", "0"), args);
        assertThat(failed.await(120)).as(failed.out() + failed.err()).isNotZero();
        String url = "jdbc:h2:file:" + home.resolve("db").resolve("jobrepo") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement st = c.createStatement()) {
            String steps = "select step_execution_id from batch_step_execution";
            st.executeUpdate("delete from batch_step_execution_context where step_execution_id in (" + steps + ")");
            st.executeUpdate("delete from batch_step_execution");
            st.executeUpdate("delete from batch_job_execution_context");
            st.executeUpdate("delete from batch_job_execution_params");
            st.executeUpdate("delete from batch_job_execution");
            try (ResultSet rs = st.executeQuery("select count(*) from batch_job_instance")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the bare job instance left behind").isEqualTo(1);
            }
        }

        Cli.Result next = Cli.run(args);
        assertThat(next.exit()).as(next.out() + next.err()).isZero();
        assertThat(next.out()).contains("300 rows loaded");
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(300);
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*), min(status) from batch_job_execution")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("COMPLETED");
        }
    }

    interface Db {
        Connection open() throws Exception;
    }

    private void killResumeAndCompare(Path home, List<String> dbOptions, Db db) throws Exception {
        Path jobs = Path.of("jobs").toAbsolutePath();
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals-big.synthetic.csv"), ROWS);

        List<String> args = new ArrayList<>(List.of("ingest", "--home", home.toString(), "--jobs", jobs.toString(),
                "--chunk-size", String.valueOf(CHUNK)));
        args.addAll(dbOptions);
        args.add(file.toString());

        // 1. a real process, slowed down so that it is still in the file when we kill it
        Processes.Run run = Processes.start(tmp.resolve("logs"), "killed", Map.of("sightline.fault.chunk-delay-ms", "150"),
                args.toArray(String[]::new));
        Path staging = home.resolve("staging");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (TestFiles.countFiles(staging, ".parquet") < 5) {
            assertThat(run.process().isAlive()).as("the ingest ended before it could be killed:\n" + run.out() + run.err()).isTrue();
            assertThat(Instant.now()).as("no staged chunks after 120 s:\n" + run.out() + run.err()).isBefore(deadline);
            Thread.sleep(50);
        }
        run.kill9();
        assertThat(TestFiles.countFiles(staging, ".parquet")).as("chunks staged before the kill").isBetween(5L, (long) ROWS / CHUNK - 1);
        // a killed ingest leaves nothing a query can see
        assertThat(Lakes.count(home, "select count(*) from referral")).isZero();

        // 2. the next run resumes it
        Cli.Result resumed = Cli.run(args.toArray(String[]::new));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed an unfinished ingest").contains(ROWS + " rows loaded");

        // the restart read only the rest of the file
        List<long[]> steps = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select status, read_count, write_count from batch_step_execution "
                     + "where step_name = 'load' order by step_execution_id")) {
            while (rs.next()) {
                statuses.add(rs.getString(1));
                steps.add(new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        assertThat(steps).as("load step executions: the killed one and the resumed one").hasSize(2);
        assertThat(statuses.get(1)).isEqualTo("COMPLETED");
        long committedBeforeKill = steps.get(0)[1];
        long readOnRestart = steps.get(1)[0];
        assertThat(committedBeforeKill).as("rows committed before the kill").isPositive().isLessThan(ROWS);
        assertThat(committedBeforeKill % CHUNK).as("whole chunks committed").isZero();
        assertThat(readOnRestart).as("rows read by the restart").isEqualTo(ROWS - committedBeforeKill).isLessThan(ROWS);

        // 3. the lake equals a clean run's (same pseudonym key, so the same pseudonyms)
        Path clean = tmp.resolve("clean");
        Files.createDirectories(Pseudonymiser.keyFile(clean).getParent());
        Files.copy(Pseudonymiser.keyFile(home), Pseudonymiser.keyFile(clean));
        Cli.Result cleanRun = Cli.run("ingest", "--home", clean.toString(), "--jobs", jobs.toString(), "--chunk-size", String.valueOf(CHUNK), file.toString());
        assertThat(cleanRun.exit()).as(cleanRun.err()).isZero();

        String sql = "select * exclude (ingest_run_id, ingested_at) from referral order by source_row";
        List<List<Object>> resumedRows = Lakes.rows(home, sql);
        List<List<Object>> cleanRows = Lakes.rows(clean, sql);
        assertThat(resumedRows).hasSize(ROWS);
        assertThat(resumedRows).isEqualTo(cleanRows);
        assertThat(Lakes.count(home, "select count(distinct referral_key) from referral")).as("no duplicates").isEqualTo(ROWS);
        assertThat(Lakes.count(home, "select count(distinct source_row) from referral")).isEqualTo(ROWS);
        // nothing left over in staging
        assertThat(TestFiles.countFiles(staging, ".parquet")).isZero();
    }
}
