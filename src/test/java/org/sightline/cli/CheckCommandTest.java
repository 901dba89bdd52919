package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sightline.it.Cli;
import org.sightline.ops.ConfigException;
import org.sightline.ops.Delivery;

/** sightline check validates every file in jobs/; a typo in any of them is an error naming the file, line and key. */
class CheckCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedJobsFolderIsGood() {
        Cli.Result r = Cli.run("check", "--jobs", "jobs", "--home", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("is good");
    }

    /** file; the text replaced; its replacement with a typo; the key the error must name */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "delivery.yml; attempts: 3; atempts: 5; atempts",
            "schedule.yml; cron: \"0 0 2 * * *\"; crn: \"0 0 2 * * *\"; jobs[1].crn",
            "inboxes.yml; quiet_seconds: 120; quiet_secs: 120; quiet_secs",
            "expected-submissions.yml; due_working_day: 5; due_workin_day: 5; due_workin_day",
            "holidays.yml; holidays:; holiday:; holiday",
            "codes/la-names.yml; other_codes:; other_code:; other_code",
            "codes/ssda903.yml; PLACE_PROVIDER:; PLACE_PROVDER:; PLACE_PROVDER",
            "codes/ofsted-grades.yml; GOOD:; GODO:; GODO",
            "codes/teams.yml; METRO_CITY:; METRO_CTY:; METRO_CTY",
            "codes/sites.yml; METRO_CITY: [Metro City, Metro City MST, MST Metro City, MC]; METRO_CITY: {name: Metro City}; METRO_CITY",
            "targets.yml; amber_margin: 15; amber_margn: 15; defaults.targets.length_of_treatment_days.amber_margn",
            "targets.yml; delivery_cost_per_case: 10558; delivery_cost_per_cse: 10558; defaults.cost_benefit.delivery_cost_per_cse",
    })
    void aTypoInEachJobsFileIsAnErrorNamingTheKey(String file, String text, String typo, String key) throws IOException {
        Path jobs = copyOfJobs();
        Path f = jobs.resolve(file);
        String original = Files.readString(f);
        assertThat(original).as(file).contains(text);
        Files.writeString(f, original.replaceFirst(java.util.regex.Pattern.quote(text), java.util.regex.Matcher.quoteReplacement(typo)));
        Cli.Result r = Cli.run("check", "--jobs", jobs.toString(), "--home", tmp.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(f.toString()).contains("'" + key);
        if (!file.equals("codes/teams.yml")) assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(f.toString()) + ", line \\d+: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aWrongTypeNamesTheLineKeyAndWhatIsExpected() throws IOException {
        Path jobs = copyOfJobs();
        Path f = jobs.resolve("delivery.yml");
        Files.writeString(f, Files.readString(f).replace("attempts: 3", "attempts: many"));
        assertThatThrownBy(() -> Delivery.load(jobs, tmp))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ", line ")
                .hasMessageContaining("'many' for 'attempts' is not a whole number");
        // and the commands that read it say the same, on one line, with exit 2
        Cli.Result r = Cli.run("deliver", "--jobs", jobs.toString(), "--home", tmp.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("'many' for 'attempts' is not a whole number");
    }

    private Path copyOfJobs() throws IOException {
        Path src = Path.of("jobs");
        Path dst = tmp.resolve("jobs");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path to = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return dst;
    }
}
