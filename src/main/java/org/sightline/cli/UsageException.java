package org.sightline.cli;

/** A mistake in what the user asked for: one line naming it and what to do, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
