package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Keyed HMAC-SHA256 pseudonyms. The key is 32 random bytes in {@code <home>/secrets/pseudonym.key},
 * created on first use with owner-only permissions and never logged. The same identifier gives the
 * same pseudonym in every dataset, so referrals, closures and fidelity rows link up. One HMAC per
 * thread, reused for every value.
 */
public final class Pseudonymiser {

    private static final HexFormat HEX = HexFormat.of();
    private final ThreadLocal<Hmac> mac;

    private Pseudonymiser(byte[] keyBytes) {
        this.mac = ThreadLocal.withInitial(() -> new Hmac(keyBytes));
    }

    /**
     * HMAC-SHA256 (RFC 2104) with the key's inner and outer pads hashed once: each value then costs two
     * SHA-256 blocks from copies of those states, where {@code javax.crypto.Mac} hashes both pads again
     * for every value. One per thread.
     */
    static final class Hmac {
        private static final int BLOCK = 64;
        private final MessageDigest inner;
        private final MessageDigest outer;

        Hmac(byte[] key) {
            inner = sha256();
            outer = sha256();
            byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            inner.update(ipad);
            outer.update(opad);
        }

        byte[] mac(byte[] message) {
            MessageDigest in = copy(inner);
            in.update(message);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private static MessageDigest copy(MessageDigest d) {
            try {
                return (MessageDigest) d.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 cannot be copied", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }

    public static Path keyFile(Path home) {
        return home.resolve("secrets").resolve("pseudonym.key");
    }

    /** Loads the home's key, creating it (owner read/write only) when there is none. */
    public static Pseudonymiser forHome(Path home) throws IOException {
        Path file = keyFile(home);
        if (!Files.exists(file)) {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            Path tmp = Files.createTempFile(dir, "key", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX file system
                }
                Files.writeString(tmp, HEX.formatHex(k) + "\n");
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        String text = Files.readString(file).strip();
        byte[] k;
        try {
            k = HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the pseudonymisation key file " + file + " is damaged (not hex)");
        }
        if (k.length < 32) throw new IOException("the pseudonymisation key file " + file + " is too short");
        return new Pseudonymiser(k);
    }

    /** The pseudonym of an identifier: trimmed and upper-cased first, so "ic-017 " and "IC-017" agree. */
    public String pseudonym(String identifier) {
        String norm = identifier.strip().toUpperCase(Locale.ROOT);
        byte[] digest = mac.get().mac(norm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }
}
