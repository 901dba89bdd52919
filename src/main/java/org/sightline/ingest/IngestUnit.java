package org.sightline.ingest;

import java.nio.file.Path;
import java.time.Instant;

import org.sightline.ingest.read.Fingerprint;
import org.sightline.contract.Contract;

/** One sheet of one file, bound for one dataset: the unit a Spring Batch ingest job loads. */
public record IngestUnit(Path file, Fingerprint fingerprint, String sheet, Contract contract, HeaderMap header,
                         String contractSha, String runId, Instant startedAt) {

    /** Stable name for this unit's staging folder, the same across restarts. */
    public String stagingName() {
        return stagingName(contract.dataset(), fingerprint.sha256(), sheet);
    }

    /** The staging folder's name of a unit of this dataset, file content and sheet (null for none). */
    static String stagingName(String dataset, String sha256, String sheet) {
        String s = sheet == null ? "" : "-" + sheet.replaceAll("[^A-Za-z0-9]+", "_");
        return dataset + "-" + sha256.substring(0, 16) + s;
    }

    public String fileName() {
        return file.getFileName().toString();
    }

    public String describe() {
        return fileName() + (sheet == null ? "" : " [" + sheet + "]") + " -> " + contract.dataset();
    }
}
