package org.sightline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import org.sightline.ingest.DatasetDetector;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.HeaderMap;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.ingest.KnownTables;
import org.sightline.ingest.RowError;
import org.sightline.ingest.read.Fingerprint;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.ops.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Dry run: report what would be accepted and rejected, and which source column became which"
        + " contract column; nothing is written to the lake.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", description = "The dataset the file holds (default: detected)")
    String dataset;

    @Option(names = "--max-errors", description = "How many row errors to print (default: ${DEFAULT-VALUE})", defaultValue = "50")
    int maxErrors;

    @Option(names = "--suggest", description = "Print the lines to paste into jobs/local/aliases.yml for the columns that mapped to nothing")
    boolean suggest;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        List<RowError> errors = new ArrayList<>();
        Map<String, Contract> contracts = common.contracts();
        IngestSettings settings = IngestSettings.defaults(common.home(), common.jobs());
        // the service's validate path needs no Spring context and no job repository
        IngestService service = new IngestService(null, null, null);
        CommonOptions.checkDataset(dataset, contracts);
        List<FileResult> results = service.validate(settings, contracts, file, dataset, errors);
        for (FileResult r : results) {
            System.out.println(r.line());
            if (r.detail() != null) System.out.println("               read as " + r.detail());
        }
        List<DatasetDetector.Match> matches = mappings(settings, contracts);
        for (DatasetDetector.Match m : matches) {
            System.out.println();
            System.out.println("Columns of " + file.getFileName() + (m.sheet() == null ? "" : " [" + m.sheet() + "]") + " -> "
                    + m.contract().dataset() + " (header at row " + m.header().headerRow() + "):");
            boolean hookReads = org.sightline.ingest.DatasetHook.create(m.contract()).readsUnmatchedColumns();
            for (String line : m.header().mappingLines(m.contract(), hookReads)) System.out.println("  " + line);
        }
        int shown = 0;
        for (RowError e : errors) {
            if (shown++ >= maxErrors) {
                System.out.println("  ... and " + (errors.size() - maxErrors) + " more");
                break;
            }
            System.out.printf("  row %d, %s [%s]: %s%s%n", e.row(), e.source(), e.column(), e.message(),
                    e.value().isEmpty() ? "" : " (value: " + e.value() + ")");
        }
        if (suggest) System.out.print(suggestions(matches, common.jobs()));
        System.out.println(RunSummary.oneLine(results).replace("loaded", "would load"));
        return results.stream().anyMatch(FileResult::failed) ? Main.FILES_FAILED : Main.OK;
    }

    /** Per sheet, the contract it was matched to (or looks most like) and its header map; none when the file cannot be read. */
    private List<DatasetDetector.Match> mappings(IngestSettings settings, Map<String, Contract> contracts) {
        List<DatasetDetector.Match> out = new ArrayList<>();
        try (SourceFile src = SourceFiles.open(file, Fingerprint.of(file), settings.maxCellLength())) {
            for (DatasetDetector.Match m : new DatasetDetector(contracts, KnownTables.load(settings.jobsDir())).detect(src, dataset)) {
                if (m.contract() != null && m.header() != null) out.add(m);
            }
        } catch (Exception e) {
            // the results above already say why the file cannot be read
        }
        return out;
    }

    /**
     * YAML to paste into {@code jobs/local/aliases.yml}: each ignored source column under the
     * contract column it resembles, and those resembling none as comments to fill in.
     */
    static String suggestions(List<DatasetDetector.Match> matches, Path jobs) {
        Map<String, Map<String, Set<String>>> byDataset = new LinkedHashMap<>();
        Map<String, Set<String>> unsure = new LinkedHashMap<>();
        for (DatasetDetector.Match m : matches) {
            String ds = m.contract().dataset();
            if (org.sightline.ingest.DatasetHook.create(m.contract()).readsUnmatchedColumns()) continue;
            for (HeaderMap.Ignored i : m.header().ignored()) {
                if (i.resembles() != null) {
                    byDataset.computeIfAbsent(ds, k -> new LinkedHashMap<>()).computeIfAbsent(i.resembles(), k -> new LinkedHashSet<>()).add(i.header());
                } else {
                    unsure.computeIfAbsent(ds, k -> new LinkedHashSet<>()).add(i.header());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(System.lineSeparator()).append("# Lines for ").append(jobs.resolve(ContractLoader.LOCAL_ALIASES))
                .append(" (dataset -> column -> extra headers). Check each guess before pasting:").append(System.lineSeparator());
        if (byDataset.isEmpty() && unsure.isEmpty()) sb.append("# (nothing to suggest: every source column is mapped)").append(System.lineSeparator());
        Set<String> datasets = new LinkedHashSet<>(byDataset.keySet());
        datasets.addAll(unsure.keySet());
        for (String ds : datasets) {
            sb.append(ds).append(':').append(System.lineSeparator());
            for (Map.Entry<String, Set<String>> e : byDataset.getOrDefault(ds, Map.of()).entrySet()) {
                sb.append("  ").append(e.getKey()).append(':').append(System.lineSeparator());
                for (String h : e.getValue()) sb.append("    - ").append(quote(h)).append(System.lineSeparator());
            }
            for (String h : unsure.getOrDefault(ds, Set.of())) {
                sb.append("  # COLUMN:   - ").append(quote(h)).append("   (like no column of ").append(ds).append("; name one, or leave it ignored)")
                        .append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String quote(String h) {
        return "'" + h.replace("'", "''") + "'";
    }
}
