package org.sightline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.sightline.contract.Contract;
import org.sightline.ingest.IngestSettings;
import org.sightline.lake.Lake;
import org.sightline.ops.HomeLock;
import org.sightline.ops.WorkingDays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "A fresh home (default ./var/demo), everything in sample-data/ ingested; prints where the results are.")
public final class DemoCommand implements Callable<Integer> {

    /**
     * The last day the bundled {@code sample-data/} covers: the demo dates the sample's arrival from it. The
     * sample generator (a test-scope tool, {@code org.sightline.sample.SampleDataGenerator}) reads it from here.
     */
    public static final java.time.LocalDate SAMPLE_DATA_END = java.time.LocalDate.of(2026, 10, 31);

    @Mixin
    CommonOptions common;

    @Option(names = "--samples", description = "Folder of sample files (default: sample-data/ of this checkout)")
    Path samples;

    @Override
    public Integer call() throws Exception {
        if (common.home == null) common.home = Path.of("var", "demo");
        Path home = common.home();
        Path marker = home.resolve(".sightline-demo");
        if (Files.exists(home) && !isEmpty(home) && !Files.exists(marker)) {
            System.err.println("sightline demo: " + home + " is not empty and is not a demo home; choose another --home");
            return Main.USAGE;
        }
        deleteTree(home);
        Files.createDirectories(home);
        Files.writeString(marker, "made by sightline demo; deleted by the next demo\n");
        Path sampleDir = samples != null ? samples : common.root().resolve("sample-data");
        Map<String, Contract> contracts = common.contracts();
        int code;
        try (HomeLock lock = HomeLock.acquire(home, java.time.Duration.ZERO);
             var ctx = Batch.start(common)) {
            // the bundled sample ends in October 2026: its files are dated as arriving on the 2nd working day of
            // November, as that month's returns would, so status and the packs' data-quality page judge them as such
            java.time.Instant arrived = samples != null ? null : IngestCommand.arrivalOn(
                    WorkingDays.load(common.jobs()).nth(java.time.YearMonth.from(SAMPLE_DATA_END).plusMonths(1), 2));
            code = IngestCommand.run(ctx, IngestSettings.defaults(home, common.jobs()), contracts, List.of(sampleDir), null, "demo", arrived);
        }
        Lake lake = new Lake(home);
        // one steering pack per sample site for the latest month in the sample data
        java.time.YearMonth month = latestMonth(lake, contracts);
        List<org.sightline.report.SteeringPacks.Result> packs = month == null ? List.of()
                : ReportCommand.build(common, null, null, month, null);
        org.sightline.report.SiteComparison.Result comparison = month == null ? null
                : ReportCommand.comparison(common, null, null, month, org.sightline.report.SiteComparison.DEFAULT_RANK_BY, null);
        System.out.println();
        System.out.println("Demo home:      " + home);
        System.out.println("Lake:           " + lake.root() + "  (snapshot " + Lake.snapshotId(lake.read()) + ")");
        System.out.println("DuckDB views:   " + lake.root().resolve("views.sql"));
        System.out.println("Rejects:        " + home.resolve("rejects"));
        System.out.println("Run summaries:  " + home.resolve("runs"));
        if (packs != null && !packs.isEmpty()) {
            System.out.println("Steering packs: " + packs.get(0).pdf().getParent() + "  (" + packs.size() + " PDFs for " + month
                    + ", each with the same figures as .xlsx and .csv)");
            for (var r : packs) System.out.println("                " + r.pdf().getFileName());
        }
        if (comparison != null) {
            System.out.println("Site comparison: " + comparison.pdf() + "  (" + comparison.pages() + " pages, " + comparison.rows().size()
                    + " sites, " + month + "; the table as .xlsx and .csv beside it)");
        }
        // the next commands, exactly as they run from here: this demo's home, not the default ./var
        String me = launcher(common.root());
        String h = " --home " + shellQuote(home.toString());
        System.out.println("Next:           " + me + " status" + h + (month == null ? "" : " --month " + month));
        System.out.println("                " + me + " query" + h + " \"select site_id, count(*) from referral group by 1\"");
        System.out.println("                " + me + " query" + h + " --file reports/sql/ofsted/judgement_history.sql --set la_code=801");
        System.out.println("                " + me + " query" + h + " --file reports/sql/lac/cla_rate_vs_neighbours.sql --set la_code=929");
        if (month != null) System.out.println("                " + me + " report steering" + h + " --site METRO_CITY --month " + month);
        System.out.println("                duckdb -cmd \"SET file_search_path = '" + lake.root() + "'\" -c \".read " + lake.root().resolve("views.sql") + "\"  (docs/researchers.md)");
        // the sample deliberately holds bad rows, which are rejected; the demo succeeds unless a file failed
        return code;
    }

    /** How to call the launcher from the current folder: ./sightline in the checkout, its full path elsewhere. */
    static String launcher(Path root) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return cwd.equals(root.toAbsolutePath().normalize()) ? "./sightline" : shellQuote(root.resolve("sightline").toString());
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The month of the latest referral in the lake (the sample data ends in 2026-10). */
    static java.time.YearMonth latestMonth(Lake lake, Map<String, Contract> contracts) throws java.sql.SQLException {
        if (!contracts.containsKey("referral")) return null;
        try (var c = org.sightline.query.QueryRunner.connect(lake, contracts);
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT max(referral_date) FROM referral")) {
            if (!rs.next() || rs.getObject(1) == null) return null;
            return java.time.YearMonth.from(rs.getObject(1, java.time.LocalDate.class));
        }
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
