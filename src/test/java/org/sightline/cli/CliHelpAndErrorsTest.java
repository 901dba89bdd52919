package org.sightline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.it.Cli;
import picocli.CommandLine;

/** Help on every command, the version from the build, and the one error style (one line on stderr, exit 2 for usage). */
class CliHelpAndErrorsTest {

    @TempDir
    Path tmp;

    /** Every command and subcommand, as the words that call it ("report steering"). */
    static List<List<String>> commands(CommandLine cl, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> words = new ArrayList<>(prefix);
            words.add(e.getKey());
            out.add(words);
            out.addAll(commands(e.getValue(), words));
        }
        return out;
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpWithExitZero() {
        List<List<String>> all = commands(Main.commandLine(), List.of());
        assertThat(all).extracting(w -> String.join(" ", w))
                .contains("ingest", "query", "status", "demo", "check", "help", "report", "report steering", "report comparison", "serve");
        for (List<String> words : all) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: sightline " + String.join(" ", words)).contains("--help");
            // picocli's own help command has --help only; every Sightline command has --version too
            if (!words.equals(List.of("help"))) assertThat(r.out()).as(String.join(" ", args)).contains("--version").contains("--verbose");
        }
        Cli.Result help = Cli.run("help", "ingest");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: sightline ingest").contains("--dataset");
    }

    @Test
    void versionComesFromTheBuildOnEveryCommand() throws Exception {
        // the version Maven wrote into the filtered application.properties, read here from the pom independently
        String pom = Files.readString(Path.of("pom.xml"));
        String projectVersion = pom.replaceAll("(?s).*?</parent>.*?<version>([^<]+)</version>.*", "$1");
        for (String[] args : new String[][] {{"--version"}, {"status", "--version"}, {"report", "steering", "--version"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Sightline " + projectVersion);
        }
    }

    @Test
    void aFolderWithoutAManifestIsNotAHome() {
        Path empty = tmp.resolve("empty");
        for (String[] args : new String[][] {
                {"query", "--home", empty.toString(), "select 1"},
                {"status", "--home", empty.toString()},
                {"report", "steering", "--home", empty.toString(), "--site", "METRO_CITY", "--month", "2026-10"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(empty.toString()).contains("is not a Sightline home").contains("--home");
            assertThat(r.out()).isEmpty();
        }
        assertThat(empty).doesNotExist();
    }

    @Test
    void usageErrorsAreOneLineNamingWhatToDo() {
        Cli.Result format = Cli.run("query", "--home", tmp.toString(), "--format", "xml", "select 1");
        assertThat(format.exit()).isEqualTo(Main.USAGE);
        assertThat(format.err().strip().lines()).hasSize(1);
        assertThat(format.err()).contains("--format").contains("xml").contains("TABLE, CSV, JSON").doesNotContain("No enum constant");

        Cli.Result month = Cli.run("status", "--home", tmp.toString(), "--month", "Oct-2026");
        assertThat(month.exit()).isEqualTo(Main.USAGE);
        assertThat(month.err().strip().lines()).hasSize(1);
        assertThat(month.err()).contains("'Oct-2026' is not a month: give YYYY-MM").doesNotContain("Exception");

        Cli.Result file = Cli.run("query", "--home", tmp.toString(), "--file", "nosuch.sql");
        assertThat(file.exit()).isEqualTo(Main.USAGE);
        assertThat(file.err()).startsWith("sightline query: no SQL file nosuch.sql").contains("reports/sql/");

        Cli.Result set = Cli.run("query", "--home", tmp.toString(), "--file", "reports/sql/ofsted/judgement_history.sql");
        assertThat(set.exit()).isEqualTo(Main.USAGE);
        assertThat(set.err().strip()).isEqualTo("sightline query: the query reads getvariable('la_code'): give --set la_code=VALUE");

        Cli.Result dataset = Cli.run("validate", "--dataset", "referal", "sample-data/README.md");
        assertThat(dataset.exit()).isEqualTo(Main.USAGE);
        assertThat(dataset.out()).isEmpty();
        assertThat(dataset.err().strip()).startsWith("sightline validate: no dataset named 'referal'; the datasets are ").contains("referral");

        Cli.Result unknown = Cli.run("demo", "--nosuch");
        assertThat(unknown.exit()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).startsWith("sightline demo: Unknown option: '--nosuch' (see sightline demo --help)");
    }
}
