package org.sightline.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One file taken from an inbox: when it arrived, whose it is, what became of it. Appended as a JSON
 * line to {@code <home>/runs/receipts.jsonl} (the record {@link Submissions} reads) and listed in the
 * run summary. Counts and file names only: no row content.
 *
 * @param receivedAt when the file arrived: its last modification, when it stopped changing
 * @param site       the site the folder or file name gave; null when neither did
 * @param outcome    LOADED, ALREADY_LOADED (same content loaded before), FAILED
 * @param movedTo    where the file is now, relative to the inbox root
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        @JsonProperty("taken_at") String takenAt,
        @JsonProperty("received_at") String receivedAt,
        @JsonProperty("inbox") String inbox,
        @JsonProperty("site") String site,
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("units") List<Unit> units,
        @JsonProperty("moved_to") String movedTo,
        @JsonProperty("rejects_reports") List<String> rejectsReports,
        @JsonProperty("note") String note) {

    /** What one sheet of the file became. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unit(@JsonProperty("dataset") String dataset, @JsonProperty("sheet") String sheet,
                       @JsonProperty("outcome") String outcome, @JsonProperty("loaded") long loaded,
                       @JsonProperty("rejected") long rejected, @JsonProperty("message") String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "receipts.jsonl";

    public boolean failed() {
        return "FAILED".equals(outcome);
    }

    public static Path store(Path home) {
        return home.resolve("runs").resolve(FILE);
    }

    public void append(Path home) throws IOException {
        Path f = store(home);
        Files.createDirectories(f.getParent());
        Files.writeString(f, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every receipt, oldest first; a damaged line (a crash mid-write) is skipped. */
    public static List<Receipt> all(Path home) throws IOException {
        Path f = store(home);
        List<Receipt> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    out.add(JSON.readValue(line, Receipt.class));
                } catch (IOException e) {
                    // a half-written last line after a crash: ignore it
                }
            }
        }
        return out;
    }
}
