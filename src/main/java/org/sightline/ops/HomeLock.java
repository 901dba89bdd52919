package org.sightline.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per home. An OS file lock on {@code <home>/.lock}: the operating system releases it
 * when the holder dies (killed, crashed, machine restarted), so a dead process can never keep it and
 * there is no stale lock file to clean up. The holder's pid and start time are written inside for the
 * message the second process prints.
 *
 * <p>Within one process the lock is re-entrant for the thread that holds it: {@code run-nightly}
 * holds it for the whole pass while the commands it runs take it again. Another thread of the same
 * process waits (or gives up) like another process would.
 */
public final class HomeLock implements AutoCloseable {

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path key;
    private boolean closed;

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        final Thread owner;
        int count = 1;

        Held(FileChannel channel, FileLock lock, Thread owner) {
            this.channel = channel;
            this.lock = lock;
            this.owner = owner;
        }
    }

    private HomeLock(Path key) {
        this.key = key;
    }

    /** Takes the lock, waiting up to {@code wait} (zero: do not wait). */
    public static HomeLock acquire(Path home, Duration wait) throws IOException {
        Files.createDirectories(home);
        Path key = home.toAbsolutePath().normalize();
        Path file = key.resolve(".lock");
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            synchronized (HELD) {
                Held h = HELD.get(key);
                if (h != null && h.owner == Thread.currentThread()) {
                    h.count++;
                    return new HomeLock(key);
                }
                if (h == null) {
                    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock l;
                    try {
                        l = ch.tryLock();
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                    if (l != null) {
                        ch.truncate(0);
                        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                                .getBytes(StandardCharsets.UTF_8)), 0);
                        ch.force(false);
                        HELD.put(key, new Held(ch, l, Thread.currentThread()));
                        return new HomeLock(key);
                    }
                    ch.close();
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                String holder;
                try {
                    holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    holder = "holder unknown";
                }
                throw new LockedException("another Sightline process is writing to " + home + " (" + holder
                        + "); try again later, or use --wait SECONDS to queue behind it");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the lock on " + home);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        synchronized (HELD) {
            Held h = HELD.get(key);
            if (h == null) return;
            if (--h.count > 0) return;
            HELD.remove(key);
            try {
                h.lock.release();
            } finally {
                h.channel.close();
            }
        }
    }

    /** The home is locked by another live process. */
    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }
}
