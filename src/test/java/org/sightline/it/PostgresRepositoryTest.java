package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring Batch's job repository on a real PostgreSQL ({@code --db-url}): the schema is created on
 * first use, history is kept there, a file is not loaded twice, and two homes can share one
 * database. The restart through PostgreSQL is in {@link RestartTest}.
 */
class PostgresRepositoryTest {

    @TempDir
    Path tmp;

    static final String NS = "sample-data/northern-shire-referrals.synthetic.csv";
    static final String MC = "sample-data/metro-city-referral-log.synthetic.xlsx";

    private static Cli.Result ingest(Pg pg, Path home, String... files) {
        List<String> args = new ArrayList<>(List.of("ingest", "--home", home.toString()));
        args.addAll(pg.cliOptions());
        args.addAll(List.of(files));
        return Cli.run(args.toArray(String[]::new));
    }

    private static long count(Pg pg, String sql) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theJobRepositoryLivesInPostgres() throws Exception {
        JsonNode expected = Expected.load();
        try (Pg pg = Pg.freshSchema()) {
            Path home = tmp.resolve("home");
            Cli.Result first = ingest(pg, home, NS, MC);
            assertThat(first.exit()).as(first.err()).isZero();
            // one job per unit: the CSV, and the workbook's three sheets
            assertThat(count(pg, "select count(*) from batch_job_instance where job_name = 'ingest'")).isEqualTo(4);
            assertThat(count(pg, "select count(*) from batch_job_execution where status = 'COMPLETED'")).isEqualTo(4);
            assertThat(count(pg, "select count(*) from batch_step_execution where step_name = 'load' and status = 'COMPLETED'")).isEqualTo(4);
            assertThat(count(pg, "select sum(write_count) from batch_step_execution where step_name = 'load'"))
                    .as("rows read into staging (good and rejected)")
                    .isEqualTo(expected.get("sites").get("NORTHERN_SHIRE").get("files").get(0).get("data_rows").asLong()
                            + sum(expected.get("sites").get("METRO_CITY").get("files"), "data_rows"));
            assertThat(count(pg, "select count(*) from batch_job_execution_params where parameter_name = 'home' and parameter_value = '"
                    + home.toAbsolutePath() + "'")).isEqualTo(4);
            long referrals = expected.get("sites").get("NORTHERN_SHIRE").get("referrals").asLong()
                    + expected.get("sites").get("METRO_CITY").get("referrals").asLong();
            assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(referrals);

            // the same files again: recognised, no new jobs
            Cli.Result again = ingest(pg, home, NS, MC);
            assertThat(again.exit()).isZero();
            assertThat(again.out()).contains("4 already loaded");
            assertThat(count(pg, "select count(*) from batch_job_instance")).isEqualTo(4);

            // a second home on the same database loads the same file for itself
            Path other = tmp.resolve("other");
            Cli.Result second = ingest(pg, other, NS);
            assertThat(second.exit()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).contains("LOADED");
            assertThat(Lakes.count(other, "select count(*) from referral"))
                    .isEqualTo(expected.get("sites").get("NORTHERN_SHIRE").get("referrals").asLong());
            assertThat(count(pg, "select count(*) from batch_job_instance")).isEqualTo(5);
        }
    }

    static long sum(JsonNode files, String field) {
        long n = 0;
        for (JsonNode f : files) n += f.get(field).asLong();
        return n;
    }
}
