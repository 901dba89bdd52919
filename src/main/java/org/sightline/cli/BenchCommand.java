package org.sightline.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sightline.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmark on generated inputs: DuckDB's own CSV-to-Parquet against Sightline's CSV ingest, an XLSX ingest under -Xmx512m, "
        + "a nightly inbox pass with nothing new, and the steering packs of generated sites; prints medians and ratios.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--rows", description = "Rows in the generated referral CSV (default: ${DEFAULT-VALUE})", defaultValue = "1000000")
    int rows;

    @Option(names = "--xlsx-rows", description = "Rows in the generated XLSX (default: ${DEFAULT-VALUE})", defaultValue = "200000")
    int xlsxRows;

    @Option(names = "--runs", description = "Runs of each measurement; medians are printed (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int runs;

    @Option(names = "--pack-sites", description = "Generated sites whose steering packs are rendered, step (d); 0 skips it (default: ${DEFAULT-VALUE})",
            defaultValue = "150")
    int packSites;

    @Option(names = "--work", description = "Where inputs and bench homes go (default: ./var/bench)")
    Path work;

    @Override
    public Integer call() throws Exception {
        Path dir = (work != null ? work : Path.of("var", "bench")).toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // Sightline runs as the launcher started this benchmark: the same collector and heap options
        // (not a flight recording, which every child would write to the same file)
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean jvm = arg.startsWith("-XX:") || arg.startsWith("-Xm") || arg.startsWith("-Xs");
            if (jvm && !arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-XX:FlightRecorderOptions")) cmd.add(arg);
        }
        cmd.add("-Dsightline.root=" + common.root());
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            // running from the Spring Boot fat jar: start the same jar
            cmd.addAll(List.of("-jar", classPath));
        } else {
            cmd.addAll(List.of("-cp", classPath, "org.sightline.cli.Main"));
        }
        new Benchmark(new Benchmark.Settings(dir, rows, xlsxRows, runs, cmd, common.jobs(), common.root(), packSites), System.out).run();
        return Main.OK;
    }
}
