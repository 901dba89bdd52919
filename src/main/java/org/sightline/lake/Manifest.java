package org.sightline.lake;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The lake's table of contents ({@code lake/_manifest.json}): every published Parquet file and every
 * ingest that produced files. Rewritten atomically on each publish; a file is visible to queries only
 * once it is listed here as current.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Manifest {

    @JsonProperty("version") public long version;
    @JsonProperty("updated_at") public String updatedAt;
    @JsonProperty("files") public List<FileEntry> files = new ArrayList<>();
    @JsonProperty("ingests") public List<IngestEntry> ingests = new ArrayList<>();
    /**
     * A fingerprint of the pseudonymisation key the lake's pseudonyms were made with (not the key: an
     * HMAC of a fixed text under it). Files pseudonymised with another key do not join, so ingests
     * refuse to write with another one unless told ({@code --new-key}).
     */
    @JsonProperty("key_fingerprint") public String keyFingerprint;
    /** Earlier key fingerprints, each with when it was replaced ({@code --new-key}): joins across them are broken. */
    @JsonProperty("replaced_keys") public List<String> replacedKeys = new ArrayList<>();

    /** One published Parquet file. {@code path} is relative to the lake folder. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("path") String path,
            @JsonProperty("rows") long rows,
            @JsonProperty("partition") String partition,
            @JsonProperty("run_id") String runId,
            @JsonProperty("published_at") String publishedAt,
            @JsonProperty("status") String status,
            @JsonProperty("superseded_by") String supersededBy) {

        public static final String CURRENT = "current";
        public static final String SUPERSEDED = "superseded";

        public boolean current() {
            return CURRENT.equals(status);
        }

        public FileEntry supersede(String runId, String newPath) {
            return new FileEntry(dataset, newPath, rows, partition, this.runId, publishedAt, SUPERSEDED, runId);
        }
    }

    /** One (file, sheet, dataset) that was published. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IngestEntry(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("source_file") String sourceFile,
            @JsonProperty("source_sha256") String sourceSha256,
            @JsonProperty("source_sheet") String sourceSheet,
            @JsonProperty("run_id") String runId,
            @JsonProperty("rows_loaded") long rowsLoaded,
            @JsonProperty("rows_rejected") long rowsRejected,
            @JsonProperty("rows_duplicate") long rowsDuplicate,
            @JsonProperty("scope") List<String> scope,
            @JsonProperty("published_at") String publishedAt) {
    }

    public List<FileEntry> current(String dataset) {
        List<FileEntry> out = new ArrayList<>();
        for (FileEntry f : files) if (f.current() && f.dataset().equals(dataset)) out.add(f);
        return out;
    }

    public IngestEntry findIngest(String dataset, String sha256, String sheet) {
        for (IngestEntry e : ingests) {
            if (e.dataset().equals(dataset) && e.sourceSha256().equals(sha256) && java.util.Objects.equals(e.sourceSheet(), sheet)) return e;
        }
        return null;
    }

    public boolean hasRun(String runId) {
        for (IngestEntry e : ingests) if (e.runId().equals(runId)) return true;
        return false;
    }
}
