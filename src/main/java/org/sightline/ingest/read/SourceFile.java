package org.sightline.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A file that holds one table (CSV) or several sheets (workbooks). */
public interface SourceFile extends Closeable {

    /** Format of the file, found from its content rather than its name. */
    enum Format { CSV, XLSX, XLS, ODS }

    Format format();

    /** Sheet names in workbook order; a CSV has one sheet whose name is null. */
    List<String> sheets() throws IOException;

    SheetReader open(String sheet) throws IOException;

    /** Human detail of how the file was read (encoding, delimiter), for the run summary. */
    default String detail() {
        return format().name();
    }

    /** Sheets the sender hid; read like any other (see README), listed in the run summary. */
    default List<String> hiddenSheets() {
        return List.of();
    }

    @Override
    default void close() throws IOException {
    }
}
