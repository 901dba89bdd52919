package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms. The key is 32 random bytes in {@code <home>/secrets/pseudonym.key},
 * created on first use with owner-only permissions and never logged. The same identifier gives the
 * same pseudonym in every dataset, so referrals, closures and fidelity rows link up. One Mac per
 * thread, reused for every value.
 */
public final class Pseudonymiser {

    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    private Pseudonymiser(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
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
        byte[] digest = mac.get().doFinal(norm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }
}
