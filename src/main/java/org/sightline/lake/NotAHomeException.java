package org.sightline.lake;

import java.nio.file.Files;
import java.nio.file.Path;

/** A folder given as a Sightline home that has no lake manifest: nothing was ever ingested there. */
public final class NotAHomeException extends RuntimeException {

    public NotAHomeException(Path home) {
        super(home + " is not a Sightline home (it has no lake/" + Lake.MANIFEST + "): give --home DIR of a home files were "
                + "ingested into (the demo's is var/demo), or ingest files first");
    }

    /** Throws unless {@code home} has a lake manifest. */
    public static void check(Path home) {
        if (!Files.isRegularFile(home.resolve("lake").resolve(Lake.MANIFEST))) throw new NotAHomeException(home);
    }
}
