package org.sightline.ingest.read;

import java.io.IOException;

/** A file that cannot be read at all, with a message for the data officer. */
public class UnreadableFileException extends IOException {
    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
