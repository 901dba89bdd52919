package org.sightline.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Natural keys seen so far, with the source row each was first seen on, held as 128-bit SHA-256
 * fingerprints in flat arrays (open addressing). A million keys take about 50 MB and no objects of
 * their own, so a large file's duplicate check costs the garbage collector nothing; two different keys
 * would have to collide in SHA-256 to be taken for one another. Not thread-safe: the writer's thread
 * owns it.
 */
final class KeySet {

    /** A key's fingerprint: the first 128 bits of the SHA-256 of its text. */
    record Print(long hi, long lo) {}

    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static Print print(String key) {
        byte[] d = SHA.get().digest(key.getBytes(StandardCharsets.UTF_8));
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (d[i] & 0xff);
            lo = (lo << 8) | (d[i + 8] & 0xff);
        }
        return new Print(hi, lo);
    }

    private long[] his = new long[1024];
    private long[] los = new long[1024];
    private long[] rows = new long[1024];   // 0: empty slot (source rows count from 1)
    private int size;

    int size() {
        return size;
    }

    boolean contains(Print p) {
        return firstRow(p) != 0;
    }

    /** The source row the key was first seen on, or 0 when it has not been seen. */
    long firstRow(Print p) {
        int mask = rows.length - 1;
        for (int i = (int) p.lo() & mask; ; i = (i + 1) & mask) {
            if (rows[i] == 0) return 0;
            if (his[i] == p.hi() && los[i] == p.lo()) return rows[i];
        }
    }

    /** Adds the key with its first row, unless it is there already. */
    void add(Print p, long row) {
        if (row <= 0) row = Long.MAX_VALUE; // a key without a row (from the lake) still counts as present
        if ((size + 1) * 2 > rows.length) grow();
        if (insert(his, los, rows, p.hi(), p.lo(), row)) size++;
    }

    private static boolean insert(long[] his, long[] los, long[] rows, long hi, long lo, long row) {
        int mask = rows.length - 1;
        for (int i = (int) lo & mask; ; i = (i + 1) & mask) {
            if (rows[i] == 0) {
                his[i] = hi;
                los[i] = lo;
                rows[i] = row;
                return true;
            }
            if (his[i] == hi && los[i] == lo) return false;
        }
    }

    private void grow() {
        int n = rows.length * 2;
        long[] h = new long[n];
        long[] l = new long[n];
        long[] r = new long[n];
        for (int i = 0; i < rows.length; i++) if (rows[i] != 0) insert(h, l, r, his[i], los[i], rows[i]);
        his = h;
        los = l;
        rows = r;
    }
}
