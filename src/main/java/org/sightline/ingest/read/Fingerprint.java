package org.sightline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file's bytes, its size, and whether it is valid UTF-8, in one pass. */
public record Fingerprint(String sha256, long size, boolean validUtf8, byte[] head) {

    public static Fingerprint of(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        byte[] head = null;
        long size = 0;
        int pending = 0; // continuation bytes still expected
        boolean valid = true;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (head == null) head = java.util.Arrays.copyOf(buf, Math.min(n, 8));
                md.update(buf, 0, n);
                size += n;
                for (int i = 0; i < n && valid; i++) {
                    int b = buf[i] & 0xff;
                    if (pending > 0) {
                        if ((b & 0xC0) != 0x80) valid = false;
                        pending--;
                    } else if (b >= 0x80) {
                        if ((b & 0xE0) == 0xC0 && b >= 0xC2) pending = 1;
                        else if ((b & 0xF0) == 0xE0) pending = 2;
                        else if ((b & 0xF8) == 0xF0 && b <= 0xF4) pending = 3;
                        else valid = false;
                    }
                }
            }
        }
        return new Fingerprint(HexFormat.of().formatHex(md.digest()), size, valid && pending == 0, head == null ? new byte[0] : head);
    }
}
