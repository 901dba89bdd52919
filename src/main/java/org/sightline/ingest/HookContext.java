package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.sightline.ingest.read.SheetReader;
import org.sightline.ingest.read.SourceFile;
import org.sightline.ingest.read.SourceFiles;
import org.sightline.ingest.read.SourceRow;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;
import org.sightline.contract.Contract;

/** What a {@link DatasetHook} may look at before the rows: the unit, its sheet, the lake. */
public final class HookContext {
    private final IngestUnit unit;
    private final Path home;
    private final LocalDate today;
    private final int maxCellLength;

    public HookContext(IngestUnit unit, Path home, LocalDate today, int maxCellLength) {
        this.unit = unit;
        this.home = home;
        this.today = today;
        this.maxCellLength = maxCellLength;
    }

    public IngestUnit unit() { return unit; }

    public Contract contract() { return unit.contract(); }

    public HeaderMap header() { return unit.header(); }

    public LocalDate today() { return today; }

    public Path home() { return home; }

    /** Reads every data row of the unit's sheet (the rows below the header), for a first pass. */
    public void scanRows(Consumer<SourceRow> each) throws IOException {
        try (SourceFile src = SourceFiles.open(unit.file(), unit.fingerprint(), maxCellLength);
             SheetReader r = src.open(unit.sheet())) {
            for (int i = 0; i < unit.header().rowsBefore(); i++) if (r.next() == null) return;
            SourceRow row;
            while ((row = r.next()) != null) each.accept(row);
        }
    }

    /** The rows above the header (title rows, notes such as "Data as at 31 March 2026"). */
    public List<SourceRow> rowsAboveHeader() throws IOException {
        List<SourceRow> out = new ArrayList<>();
        try (SourceFile src = SourceFiles.open(unit.file(), unit.fingerprint(), maxCellLength);
             SheetReader r = src.open(unit.sheet())) {
            for (int i = 0; i + 1 < unit.header().rowsBefore(); i++) {
                SourceRow row = r.next();
                if (row == null) break;
                out.add(row);
            }
        }
        return out;
    }

    /** The jobs folder the contract came from (holds {@code codes/} lists a hook may read). */
    public Path jobsDir() {
        return unit.contract().file().toAbsolutePath().getParent().getParent();
    }

    /** The header row's cells (for hooks that read columns the contract does not list). */
    public String[] headerCells() throws IOException {
        try (SourceFile src = SourceFiles.open(unit.file(), unit.fingerprint(), maxCellLength);
             SheetReader r = src.open(unit.sheet())) {
            SourceRow row = null;
            for (int i = 0; i < unit.header().rowsBefore(); i++) row = r.next();
            return row == null ? new String[0] : row.cells();
        }
    }

    /** Published Parquet files of another dataset (empty when it has none). */
    public List<Path> publishedFiles(String dataset) {
        Lake lake = new Lake(home);
        List<Path> out = new ArrayList<>();
        for (Manifest.FileEntry f : lake.read().current(dataset)) out.add(lake.root().resolve(f.path()));
        return out;
    }

    /** A DuckDB connection; use {@code read_parquet(Duck.fileList(publishedFiles(...)))} to read another dataset. */
    public Connection duck() throws SQLException {
        return Duck.open();
    }
}
