package org.sightline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sightline.query.Duck;

/**
 * The shipped benchmark: generates its inputs, then alternates DuckDB's own CSV-to-Parquet and
 * Sightline's full ingest of the same file, ingests a large XLSX under a 512 MB heap, and times a
 * nightly run with nothing new. Sightline runs as separate processes (as a scheduler would run it);
 * its ingest time is taken from the run summary, i.e. after start-up. Prints medians and ratios.
 */
public final class Benchmark {

    public record Settings(Path work, int csvRows, int xlsxRows, int runs, List<String> javaCommand, Path jobs) {}

    private final Settings s;
    private final PrintStream out;

    public Benchmark(Settings s, PrintStream out) {
        this.s = s;
        this.out = out;
    }

    record Run(double seconds, double wallSeconds, long peakHeap, long peakRss, String summary) {}

    public void run() throws Exception {
        Files.createDirectories(s.work());
        Path csv = s.work().resolve("bench-referrals-" + s.csvRows() + ".csv");
        Path xlsx = s.work().resolve("bench-referrals-" + s.xlsxRows() + ".xlsx");
        if (!Files.exists(csv)) BenchData.csv(csv, s.csvRows());
        if (!Files.exists(xlsx)) BenchData.xlsx(xlsx, s.xlsxRows());
        out.printf(Locale.ROOT, "inputs: %s (%d rows, %.1f MB), %s (%d rows, %.1f MB)%n", csv.getFileName(), s.csvRows(),
                Files.size(csv) / 1e6, xlsx.getFileName(), s.xlsxRows(), Files.size(xlsx) / 1e6);
        out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));

        List<Double> duck = new ArrayList<>();
        List<Run> ingest = new ArrayList<>();
        List<Run> nightly = new ArrayList<>();
        for (int i = 1; i <= s.runs(); i++) {
            duck.add(duckCopy(csv, s.work().resolve("duck-" + i + ".parquet")));
            Path home = fresh(s.work().resolve("home-csv-" + i));
            ingest.add(sightline(home, csv, List.of()));
            nightly.add(sightline(home, csv, List.of()));
            out.printf(Locale.ROOT, "  run %d: duckdb %.2fs, sightline ingest %.2fs (wall %.2fs), nightly with nothing new %.2fs (wall %.2fs)%n",
                    i, duck.get(i - 1), ingest.get(i - 1).seconds(), ingest.get(i - 1).wallSeconds(), nightly.get(i - 1).seconds(), nightly.get(i - 1).wallSeconds());
        }
        List<Run> xl = new ArrayList<>();
        for (int i = 1; i <= s.runs(); i++) {
            xl.add(sightline(fresh(s.work().resolve("home-xlsx-" + i)), xlsx, List.of("-Xmx512m")));
            out.printf(Locale.ROOT, "  run %d: xlsx ingest %.2fs, peak heap %s, peak RSS %s%n", i, xl.get(i - 1).seconds(),
                    mb(xl.get(i - 1).peakHeap()), mb(xl.get(i - 1).peakRss()));
        }
        double a = median(duck);
        double b = median(ingest.stream().map(Run::seconds).toList());
        double c = median(xl.stream().map(Run::seconds).toList());
        out.println();
        out.println("== medians of " + s.runs() + " runs ==");
        out.printf(Locale.ROOT, "(a) DuckDB COPY read_csv -> parquet:   %6.2fs  %,10.0f rows/s%n", a, s.csvRows() / a);
        out.printf(Locale.ROOT, "(b) Sightline full CSV ingest:         %6.2fs  %,10.0f rows/s   ratio b/a = %.1fx (target <= 5x)%n", b, s.csvRows() / b, b / a);
        out.printf(Locale.ROOT, "    peak heap %s, peak RSS %s%n", mb(median(ingest.stream().map(r -> (double) r.peakHeap()).toList())),
                mb(median(ingest.stream().map(r -> (double) r.peakRss()).toList())));
        out.printf(Locale.ROOT, "(c) Sightline XLSX ingest (-Xmx512m):  %6.2fs  %,10.0f rows/s   peak heap %s, peak RSS %s (target < 1 GiB)%n",
                c, s.xlsxRows() / c, mb(median(xl.stream().map(r -> (double) r.peakHeap()).toList())), mb(median(xl.stream().map(r -> (double) r.peakRss()).toList())));
        out.printf(Locale.ROOT, "    nightly run, nothing new:          %6.2fs after start-up, %.2fs wall (target < 5s after start-up)%n",
                median(nightly.stream().map(Run::seconds).toList()), median(nightly.stream().map(Run::wallSeconds).toList()));
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

    /** Runs {@code sightline ingest} as its own process; its time comes from the run summary. */
    private Run sightline(Path home, Path file, List<String> jvm) throws Exception {
        List<String> cmd = new ArrayList<>(s.javaCommand().subList(0, 1));
        cmd.addAll(jvm);
        cmd.addAll(s.javaCommand().subList(1, s.javaCommand().size()));
        cmd.addAll(List.of("ingest", "--home", home.toString(), "--jobs", s.jobs().toString(), file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SIGHTLINE_PRINT_MEMORY", "1");
        Instant t = Instant.now();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = Duration.between(t, Instant.now()).toNanos() / 1e9;
        if (exit != 0) throw new IOException("sightline ingest failed (exit " + exit + "):\n" + output);
        Matcher m = MEMORY.matcher(output);
        long heap = -1;
        long rss = -1;
        if (m.find()) {
            heap = Long.parseLong(m.group(1));
            rss = Long.parseLong(m.group(2));
        }
        JsonNode summary = latestSummary(home);
        double seconds = Duration.between(Instant.parse(summary.get("started_at").asText()), Instant.parse(summary.get("finished_at").asText())).toNanos() / 1e9;
        return new Run(seconds, wall, heap, rss, summary.get("summary").asText());
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
