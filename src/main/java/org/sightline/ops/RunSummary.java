package org.sightline.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.sightline.ingest.FileResult;

/**
 * The machine-readable summary of one run ({@code <home>/runs/<started>.json}), for monitoring and
 * for {@code sightline status}. Counts only: no personal data.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        @JsonProperty("command") String command,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("snapshot") String snapshot,
        @JsonProperty("ok") boolean ok,
        @JsonProperty("summary") String summary,
        @JsonProperty("files") List<FileResult> files,
        @JsonProperty("inbox") List<Receipt> inbox,
        @JsonProperty("waiting") List<Inboxes.Waiting> waiting,
        @JsonProperty("tasks") List<TaskRun> tasks,
        @JsonProperty("deliveries") List<Delivery.Attempt> deliveries) {

    public RunSummary(String command, String startedAt, String finishedAt, String snapshot, boolean ok, String summary, List<FileResult> files) {
        this(command, startedAt, finishedAt, snapshot, ok, summary, files, null, null, null, null);
    }

    public RunSummary {
        if (files == null) files = List.of();
    }

    /**
     * One command a scheduler ran ({@code serve}, {@code run-nightly}).
     *
     * @param outcome OK, FILES_FAILED, LOCKED, SKIPPED (this Sightline has no such command), ERROR
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskRun(@JsonProperty("name") String name, @JsonProperty("command") String command,
                          @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
                          @JsonProperty("exit_code") int exitCode, @JsonProperty("outcome") String outcome,
                          @JsonProperty("message") String message) {
        public boolean ok() {
            return "OK".equals(outcome) || "SKIPPED".equals(outcome);
        }
    }

    public RunSummary withInbox(List<Receipt> receipts, List<Inboxes.Waiting> waits) {
        return new RunSummary(command, startedAt, finishedAt, snapshot, ok, summary, files, receipts, waits, tasks, deliveries);
    }

    public static RunSummary ofTasks(String command, Instant started, String snapshot, List<TaskRun> tasks) {
        boolean ok = tasks.stream().allMatch(TaskRun::ok);
        long failed = tasks.stream().filter(t -> !t.ok()).count();
        long skipped = tasks.stream().filter(t -> "SKIPPED".equals(t.outcome())).count();
        String line = (ok ? "OK" : "FAILED") + ": " + tasks.size() + " scheduled commands, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : "");
        return new RunSummary(command, started.toString(), Instant.now().toString(), snapshot, ok, line, List.of(), null, null, tasks, null);
    }

    public static RunSummary ofDeliveries(Instant started, List<Delivery.Attempt> attempts) {
        boolean ok = attempts.stream().allMatch(Delivery.Attempt::delivered);
        long done = attempts.stream().filter(Delivery.Attempt::delivered).count();
        String line = (ok ? "OK" : "FAILED") + ": " + done + " delivered, " + (attempts.size() - done) + " failed"
                + (ok ? "" : " (tried again by the next deliver run)");
        return new RunSummary("deliver", started.toString(), Instant.now().toString(), null, ok, line, List.of(), null, null, null, attempts);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String oneLine(List<FileResult> files) {
        long loaded = 0, rejected = 0, failed = 0, already = 0, ok = 0, waiting = 0;
        for (FileResult f : files) {
            loaded += f.loaded();
            rejected += f.rejected();
            switch (f.outcome()) {
                case "FAILED" -> failed++;
                case "ALREADY_LOADED" -> already++;
                case "LOADED", "VALID" -> ok++;
                case FileResult.WAITING -> waiting++;
                default -> { }
            }
        }
        return (failed == 0 ? "OK" : "FAILED") + ": " + ok + " loaded, " + already + " already loaded, " + failed + " failed"
                + (waiting > 0 ? ", " + waiting + " waiting for reference data" : "") + "; "
                + loaded + " rows loaded, " + rejected + " rows rejected";
    }

    public Path write(Path home) throws IOException {
        Path dir = home.resolve("runs");
        Files.createDirectories(dir);
        Path f = dir.resolve(startedAt.replace(':', '-') + "-" + command.replaceAll("[^A-Za-z0-9_-]+", "_") + ".json");
        JSON.writeValue(f.toFile(), this);
        return f;
    }

    public static List<RunSummary> recent(Path home, int limit) throws IOException {
        Path dir = home.resolve("runs");
        if (!Files.isDirectory(dir)) return List.of();
        List<RunSummary> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted(Comparator.reverseOrder()).limit(limit).toList()) {
                out.add(JSON.readValue(p.toFile(), RunSummary.class));
            }
        }
        return out;
    }

    public static RunSummary of(String command, Instant started, String snapshot, List<FileResult> files) {
        boolean ok = files.stream().noneMatch(FileResult::failed);
        return new RunSummary(command, started.toString(), Instant.now().toString(), snapshot, ok, oneLine(files), files);
    }
}
