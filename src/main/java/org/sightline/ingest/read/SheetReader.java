package org.sightline.ingest.read;

import java.io.Closeable;
import java.io.IOException;

/** Reads one sheet (or a whole CSV) row by row; never holds the whole sheet in memory. */
public interface SheetReader extends Closeable {

    /** The next row, blank rows included, or null at the end. */
    SourceRow next() throws IOException;

    /** How much of the file has been read, 0 to 1, for progress; -1 when not known (workbooks). */
    default double fractionRead() {
        return -1;
    }
}
