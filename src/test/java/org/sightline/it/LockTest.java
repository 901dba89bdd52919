package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real Sightline processes started together on one home: one writes; the other exits cleanly, or waits its turn. */
class LockTest {

    static final int ROWS = 600;

    @TempDir
    Path tmp;

    private Processes.Run start(String name, Path home, Path file, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--home", home.toString(), "--jobs", Path.of("jobs").toAbsolutePath().toString(),
                "--chunk-size", "50"));
        args.addAll(List.of(extra));
        args.add(file.toString());
        // each chunk takes 700 ms longer: the writer holds the home for about ten seconds
        return Processes.start(tmp.resolve("logs"), name, Map.of("sightline.fault.chunk-delay-ms", "700"), args.toArray(String[]::new));
    }

    @Test
    void theSecondProcessExitsWithAClearMessage() throws Exception {
        Path home = tmp.resolve("home");
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals.synthetic.csv"), ROWS);
        Processes.Run a = start("a", home, file);
        Processes.Run b = start("b", home, file);
        int ea = a.await(180);
        int eb = b.await(180);
        assertThat(List.of(ea, eb)).as(a.out() + a.err() + b.out() + b.err()).containsExactlyInAnyOrder(0, 3);
        Processes.Run loser = ea == 3 ? a : b;
        Processes.Run winner = ea == 3 ? b : a;
        assertThat(loser.err()).contains("another Sightline process is writing to " + home).contains("--wait");
        assertThat(loser.out()).doesNotContain("LOADED");
        assertThat(winner.out()).contains(ROWS + " rows loaded");
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(ROWS);
        assertThat(Lakes.count(home, "select count(distinct referral_key) from referral")).isEqualTo(ROWS);
    }

    @Test
    void withWaitTheSecondProcessQueuesBehindTheFirst() throws Exception {
        Path home = tmp.resolve("home");
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals.synthetic.csv"), ROWS);
        Processes.Run a = start("a", home, file, "--wait", "300");
        Processes.Run b = start("b", home, file, "--wait", "300");
        int ea = a.await(400);
        int eb = b.await(400);
        assertThat(List.of(ea, eb)).as(a.out() + a.err() + b.out() + b.err()).containsExactly(0, 0);
        // one loaded the file; the other, once it had the home, found it loaded
        String both = a.out() + b.out();
        assertThat(both).containsOnlyOnce(ROWS + " rows loaded,").containsOnlyOnce("ALREADY_LOADED");
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(ROWS);
    }

    @Test
    void aHolderKilledWithSigkillLeavesNoStaleLock() throws Exception {
        Path home = tmp.resolve("home");
        Path file = TestFiles.referralCsv(tmp.resolve("in").resolve("northern-shire-referrals.synthetic.csv"), ROWS);
        Processes.Run a = start("a", home, file);
        // wait until the first process holds the home (its lock file names it), then kill it like a power cut
        Path lock = home.resolve(".lock");
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until && !(java.nio.file.Files.exists(lock)
                && java.nio.file.Files.readString(lock).contains(String.valueOf(a.process().pid())))) Thread.sleep(100);
        assertThat(java.nio.file.Files.readString(lock)).contains(String.valueOf(a.process().pid()));
        a.kill9();
        a.process().waitFor();
        // the next process takes the home at once (no --wait): the OS released the dead holder's lock
        Processes.Run b = start("b", home, file);
        assertThat(b.await(180)).as(b.out() + b.err()).isZero();
        assertThat(b.err()).doesNotContain("another Sightline process");
        assertThat(Lakes.count(home, "select count(*) from referral")).isEqualTo(ROWS);
    }
}
