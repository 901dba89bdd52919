package org.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.SightlineApplication;
import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.it.Lakes;
import org.sightline.it.TestFiles;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest job is defined once, the Spring Batch way: one {@code ingest} Job bean whose load step is
 * job-scoped and whose reader, processor, writer and publish tasklet are step-scoped beans built from the
 * job parameters. Two files run through that one bean each read their own rows; an ingest that failed half
 * way is restarted with the parameters read back from the job repository, so the restart resolves the same
 * unit and runs with the settings it started with (its chunk size, not the resuming run's), and the file's
 * rows end in the lake exactly once.
 */
class IngestJobWiringTest {

    @TempDir
    Path tmp;

    private Path home;
    private ConfigurableApplicationContext ctx;
    private Map<String, Contract> contracts;

    @BeforeEach
    void start() {
        home = tmp.resolve("home");
        contracts = new ContractLoader(Path.of("jobs"), LocalDate.now()).loadAll();
        ctx = new SpringApplicationBuilder(SightlineApplication.class)
                .properties(Map.of("sightline.db.url", "jdbc:h2:file:" + home.resolve("db").resolve("jobrepo") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "logging.file.name", home.resolve("logs").resolve("sightline.log").toString()))
                .logStartupInfo(false)
                .run();
    }

    @AfterEach
    void stop() {
        System.clearProperty("sightline.fault.after-chunks");
        if (ctx != null) ctx.close();
    }

    private IngestSettings settings(int chunkSize) {
        return IngestSettings.defaults(home, Path.of("jobs")).withChunkSize(chunkSize);
    }

    @Test
    void theOneIngestJobBeanHasJobAndStepScopedPartsBuiltFromItsParameters() {
        assertThat(ctx.getBeansOfType(Job.class)).containsOnlyKeys("ingestJob");
        assertThat(ctx.getBean("ingestJob", Job.class).getName()).isEqualTo(IngestJobConfiguration.JOB);
        ConfigurableListableBeanFactory beans = ctx.getBeanFactory();
        // a scoped bean's own definition is kept under scopedTarget.<name>, behind a proxy of that name
        for (String part : List.of("ingestReader", "ingestProcessor", "ingestWriter", "ingestPublishTasklet")) {
            assertThat(beans.getBeanDefinition("scopedTarget." + part).getScope()).as(part).isEqualTo("step");
        }
        assertThat(beans.getBeanDefinition("scopedTarget.ingestLoadStep").getScope()).isEqualTo("job");
        assertThat(beans.getBeanDefinition("ingestPipeline").getScope()).isEqualTo("job");
    }

    @Test
    void twoFilesThroughTheOneJobBeanEachReadTheirOwnRows() throws Exception {
        Path a = TestFiles.referralCsv(tmp.resolve("in").resolve("north-a.synthetic.csv"), 37);
        Path b = TestFiles.referralCsv(tmp.resolve("in").resolve("north-b.synthetic.csv"), 58);
        // file b is another site's log (a site's file replaces that site's referrals)
        Files.writeString(b, Files.readString(b, StandardCharsets.UTF_8).replace("NORTHERN SHIRE", "METRO CITY"), StandardCharsets.UTF_8);
        assertThat(csvDataRows(a)).isEqualTo(37);
        assertThat(csvDataRows(b)).isEqualTo(58);

        List<FileResult> results = ctx.getBean(IngestService.class).ingest(settings(10), contracts, List.of(a, b), "referral");

        assertThat(results).extracting(FileResult::file, FileResult::outcome, FileResult::loaded)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("north-a.synthetic.csv", "LOADED", 37L),
                        org.assertj.core.groups.Tuple.tuple("north-b.synthetic.csv", "LOADED", 58L));
        assertThat(Lakes.rows(home, "select source_file, site_id, count(*), count(distinct source_row) from referral group by all order by 1"))
                .containsExactly(List.of("north-a.synthetic.csv", "NORTHERN_SHIRE", 37L, 37L), List.of("north-b.synthetic.csv", "METRO_CITY", 58L, 58L));
        // two executions of the one job, each with its own file, each reading its own rows
        assertThat(query("select p.parameter_value, s.read_count from batch_job_execution_params p"
                + " join batch_step_execution s on s.job_execution_id = p.job_execution_id"
                + " where p.parameter_name = 'file' and s.step_name = 'load' order by p.job_execution_id"))
                .containsExactly(List.of(a.toAbsolutePath().toString(), "37"), List.of(b.toAbsolutePath().toString(), "58"));
        assertThat(query("select distinct i.job_name from batch_job_instance i")).containsExactly(List.of("ingest"));
    }

    @Test
    void aFailedIngestRestartsWithTheUnitAndSettingsOfItsOwnParameters() throws Exception {
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("north-restart.synthetic.csv"), 95);
        assertThat(csvDataRows(file)).isEqualTo(95);
        IngestService service = ctx.getBean(IngestService.class);

        // 1. the writer fails once 3 chunks of 10 rows are committed, as a crash would
        System.setProperty("sightline.fault.after-chunks", "3");
        List<FileResult> failed = service.ingest(settings(10), contracts, List.of(file), "referral");
        System.clearProperty("sightline.fault.after-chunks");
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("FAILED");
            assertThat(r.message()).contains("injected fault after 3 committed chunks");
        });
        assertThat(Lakes.count(home, "select count(*) from referral")).as("a failed ingest publishes nothing").isZero();

        // 2. a later run, with another chunk size and no files, resumes it from the job repository's parameters
        List<FileResult> resumed = service.ingest(settings(1000), contracts, List.of(), null);
        assertThat(resumed).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("north-restart.synthetic.csv");
            assertThat(r.outcome()).isEqualTo("LOADED");
            assertThat(r.loaded()).isEqualTo(95);
            assertThat(r.detail()).contains("resumed an unfinished ingest");
        });

        // the restart read only the rest of the file (the failed execution committed 3 chunks of 10 rows and
        // read a 4th), in the chunks of 10 rows it started with (65 rows: 7 commits), not in the resuming
        // run's chunks of 1000 (which would have been 1)
        assertThat(query("select status, read_count, write_count, commit_count from batch_step_execution where step_name = 'load' order by step_execution_id"))
                .containsExactly(List.of("FAILED", "40", "30", "3"), List.of("COMPLETED", "65", "65", "7"));
        assertThat(query("select parameter_value from batch_job_execution_params where parameter_name = 'chunk.size' order by job_execution_id"))
                .containsExactly(List.of("10"), List.of("10"));
        assertThat(query("select count(*) from batch_job_instance")).containsExactly(List.of("1"));

        // every row of the file in the lake exactly once
        assertThat(Lakes.rows(home, "select count(*), count(distinct source_row), count(distinct referral_key), min(source_row), max(source_row) from referral"))
                .containsExactly(List.of(95L, 95L, 95L, 3L, 97L));
    }

    /**
     * An execution an earlier Sightline started kept neither its settings nor its file's fingerprint in its
     * parameters: the restart adds the resuming run's settings and the file's fingerprint to them, so the
     * job still resolves its unit, and finishes with every row once.
     */
    @Test
    void anExecutionWhoseParametersLackTheSettingsResumesWithTheResumingRunsSettings() throws Exception {
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("north-old.synthetic.csv"), 95);
        IngestService service = ctx.getBean(IngestService.class);
        System.setProperty("sightline.fault.after-chunks", "3");
        assertThat(service.ingest(settings(10), contracts, List.of(file), "referral")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo("FAILED"));
        System.clearProperty("sightline.fault.after-chunks");
        try (Connection c = ctx.getBean(DataSource.class).getConnection(); Statement st = c.createStatement()) {
            int removed = st.executeUpdate("delete from batch_job_execution_params where parameter_name in ('jobs.dir', 'today', 'chunk.size',"
                    + " 'max.file.bytes', 'max.rows', 'max.cell.length', 'sightline.replace.allowed', 'source.size', 'source.utf8', 'source.head')");
            assertThat(removed).isEqualTo(10);
        }

        List<FileResult> resumed = service.ingest(settings(1000), contracts, List.of(), null);

        assertThat(resumed).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("LOADED");
            assertThat(r.loaded()).isEqualTo(95);
            assertThat(r.detail()).contains("resumed an unfinished ingest");
        });
        // the rest of the file in one chunk of the resuming run's 1000 rows
        assertThat(query("select status, read_count, commit_count from batch_step_execution where step_name = 'load' order by step_execution_id"))
                .containsExactly(List.of("FAILED", "40", "3"), List.of("COMPLETED", "65", "1"));
        assertThat(Lakes.rows(home, "select count(*), count(distinct source_row) from referral")).containsExactly(List.of(95L, 95L));
    }

    /** Data rows of one of these CSVs, read by Python's csv module: all rows but the title and the header. */
    private static long csvDataRows(Path csv) throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import csv,sys; print(sum(1 for r in csv.reader(open(sys.argv[1], encoding='utf-8')) if any(r)) - 2)", csv.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return Long.parseLong(out);
    }

    private List<List<String>> query(String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = ctx.getBean(DataSource.class).getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
