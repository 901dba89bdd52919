package org.sightline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sightline.ingest.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.ingest.RowError;
import org.sightline.ops.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Dry run: report what would be accepted and rejected; nothing is written to the lake.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", description = "The dataset the file holds (default: detected)")
    String dataset;

    @Option(names = "--max-errors", description = "How many row errors to print (default: ${DEFAULT-VALUE})", defaultValue = "50")
    int maxErrors;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        List<RowError> errors = new ArrayList<>();
        // the service's validate path needs no Spring context and no job repository
        IngestService service = new IngestService(null, null, null);
        Map<String, Contract> contracts = common.contracts();
        CommonOptions.checkDataset(dataset, contracts);
        List<FileResult> results = service.validate(IngestSettings.defaults(common.home(), common.jobs()), contracts, file, dataset, errors);
        for (FileResult r : results) {
            System.out.println(r.line());
            if (r.detail() != null) System.out.println("               read as " + r.detail());
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
        System.out.println(RunSummary.oneLine(results).replace("loaded", "would load"));
        return results.stream().anyMatch(FileResult::failed) ? Main.FILES_FAILED : Main.OK;
    }
}
