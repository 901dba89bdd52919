package org.sightline.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import org.sightline.contract.Contract;

/**
 * Settings of one ingest run.
 *
 * @param maxFileBytes  files larger than this are refused before reading
 * @param maxRows       data rows per unit before the file is refused
 * @param maxCellLength characters in one cell before the file is refused
 * @param allowReplace  {@code --replace}: a replace load may remove more than half of a snapshot's
 *                      rows or columns it had ({@link ReplaceGuard})
 */
public record IngestSettings(Path home, Path jobsDir, LocalDate today, int chunkSize,
                             long maxFileBytes, long maxRows, int maxCellLength, boolean allowReplace) {

    public IngestSettings(Path home, Path jobsDir, LocalDate today, int chunkSize, long maxFileBytes, long maxRows, int maxCellLength) {
        this(home, jobsDir, today, chunkSize, maxFileBytes, maxRows, maxCellLength, false);
    }

    public IngestSettings withAllowReplace(boolean allow) {
        return new IngestSettings(home, jobsDir, today, chunkSize, maxFileBytes, maxRows, maxCellLength, allow);
    }

    public static IngestSettings defaults(Path home, Path jobsDir) {
        return new IngestSettings(home, jobsDir, LocalDate.now(), 20_000, 2L * 1024 * 1024 * 1024, 20_000_000, 32_767);
    }

    public IngestSettings withChunkSize(int size) {
        return new IngestSettings(home, jobsDir, today, size, maxFileBytes, maxRows, maxCellLength, allowReplace);
    }

    public IngestSettings withLimits(long maxFileBytes, long maxRows, int maxCellLength) {
        return new IngestSettings(home, jobsDir, today, chunkSize, maxFileBytes, maxRows, maxCellLength, allowReplace);
    }

    /** The limits for one dataset: its contract's where it sets them, else these settings'. */
    public IngestSettings forContract(Contract c) {
        Contract.Limits l = c.limits();
        return new IngestSettings(home, jobsDir, today, chunkSize,
                l.maxFileBytes() != null ? l.maxFileBytes() : maxFileBytes,
                l.maxRows() != null ? l.maxRows() : maxRows,
                l.maxCellLength() != null ? l.maxCellLength() : maxCellLength, allowReplace);
    }

    public IngestSettings withToday(LocalDate date) {
        return new IngestSettings(home, jobsDir, date, chunkSize, maxFileBytes, maxRows, maxCellLength, allowReplace);
    }
}
