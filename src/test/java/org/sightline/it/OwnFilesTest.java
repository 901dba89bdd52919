package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data officer's own files through the generic engine, on a small jobs folder of its own (so that
 * the shipped contracts can change without changing what is tested here): header matching by exact
 * alias, normalised and token match; ambiguity an error; ignored columns reported with "did you
 * mean"; the local alias overlay and validate --suggest; the replace guard; files waiting for
 * reference data, and files refused for their own content.
 */
class OwnFilesTest {

    @TempDir
    Path tmp;
    Path jobs;
    Path home;

    @BeforeEach
    void jobsFolder() throws Exception {
        jobs = tmp.resolve("jobs");
        home = tmp.resolve("home");
        Path contracts = jobs.resolve("contracts");
        Files.createDirectories(contracts);
        Files.writeString(contracts.resolve("widget_ref.yml"), """
                dataset: widget_ref
                load: {mode: replace}
                natural_key: [ref]
                columns:
                  - {name: ref, type: string, required: true, headers: [ref code]}
                  - {name: label, type: string}
                """);
        Files.writeString(contracts.resolve("widget.yml"), """
                dataset: widget
                hook: org.sightline.it.WaitingTestHook
                load: {mode: replace, scope: [site]}
                load_after: [widget_ref]
                natural_key: [site, widget_id]
                partition_by: [site]
                columns:
                  - {name: site, type: string, required: true}
                  - {name: widget_id, type: string, required: true, headers: [widget id]}
                  - {name: made, type: date, headers: [date made]}
                  - {name: weight, type: decimal, headers: [weight kg]}
                  - {name: colour, type: string}
                  - {name: start_date, type: date}
                  - {name: start_code, type: string}
                """);
        Files.writeString(contracts.resolve("gadget.yml"), """
                dataset: gadget
                load: {mode: append}
                natural_key: [gadget_id]
                columns:
                  - {name: gadget_id, type: string, required: true, headers: [gadget id]}
                  - {name: size, type: integer, required: true}
                """);
    }

    private Cli.Result cli(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = args[0];
        all[1] = "--home";
        all[2] = home.toString();
        all[3] = "--jobs=" + jobs;
        System.arraycopy(args, 1, all, 4, args.length - 1);
        return Cli.run(all);
    }

    private Path file(String name, String... lines) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    private Path ref() throws Exception {
        return file("widget-ref.csv", "Ref code,Label", "R1,first", "R2,second");
    }

    /** n widgets of a site, in the usual layout. */
    private Path widgets(String name, String site, int n) throws Exception {
        String[] lines = new String[n + 1];
        lines[0] = "Site,Widget ID,Date made,Weight kg,Colour";
        for (int i = 1; i <= n; i++) lines[i] = site + ",W" + i + ",0" + (1 + i % 9) + "/03/2025," + (i * 1.5) + ",red";
        return file(name, lines);
    }

    private long count(String sql) throws Exception {
        return Lakes.count(home, sql);
    }

    @Test
    void realNamingMapsByNormalisedAndTokenMatchAndIgnoredColumnsAreNamedEverywhere() throws Exception {
        Path f = file("widgets-publisher.csv",
                "SITE,Widget_ID,Date made (dd/mm/yyyy),Total weight in kg,Colour_grade,Shoe size,colour_notes",
                "North,W1,01/03/2025,2.5,blue,9,faded",
                "North,W2,02/03/2025,4.0,green,10,");
        Cli.Result v = cli("validate", f.toString());
        String flat = v.out().replaceAll("[ \\t]+", " ");
        assertThat(flat).contains("SITE -> site (exact alias)")
                .contains("Widget_ID -> widget_id (exact alias)")
                .contains("Date made (dd/mm/yyyy) -> made (normalised)")
                .contains("Total weight in kg -> weight (token match)")
                .contains("Colour_grade -> colour (normalised)")
                .contains("Shoe size ignored")
                .contains("colour_notes ignored: did you mean colour?");
        assertThat(flat).doesNotContain("Shoe size ignored: did you mean");

        assertThat(cli("ingest", ref().toString()).exit()).isZero();
        Cli.Result r = cli("ingest", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("colour_notes ignored: did you mean colour?").contains("Shoe size ignored");
        assertThat(count("SELECT count(*) FROM read_parquet('" + home.resolve("lake") + "/widget/**/*.parquet') "
                + "WHERE (widget_id = 'W1' AND weight = 2.5 AND colour = 'blue' AND made = DATE '2025-03-01')"
                + " OR (widget_id = 'W2' AND weight = 4.0 AND colour = 'green' AND made = DATE '2025-03-02')")).isEqualTo(2);
        // the run summary (for monitoring) lists them too
        try (Stream<Path> s = Files.list(home.resolve("runs"))) {
            String json = Files.readString(s.sorted().reduce((a, b) -> b).orElseThrow());
            assertThat(json).contains("colour_notes ignored: did you mean colour?").contains("Shoe size ignored");
        }
    }

    @Test
    void aHeaderThatCouldBeEitherOfTwoColumnsIsAnErrorNamingBoth() throws Exception {
        Path f = file("widgets-start.csv", "Site,Widget ID,Start", "North,W1,01/03/2025");
        Cli.Result r = cli("validate", "--dataset", "widget", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("'Start' (column C) could be start_date or start_code");
    }

    @Test
    void localAliasesComeFromValidateSuggestAndAreReadByEveryCommand() throws Exception {
        Path f = file("widgets-paint.csv", "Site,Widget ID,Paint colour (main)", "North,W1,blue");
        Cli.Result v = cli("validate", "--suggest", f.toString());
        assertThat(v.out().replaceAll("[ \\t]+", " ")).contains("Paint colour (main) ignored: did you mean colour?");
        assertThat(v.out()).contains("WAITING").doesNotContain("1 failed");
        String out = v.out();
        int at = out.indexOf("# Lines for");
        assertThat(at).isNotNegative();
        // the suggested lines, as a data officer would paste them
        List<String> lines = out.substring(at).lines().takeWhile(l -> !l.startsWith("OK") && !l.startsWith("FAILED")).toList();
        assertThat(lines).contains("widget:", "  colour:", "    - 'Paint colour (main)'");
        Files.createDirectories(jobs.resolve("local"));
        Files.write(jobs.resolve("local").resolve("aliases.yml"), lines, StandardCharsets.UTF_8);

        Cli.Result again = cli("validate", f.toString());
        assertThat(again.out().replaceAll("[ \\t]+", " ")).contains("Paint colour (main) -> colour (exact alias)").doesNotContain("ignored");
        assertThat(cli("ingest", ref().toString()).exit()).isZero();
        assertThat(cli("ingest", f.toString()).exit()).isZero();
        assertThat(count("SELECT count(*) FROM read_parquet('" + home.resolve("lake") + "/widget/**/*.parquet') WHERE colour = 'blue'")).isEqualTo(1);

        // a mistake in the overlay is named with its file and line
        Files.writeString(jobs.resolve("local").resolve("aliases.yml"), "widget:\n  colour: [Hue]\n  weigth: [Mass]\n");
        Cli.Result bad = cli("validate", f.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.out() + bad.err()).contains("aliases.yml").contains("line 3").contains("widget has no column 'weigth'");
    }

    @Test
    void aReplaceThatWouldRemoveMostRowsOrAColumnIsRefusedUnlessReplaceIsGiven() throws Exception {
        assertThat(cli("ingest", ref().toString()).exit()).isZero();
        assertThat(cli("ingest", widgets("north-1.csv", "North", 10).toString()).exit()).isZero();
        String lake = "read_parquet('" + home.resolve("lake") + "/widget/**/*.parquet')";
        String current = "SELECT count(*) FROM " + lake;
        assertThat(count(current)).isEqualTo(10);

        Cli.Result small = cli("ingest", widgets("north-2.csv", "North", 3).toString());
        assertThat(small.exit()).isEqualTo(1);
        assertThat(small.out()).contains("would replace 10 rows of partition(s) site=North with 3, removing 7 (70%, more than half)")
                .contains("--replace");
        // another site's file is not a replace of North's
        assertThat(cli("ingest", widgets("south-1.csv", "South", 2).toString()).exit()).isZero();

        Path noColour = file("north-3.csv", "Site,Widget ID,Date made,Weight kg",
                "North,W1,01/03/2025,1", "North,W2,01/03/2025,1", "North,W3,01/03/2025,1", "North,W4,01/03/2025,1",
                "North,W5,01/03/2025,1", "North,W6,01/03/2025,1");
        Cli.Result lost = cli("ingest", noColour.toString());
        assertThat(lost.exit()).isEqualTo(1);
        assertThat(lost.out()).contains("no values in column(s) the snapshot has: colour (10 values now)").doesNotContain("more than half");

        Path lakeDir = home.resolve("lake");
        assertThat(Lakes.count(home, "SELECT count(*) FROM " + lake + " WHERE site = 'North'")).isEqualTo(10);
        assertThat(lakeDir).exists();

        Cli.Result meant = cli("ingest", "--replace", widgets("north-2.csv", "North", 3).toString());
        assertThat(meant.exit()).isZero();
        assertThat(meant.out()).contains("3 rows loaded");
        assertThat(Lakes.count(home, "SELECT count(*) FROM read_parquet(" + currentFiles("widget") + ") WHERE site = 'North'")).isEqualTo(3);
    }

    /** The current (not superseded) Parquet files of a dataset, as a DuckDB list literal. */
    private String currentFiles(String dataset) {
        org.sightline.lake.Lake lake = new org.sightline.lake.Lake(home);
        List<Path> files = new java.util.ArrayList<>();
        for (var f : lake.read().current(dataset)) files.add(lake.root().resolve(f.path()));
        return org.sightline.lake.Duck.fileList(files);
    }

    @Test
    void aFileWaitingForReferenceDataWaitsWithoutFailingLaterRunsAndLoadsWhenTheReferenceArrives() throws Exception {
        Path w = widgets("north-1.csv", "North", 4);
        Cli.Result first = cli("ingest", w.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("WAITING").contains("widget_ref is not loaded")
                .contains("1 waiting for reference data");
        assertThat(new org.sightline.lake.Lake(home).read().current("widget")).isEmpty();
        Cli.Result status = cli("status");
        assertThat(status.out()).contains("Waiting for reference data").contains("north-1.csv");

        // an unrelated later run: the waiting file is tried again, still waits, and the run is OK
        Cli.Result unrelated = cli("ingest", file("gadgets.csv", "Gadget ID,Size", "G1,3", "G2,4").toString());
        assertThat(unrelated.exit()).isZero();
        assertThat(unrelated.out()).contains("WAITING").contains("north-1.csv").contains("OK: 1 loaded");

        // the reference arrives: the waiting file loads in the same run
        Cli.Result arrives = cli("ingest", ref().toString());
        assertThat(arrives.exit()).isZero();
        assertThat(arrives.out()).doesNotContain("WAITING");
        assertThat(Lakes.count(home, "SELECT count(*) FROM read_parquet(" + currentFiles("widget") + ")")).isEqualTo(4);

        // a file refused for its own content is final: not tried again by later runs
        Cli.Result refused = cli("ingest", widgets("north-refuse.csv", "North", 5).toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("refused for its own content");
        Cli.Result later = cli("ingest", file("gadgets-2.csv", "Gadget ID,Size", "G3,5").toString());
        assertThat(later.exit()).isZero();
        assertThat(later.out()).doesNotContain("north-refuse.csv").doesNotContain("WAITING");
    }

    @Test
    void aFileWaitingInAnInboxGoesBackIntoItAndLoadsOnceTheReferenceArrives() throws Exception {
        Files.writeString(jobs.resolve("inboxes.yml"), """
                root: inbox
                quiet_seconds: 0
                inboxes:
                  - {folder: widgets, dataset: auto, site_from: none}
                  - {folder: reference, dataset: auto, site_from: none}
                """);
        Path widgets = Files.createDirectories(home.resolve("inbox").resolve("widgets"));
        Files.copy(widgets("north-1.csv", "North", 4), widgets.resolve("north-1.csv"));
        Cli.Result first = cli("inbox", "--quiet-seconds", "0", "--settle-seconds", "10");
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("WAITING").contains("widget_ref is not loaded");
        // back where it was dropped, not filed as processed or failed, and nothing copied beside it
        try (Stream<Path> s = Files.list(widgets)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".processing")).toList()).containsExactly("north-1.csv");
        }
        String receipts = Files.readString(home.resolve("runs").resolve(org.sightline.ops.Receipt.FILE));
        assertThat(receipts).contains("\"outcome\":\"WAITING\"").doesNotContain("\"outcome\":\"LOADED\"");

        // the reference arrives: at the latest by the next pass after it, the waiting file loads and is filed
        Files.copy(ref(), Files.createDirectories(home.resolve("inbox").resolve("reference")).resolve("widget-ref.csv"));
        Cli.Result second = cli("inbox", "--quiet-seconds", "0", "--settle-seconds", "10");
        Cli.Result third = cli("inbox", "--quiet-seconds", "0", "--settle-seconds", "10");
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(third.exit()).as(third.out() + third.err()).isZero();
        assertThat(second.out() + third.out()).doesNotContain("abandoned").doesNotContain("FAILED");
        assertThat(Lakes.count(home, "SELECT count(*) FROM read_parquet(" + currentFiles("widget") + ")")).isEqualTo(4);
        assertThat(widgets.resolve("north-1.csv")).doesNotExist();
        try (Stream<Path> s = Files.walk(widgets.resolve("processed"))) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("north-1.csv")).count()).isEqualTo(1);
        }
    }
}
