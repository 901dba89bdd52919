package org.sightline.ingest;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
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
     * HMAC-SHA256 (RFC 2104) on one reused digest and buffers of its own, so that a pseudonym allocates
     * nothing but its text. Each value costs four SHA-256 blocks (each pad, the message, the inner hash):
     * with the CPU's SHA instructions two blocks more cost less than copying the two pads' hashed states
     * for every value, as this did before, and the copies were a fifth of a large ingest's allocation.
     * One per thread.
     */
    static final class Hmac {
        private static final int BLOCK = 64;
        private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private final MessageDigest sha = sha256();
        private final byte[] ipad = new byte[BLOCK];
        private final byte[] opad = new byte[BLOCK];
        private final byte[] innerHash = new byte[32];
        private final byte[] digest = new byte[32];
        private final byte[] message = new byte[128];
        private final byte[] hex = new byte[32];

        Hmac(byte[] key) {
            byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
        }

        byte[] mac(byte[] message) {
            byte[] out = new byte[32];
            mac(message, message.length, out);
            return out;
        }

        /** The HMAC of {@code message[0, length)} into {@code out[0, 32)}. */
        void mac(byte[] message, int length, byte[] out) {
            try {
                // digest(...) leaves the digest reset for the next use
                sha.update(ipad);
                sha.update(message, 0, length);
                sha.digest(innerHash, 0, 32);
                sha.update(opad);
                sha.update(innerHash, 0, 32);
                sha.digest(out, 0, 32);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 failed", e);
            }
        }

        /** The first 128 bits of the HMAC of the text's UTF-8, in lower-case hexadecimal. */
        String pseudonym(String text) {
            if (org.sightline.lake.Ascii.copy(text, message, 0)) {
                mac(message, text.length(), digest);
            } else {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                mac(utf8, utf8.length, digest);
            }
            for (int i = 0; i < 16; i++) {
                hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
            }
            return new String(hex, StandardCharsets.ISO_8859_1);
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

    /**
     * A fingerprint of the key, recorded in the lake's manifest: the pseudonym of a fixed text that is
     * no identifier. It tells keys apart without revealing the key.
     */
    public String fingerprint() {
        return mac.get().pseudonym("\u0000SIGHTLINE KEY FINGERPRINT");
    }

    /**
     * For a dry run ({@code validate}): the home's key when there is one, else a throwaway key (nothing
     * is written, so validate never creates the key a later ingest must share).
     */
    public static Pseudonymiser forDryRun(Path home) throws IOException {
        if (Files.exists(keyFile(home))) return forHome(home);
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new Pseudonymiser(k);
    }

    /**
     * Checks, before anything is written, that the home's key is the one the lake was written with:
     * a lake with data and no key, or with another key, is refused, since new pseudonyms would not
     * join the old ones (closures to referrals, month to month). With {@code newKey} the present key
     * (created when missing) is accepted and recorded as the lake's from now on; the old fingerprint is
     * kept in the manifest's {@code replaced_keys}. A lake without a fingerprint yet takes the key's.
     * Warns when the key file is readable by others. Call holding the home's lock.
     */
    public static Pseudonymiser checkLakeKey(org.sightline.lake.Lake lake, boolean newKey) throws IOException {
        org.sightline.lake.Manifest m = lake.read();
        Path file = keyFile(lake.home());
        boolean hasData = !m.ingests.isEmpty();
        if (hasData && !Files.exists(file) && !newKey) {
            throw new KeyMismatchException("the pseudonymisation key " + file + " is missing, but the lake holds data pseudonymised with key "
                    + (m.keyFingerprint == null ? "(unrecorded)" : m.keyFingerprint.substring(0, 12)) + ": restore the key from its backup. "
                    + "Only if it is lost for good, run 'sightline ingest --new-key': new pseudonyms will then not join the lake's existing ones");
        }
        Pseudonymiser p = forHome(lake.home());
        warnIfOpen(file);
        String fp = p.fingerprint();
        if (fp.equals(m.keyFingerprint)) return p;
        if (m.keyFingerprint != null && !newKey) {
            throw new KeyMismatchException("the pseudonymisation key " + file + " (fingerprint " + fp.substring(0, 12) + ") is not the key the lake was written with ("
                    + m.keyFingerprint.substring(0, 12) + "): restore that key from its backup. Only if it is lost for good, run 'sightline ingest --new-key': "
                    + "new pseudonyms will then not join the lake's existing ones");
        }
        if (m.keyFingerprint != null) m.replacedKeys.add(m.keyFingerprint + " replaced " + java.time.Instant.now());
        m.keyFingerprint = fp;
        lake.commit(m);
        if (hasData && newKey) org.slf4j.LoggerFactory.getLogger(Pseudonymiser.class)
                .warn("a new pseudonymisation key was accepted for a lake holding data (--new-key): pseudonyms from now on do not join earlier ones");
        return p;
    }

    private static void warnIfOpen(Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.retainAll(java.util.EnumSet.of(java.nio.file.attribute.PosixFilePermission.GROUP_READ, java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                    java.nio.file.attribute.PosixFilePermission.GROUP_WRITE, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE));
            if (!perms.isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(Pseudonymiser.class).warn("the pseudonymisation key {} can be read by others ({}): make it owner-only (chmod 600)",
                        file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                System.err.println("sightline: warning: the pseudonymisation key " + file + " can be read by others; make it owner-only (chmod 600)");
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // non-POSIX file system
        }
    }

    /** The home's key is not the lake's. */
    public static final class KeyMismatchException extends IllegalStateException {
        public KeyMismatchException(String message) {
            super(message);
        }
    }

    /** The pseudonym of an identifier: trimmed and upper-cased first, so "ic-017 " and "IC-017" agree. */
    public String pseudonym(String identifier) {
        String norm = identifier.strip().toUpperCase(Locale.ROOT);
        return mac.get().pseudonym(norm);
    }
}
