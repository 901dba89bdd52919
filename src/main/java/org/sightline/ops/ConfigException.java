package org.sightline.ops;

import java.nio.file.Path;

/** A mistake in a configuration file under {@code jobs/}: the message names the file (and line, key where known) and what to do. */
public final class ConfigException extends RuntimeException {
    private final Path file;

    public ConfigException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public ConfigException(Path file, int line, String message) {
        super(file + ", line " + line + ": " + message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
