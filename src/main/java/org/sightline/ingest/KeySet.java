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

    /** Per thread: the digest, and buffers for a key's text and its digest. */
    private static final class Scratch {
        final MessageDigest sha;
        byte[] text = new byte[256];
        final byte[] digest = new byte[32];

        Scratch() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Appends the UTF-8 of {@code v} at {@code at}, with room for a separator after it; the new end. */
        int append(String v, int at) {
            if (at + v.length() + 1 > text.length) text = java.util.Arrays.copyOf(text, Math.max(2 * text.length, at + v.length() + 1));
            if (org.sightline.lake.Ascii.copy(v, text, at)) return at + v.length();
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            if (at + b.length + 1 > text.length) text = java.util.Arrays.copyOf(text, 2 * (at + b.length + 1));
            System.arraycopy(b, 0, text, at, b.length);
            return at + b.length;
        }

        Print digest(int length) {
            sha.update(text, 0, length);
            try {
                sha.digest(digest, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
            return print(digest);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static Print print(String key) {
        Scratch s = SCRATCH.get();
        return s.digest(s.append(key, 0));
    }

    /**
     * The fingerprint of {@code values[idx[0]] + "\u0001" + values[idx[1]] + "\u0001" + ...} (each
     * value as {@code String.valueOf} gives it, each followed by the separator), the same as
     * {@link #print(String)} of that text, without building it: the values' UTF-8 goes into a buffer
     * the thread keeps.
     */
    static Print print(Object[] values, int[] idx) {
        Scratch s = SCRATCH.get();
        int at = 0;
        for (int i : idx) {
            at = s.append(String.valueOf(values[i]), at);
            s.text[at++] = 1;
        }
        return s.digest(at);
    }

    private static Print print(byte[] d) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (d[i] & 0xff);
            lo = (lo << 8) | (d[i + 8] & 0xff);
        }
        return new Print(hi, lo);
    }

    /** Slots of three longs (fingerprint high, low, first row), side by side so a probe reads one cache line. */
    private long[] table = new long[3 * 1024];
    private int slots = 1024;
    private int size;

    int size() {
        return size;
    }

    boolean contains(Print p) {
        return firstRow(p) != 0;
    }

    /** The source row the key was first seen on, or 0 when it has not been seen. */
    long firstRow(Print p) {
        int mask = slots - 1;
        for (int i = (int) p.lo() & mask; ; i = (i + 1) & mask) {
            int at = 3 * i;
            long row = table[at + 2];
            if (row == 0) return 0;   // 0: an empty slot (source rows count from 1)
            if (table[at] == p.hi() && table[at + 1] == p.lo()) return row;
        }
    }

    /**
     * Adds the key with its first row unless it is there already, in one probe: the row it was first
     * seen on when it was there (as {@link #firstRow} gives), else 0.
     */
    long putIfAbsent(Print p, long row) {
        if (row <= 0) row = Long.MAX_VALUE; // a key without a row (from the lake) still counts as present
        if ((size + 1) * 2 > slots) grow();
        int mask = slots - 1;
        for (int i = (int) p.lo() & mask; ; i = (i + 1) & mask) {
            int at = 3 * i;
            long first = table[at + 2];
            if (first == 0) {
                table[at] = p.hi();
                table[at + 1] = p.lo();
                table[at + 2] = row;
                size++;
                return 0;
            }
            if (table[at] == p.hi() && table[at + 1] == p.lo()) return first;
        }
    }

    /** Adds the key with its first row, unless it is there already. */
    void add(Print p, long row) {
        putIfAbsent(p, row);
    }

    /** Moves a slot into a grown table (its keys are all distinct: the first free slot takes it). */
    private static void insert(long[] table, int slots, long hi, long lo, long row) {
        int mask = slots - 1;
        int i = (int) lo & mask;
        while (table[3 * i + 2] != 0) i = (i + 1) & mask;
        table[3 * i] = hi;
        table[3 * i + 1] = lo;
        table[3 * i + 2] = row;
    }

    private void grow() {
        int n = slots * 2;
        long[] t = new long[3 * n];
        for (int i = 0; i < slots; i++) {
            int at = 3 * i;
            if (table[at + 2] != 0) insert(t, n, table[at], table[at + 1], table[at + 2]);
        }
        table = t;
        slots = n;
    }
}
