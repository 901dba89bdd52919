package org.sightline.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer per home. An OS file lock on {@code <home>/.lock}: the operating system releases it
 * when the holder dies, so a crashed process can never keep it. The holder's pid and start time are
 * written inside for the message the second process prints.
 */
public final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait} (zero: do not wait). */
    public static HomeLock acquire(Path home, Duration wait) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve(".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            FileLock l = ch.tryLock();
            if (l != null) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
                return new HomeLock(ch, l);
            }
            if (!Instant.now().isBefore(deadline)) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new LockedException("another Sightline process is writing to " + home + " (" + holder
                        + "); try again later, or use --wait to queue behind it");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ch.close();
                throw new IOException("interrupted while waiting for the lock on " + home);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** The home is locked by another live process. */
    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }
}
