package org.sightline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sightline.report.SiteComparison;
import org.sightline.report.SteeringPacks;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", description = "Build report packs (PDF, with the same figures as CSV and XLSX beside it).",
        subcommands = {ReportCommand.Steering.class, ReportCommand.Comparison.class})
public final class ReportCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "steering", description = "The monthly steering-group pack: one PDF per site and month, in <home>/reports/YYYY-MM/ unless --out is given.")
    static final class Steering implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        static final class Which {
            @Option(names = "--site", description = "Site id (as in jobs/codes/sites.yml), e.g. METRO_CITY")
            String site;

            @Option(names = "--all-sites", description = "Every site in the site register")
            boolean all;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--month", required = true, description = "The month, YYYY-MM")
        YearMonth month;

        @Option(names = "--out", description = "Output folder (default: <home>/reports/YYYY-MM)")
        Path out;

        @Option(names = "--reports", description = "Folder of report templates and SQL (default: the reports/ folder of this checkout)")
        Path reports;

        @Override
        public Integer call() throws Exception {
            List<SteeringPacks.Result> results = build(common, reports, which.all ? null : which.site, month, out);
            return results == null ? Main.USAGE : Main.OK;
        }
    }

    /** Builds packs for one site (or all when site is null); prints one line per pack; null on a usage error. */
    static List<SteeringPacks.Result> build(CommonOptions common, Path reports, String site, YearMonth month, Path out) throws Exception {
        Path home = common.home();
        org.sightline.lake.NotAHomeException.check(home);
        Path reportsDir = reports != null ? reports.toAbsolutePath().normalize() : common.root().resolve("reports");
        long t0 = System.nanoTime();
        List<SteeringPacks.Result> results = new ArrayList<>();
        try (var lock = org.sightline.ops.HomeLock.acquire(home, Duration.ofSeconds(30));
             SteeringPacks packs = new SteeringPacks(home, reportsDir, common.jobs(), common.contracts())) {
            List<String> sites = site == null ? packs.sites() : List.of(site);
            if (site != null && !packs.sites().contains(site)) {
                System.err.println("sightline report steering: no site " + site + " in the site register; known: " + String.join(", ", packs.sites()));
                return null;
            }
            if (sites.isEmpty()) {
                System.err.println("sightline report steering: the site register is empty; ingest the sites file first");
                return null;
            }
            Path dir = out != null ? out.toAbsolutePath().normalize() : packs.defaultOutDir(month);
            int threads = Math.max(1, Math.min(sites.size(), Runtime.getRuntime().availableProcessors()));
            // one line a pack as it is done, counted: n of m
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            results.addAll(packs.buildAll(sites, month, dir, threads, r ->
                    System.out.println("[" + done.incrementAndGet() + "/" + sites.size() + "] " + r.pdf() + "  (" + r.pages() + " pages; figures in "
                            + r.xlsx().getFileName() + " and " + r.csv().getFileName() + ")")));
        }
        System.out.printf("%d steering pack%s for %s in %.1f s%n", results.size(), results.size() == 1 ? "" : "s", month, (System.nanoTime() - t0) / 1e9);
        return results;
    }

    @Command(name = "comparison", description = "The monthly site comparison: every site side by side on the steering pack's figures, "
            + "one landscape PDF <home>/reports/YYYY-MM/site-comparison.pdf with the table as .csv and .xlsx beside it.")
    static final class Comparison implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Option(names = "--month", required = true, description = "The month, YYYY-MM")
        YearMonth month;

        @Option(names = "--sites", split = ",", description = "Sites to compare, comma-separated (default: every site in the site register, closed ones too)")
        List<String> sites;

        @Option(names = "--rank-by", defaultValue = SiteComparison.DEFAULT_RANK_BY,
                description = "The figure to rank the sites on (its 12-month value where it has one): ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}",
                completionCandidates = RankKeys.class)
        String rankBy;

        @Option(names = "--out", description = "Output folder (default: <home>/reports/YYYY-MM)")
        Path out;

        @Option(names = "--reports", description = "Folder of report templates and SQL (default: the reports/ folder of this checkout)")
        Path reports;

        @Override
        public Integer call() throws Exception {
            return comparison(common, reports, sites, month, rankBy, out) == null ? Main.USAGE : Main.OK;
        }
    }

    static final class RankKeys implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SiteComparison.measureKeys(new CommonOptions().root().resolve("reports")).iterator();
        }
    }

    /** Builds the site comparison; prints where it is; null on a usage error. */
    static SiteComparison.Result comparison(CommonOptions common, Path reports, List<String> sites, YearMonth month, String rankBy, Path out)
            throws Exception {
        Path home = common.home();
        org.sightline.lake.NotAHomeException.check(home);
        Path reportsDir = reports != null ? reports.toAbsolutePath().normalize() : common.root().resolve("reports");
        List<String> keys = SiteComparison.measureKeys(reportsDir);
        if (!keys.contains(rankBy)) {
            System.err.println("sightline report comparison: --rank-by must be one of " + String.join(", ", keys) + ", not " + rankBy);
            return null;
        }
        long t0 = System.nanoTime();
        SiteComparison.Result r;
        try (var lock = org.sightline.ops.HomeLock.acquire(home, Duration.ofSeconds(30));
             SteeringPacks packs = new SteeringPacks(home, reportsDir, common.jobs(), common.contracts())) {
            List<String> known = packs.sites();
            List<String> chosen = sites == null || sites.isEmpty() ? known : sites.stream().map(String::trim).filter(x -> !x.isEmpty()).distinct().toList();
            for (String s : chosen) {
                if (!known.contains(s)) {
                    System.err.println("sightline report comparison: no site " + s + " in the site register; known: " + String.join(", ", known));
                    return null;
                }
            }
            if (chosen.isEmpty()) {
                System.err.println("sightline report comparison: the site register is empty; ingest the sites file first");
                return null;
            }
            Path dir = out != null ? out.toAbsolutePath().normalize() : packs.defaultOutDir(month);
            r = new SiteComparison(packs, reportsDir).build(chosen, month, rankBy, dir);
        }
        System.out.println(r.pdf() + "  (" + r.pages() + " pages, " + r.rows().size() + " sites; the table in "
                + r.xlsx().getFileName() + " and " + r.csv().getFileName() + ")");
        System.out.printf("site comparison for %s in %.1f s%n", month, (System.nanoTime() - t0) / 1e9);
        return r;
    }
}
