package org.sightline.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ingest.Pseudonymiser;
import org.sightline.it.Cli;
import org.sightline.it.Lakes;
import org.sightline.it.TestFiles;
import org.sightline.lake.Lake;

/**
 * A deleted or replaced pseudonymisation key is noticed: the lake records the fingerprint of the key
 * it was written with, and an ingest with another key (or none) is refused with a message, nothing
 * written, until the key is restored or {@code --new-key} is given.
 */
class KeyTest {

    @TempDir
    Path tmp;

    @Test
    void aDeletedOrReplacedKeyIsRefusedUntilRestoredOrNewKeyIsGiven() throws Exception {
        Path home = tmp.resolve("home");
        String jobs = Path.of("jobs").toAbsolutePath().toString();
        Path first = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals-a.synthetic.csv"), 50);
        Path second = TestFiles.referralCsv(tmp.resolve("in2").resolve("northern-shire-referrals-b.synthetic.csv"), 60);
        assertThat(Cli.run("ingest", "--home", home.toString(), "--jobs", jobs, first.toString()).exit()).isZero();
        Path key = Pseudonymiser.keyFile(home);
        String fingerprint = new Lake(home).read().keyFingerprint;
        assertThat(fingerprint).isEqualTo(Pseudonymiser.forHome(home).fingerprint()).hasSize(32);
        assertThat(Files.readString(home.resolve("lake").resolve("_manifest.json"))).doesNotContain(Files.readString(key).strip());
        byte[] original = Files.readAllBytes(key);

        // deleted: refused, no new key pseudonymises anything
        Files.delete(key);
        Cli.Result deleted = Cli.run("ingest", "--home", home.toString(), "--jobs", jobs, second.toString());
        assertThat(deleted.exit()).isNotZero();
        assertThat(deleted.err()).contains("is missing").contains("restore the key").contains("--new-key");
        assertThat(Files.exists(key)).as("no key created in silence").isFalse();

        // replaced: refused
        Files.writeString(key, "ab".repeat(32) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Cli.Result replaced = Cli.run("ingest", "--home", home.toString(), "--jobs", jobs, second.toString());
        assertThat(replaced.exit()).isNotZero();
        assertThat(replaced.err()).contains("is not the key the lake was written with").contains(fingerprint.substring(0, 12));
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(50);

        // restored: loads (a key readable by others is warned about)
        Files.write(key, original);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result restored = Cli.run("ingest", "--home", home.toString(), "--jobs", jobs, second.toString());
        assertThat(restored.exit()).as(restored.out() + restored.err()).isZero();
        assertThat(restored.err()).contains("can be read by others");

        // --new-key: accepted, recorded, the old fingerprint kept
        Files.writeString(key, "cd".repeat(32) + "\n");
        Path third = TestFiles.referralCsv(tmp.resolve("in3").resolve("northern-shire-referrals-c.synthetic.csv"), 70);
        Cli.Result accepted = Cli.run("ingest", "--home", home.toString(), "--jobs", jobs, "--new-key", third.toString());
        assertThat(accepted.exit()).as(accepted.out() + accepted.err()).isZero();
        assertThat(new Lake(home).read().keyFingerprint).isNotEqualTo(fingerprint);
        assertThat(new Lake(home).read().replacedKeys).singleElement().asString().startsWith(fingerprint);
    }
}
