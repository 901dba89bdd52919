package org.sightline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sightline.lake.Duck;

/**
 * The shipped benchmark: generates its inputs, then, run after run, alternates (a) DuckDB's own
 * CSV-to-Parquet, (b) Sightline's full ingest of the same file, a nightly inbox pass with nothing new,
 * (c) the ingest of a large XLSX under a 512 MB heap and (d) the steering packs of many generated
 * sites. Sightline runs as separate processes (as a scheduler would run it); its times are taken after
 * start-up (from the run summary, or the pack command's own timing). Prints medians and ratios.
 */
public final class Benchmark {

    /**
     * @param root      the Sightline checkout (its {@code sample-data/} and {@code reports/})
     * @param packSites generated sites for the steering-pack run (0: no pack run)
     */
    public record Settings(Path work, int csvRows, int xlsxRows, int runs, List<String> javaCommand, Path jobs, Path root,
                           int packSites) {}

    /** The medians printed, for callers and tests. */
    public record Results(long csvRowsLoaded, long xlsxRowsLoaded, double duckSeconds, double ingestSeconds, double ratio,
                          double xlsxSeconds, long xlsxPeakHeap, long xlsxPeakRss, double noopSeconds, double noopWallSeconds,
                          int packs, double packSeconds, double pdfsPerMinute) {}

    /** The month the generated sites' packs are for. */
    public static final YearMonth PACK_MONTH = YearMonth.of(2026, 10);

    private final Settings s;
    private final PrintStream out;

    public Benchmark(Settings s, PrintStream out) {
        this.s = s;
        this.out = out;
    }

    record Run(double seconds, double wallSeconds, long peakHeap, long peakRss, String summary, long loaded, String output) {}

    public Results run() throws Exception {
        Files.createDirectories(s.work());
        Path csv = s.work().resolve("bench-referrals-" + s.csvRows() + ".csv");
        Path xlsx = s.work().resolve("bench-referrals-" + s.xlsxRows() + "-typed.xlsx");
        if (!Files.exists(csv)) BenchData.csv(csv, s.csvRows());
        if (!Files.exists(xlsx)) BenchData.xlsx(xlsx, s.xlsxRows());
        out.printf(Locale.ROOT, "inputs: %s (%d rows, %.1f MB), %s (%d rows, %.1f MB)%n", csv.getFileName(), s.csvRows(),
                Files.size(csv) / 1e6, xlsx.getFileName(), s.xlsxRows(), Files.size(xlsx) / 1e6);
        out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));

        Path packHome = null;
        Path packJobs = null;
        if (s.packSites() > 0) {
            // (d)'s setup, untimed: the generated sites ingested into their own home, and the templates
            // compiled into its cache by one single-site pack (a real home keeps them compiled too)
            Path gen = fresh(s.work().resolve("packs-" + s.packSites()));
            var g = GeneratedSites.write(s.jobs(), s.root().resolve("sample-data"), gen.resolve("jobs"), gen.resolve("input"),
                    s.packSites(), PACK_MONTH.atEndOfMonth());
            packJobs = g.jobs();
            packHome = gen.resolve("home");
            sightline(packHome, packJobs, List.of(), "ingest", g.input().toString());
            sightline(packHome, packJobs, List.of(), "report", "steering", "--site", "GEN001", "--month", PACK_MONTH.toString(),
                    "--out", gen.resolve("warm-up").toString());
            out.printf(Locale.ROOT, "setup: %d generated sites ingested, report templates compiled%n", s.packSites());
        }

        List<Double> duck = new ArrayList<>();
        List<Run> ingest = new ArrayList<>();
        List<Run> nightly = new ArrayList<>();
        List<Run> xl = new ArrayList<>();
        List<Run> packs = new ArrayList<>();
        for (int i = 1; i <= s.runs(); i++) {
            duck.add(duckCopy(csv, s.work().resolve("duck-" + i + ".parquet")));
            Path home = fresh(s.work().resolve("home-csv-" + i));
            Run b = sightline(home, s.jobs(), List.of(), "ingest", csv.toString());
            ingest.add(b);
            // a nightly pass with nothing new: the home holds the CSV just ingested, the inboxes (made by the pass) are empty
            Run n = sightline(home, s.jobs(), List.of(), "inbox");
            if (!n.summary().contains(" 0 files taken")) throw new IOException("the nightly pass was not a no-op: " + n.summary());
            nightly.add(n);
            out.printf(Locale.ROOT, "  run %d: (a) duckdb %.2fs, (b) sightline ingest %.2fs (wall %.2fs; %s), nightly with nothing new %.2fs (wall %.2fs)%n",
                    i, duck.get(i - 1), b.seconds(), b.wallSeconds(), rows(b.summary()), n.seconds(), n.wallSeconds());
            Run c = sightline(fresh(s.work().resolve("home-xlsx-" + i)), s.jobs(), List.of("-Xmx512m"), "ingest", xlsx.toString());
            xl.add(c);
            out.printf(Locale.ROOT, "  run %d: (c) xlsx ingest %.2fs (wall %.2fs; %s), peak heap %s, peak RSS %s%n", i, c.seconds(), c.wallSeconds(),
                    rows(c.summary()), mb(c.peakHeap()), mb(c.peakRss()));
            if (packHome != null) {
                Path dir = fresh(s.work().resolve("packs-" + s.packSites()).resolve("out-" + i));
                Run d = sightline(packHome, packJobs, List.of(), "report", "steering", "--all-sites", "--month", PACK_MONTH.toString(),
                        "--out", dir.toString());
                packs.add(d);
                out.printf(Locale.ROOT, "  run %d: (d) %d steering packs in %.2fs (wall %.2fs): %.1f PDFs/min%n", i, d.loaded(), d.seconds(),
                        d.wallSeconds(), d.loaded() * 60 / d.seconds());
            }
        }
        double a = median(duck);
        double b = median(ingest.stream().map(Run::seconds).toList());
        double c = median(xl.stream().map(Run::seconds).toList());
        long heapC = (long) median(xl.stream().map(r -> (double) r.peakHeap()).toList());
        long rssC = (long) median(xl.stream().map(r -> (double) r.peakRss()).toList());
        double noop = median(nightly.stream().map(Run::seconds).toList());
        double noopWall = median(nightly.stream().map(Run::wallSeconds).toList());
        out.println();
        out.println("== medians of " + s.runs() + " runs ==");
        out.printf(Locale.ROOT, "(a) DuckDB COPY read_csv -> parquet:   %6.2fs  %,10.0f rows/s%n", a, s.csvRows() / a);
        out.printf(Locale.ROOT, "(b) Sightline full CSV ingest:         %6.2fs  %,10.0f rows/s   ratio b/a = %.1fx (target <= 5x)%n", b, s.csvRows() / b, b / a);
        out.printf(Locale.ROOT, "    peak heap %s, peak RSS %s%n", mb(median(ingest.stream().map(r -> (double) r.peakHeap()).toList())),
                mb(median(ingest.stream().map(r -> (double) r.peakRss()).toList())));
        out.printf(Locale.ROOT, "(c) Sightline XLSX ingest (-Xmx512m):  %6.2fs  %,10.0f rows/s   peak heap %s, peak RSS %s (target < 1 GiB)%n",
                c, s.xlsxRows() / c, mb(heapC), mb(rssC));
        double packSeconds = Double.NaN;
        double perMinute = Double.NaN;
        int packCount = 0;
        if (!packs.isEmpty()) {
            packSeconds = median(packs.stream().map(Run::seconds).toList());
            perMinute = median(packs.stream().map(r -> r.loaded() * 60 / r.seconds()).toList());
            packCount = (int) packs.get(0).loaded();
            out.printf(Locale.ROOT, "(d) steering packs, %d sites:         %6.2fs  %10.1f PDFs/min (target: %d packs < 2 min)%n",
                    s.packSites(), packSeconds, perMinute, s.packSites());
        }
        out.printf(Locale.ROOT, "    nightly inbox pass, nothing new:   %6.2fs after start-up, %.2fs wall (target < 5s after start-up)%n", noop, noopWall);
        return new Results(ingest.get(0).loaded(), xl.get(0).loaded(), a, b, b / a, c, heapC, rssC, noop, noopWall, packCount, packSeconds, perMinute);
    }

    /** "5000 rows loaded, 0 rows rejected" out of an ingest's one-line summary. */
    private static String rows(String summary) {
        int i = summary.indexOf("; ");
        return i < 0 ? summary : summary.substring(i + 2);
    }

    private static String mb(double bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private double duckCopy(Path csv, Path parquet) throws Exception {
        Files.deleteIfExists(parquet);
        try (Connection c = Duck.open()) {
            Instant t = Instant.now();
            Duck.exec(c, "COPY (SELECT * FROM read_csv(" + Duck.literal(csv.toString()) + ")) TO " + Duck.literal(parquet.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            return Duration.between(t, Instant.now()).toNanos() / 1e9;
        }
    }

    private static final Pattern MEMORY = Pattern.compile("sightline-memory peak-heap=(\\d+) peak-rss=(-?\\d+)");
    private static final Pattern PACKS = Pattern.compile("(?m)^(\\d+) steering packs? for \\S+ in ([0-9.]+) s$");

    /**
     * Runs a sightline command as its own process. Its time after start-up comes from the run summary
     * ({@code ingest}, {@code inbox}) or, for {@code report steering}, from the time it prints;
     * {@code loaded} is the rows loaded, or the packs written.
     */
    private Run sightline(Path home, Path jobs, List<String> jvm, String... args) throws Exception {
        // the run's own JVM options (e.g. -Xmx512m) go after the inherited ones, so that they win
        List<String> java = s.javaCommand();
        int main = Math.max(java.indexOf("-jar"), java.indexOf("-cp"));
        if (main < 0) main = 1;
        List<String> cmd = new ArrayList<>(java.subList(0, main));
        cmd.addAll(jvm);
        cmd.addAll(java.subList(main, java.size()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", home.toString(), "--jobs", jobs.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SIGHTLINE_PRINT_MEMORY", "1");
        Instant t = Instant.now();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = Duration.between(t, Instant.now()).toNanos() / 1e9;
        if (exit != 0) throw new IOException("sightline " + String.join(" ", args) + " failed (exit " + exit + "):\n" + output);
        Matcher m = MEMORY.matcher(output);
        long heap = -1;
        long rss = -1;
        if (m.find()) {
            heap = Long.parseLong(m.group(1));
            rss = Long.parseLong(m.group(2));
        }
        if (args[0].equals("report")) {
            Matcher pm = PACKS.matcher(output);
            if (!pm.find()) throw new IOException("no pack timing in the output of sightline " + String.join(" ", args) + ":\n" + output);
            return new Run(Double.parseDouble(pm.group(2)), wall, heap, rss, pm.group(), Long.parseLong(pm.group(1)), output);
        }
        JsonNode summary = latestSummary(home);
        double seconds = Duration.between(Instant.parse(summary.get("started_at").asText()), Instant.parse(summary.get("finished_at").asText())).toNanos() / 1e9;
        long loaded = 0;
        for (JsonNode f : summary.path("files")) loaded += f.path("loaded").asLong();
        return new Run(seconds, wall, heap, rss, summary.get("summary").asText(), loaded, output);
    }

    private static JsonNode latestSummary(Path home) throws IOException {
        try (Stream<Path> st = Files.list(home.resolve("runs"))) {
            Path last = st.sorted().reduce((x, y) -> y).orElseThrow();
            return new ObjectMapper().readTree(last.toFile());
        }
    }

    private static Path fresh(Path home) throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> st = Files.walk(home)) {
                for (Path p : st.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        return home;
    }
}
