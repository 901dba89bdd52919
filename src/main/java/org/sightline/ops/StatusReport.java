package org.sightline.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.sightline.contract.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;

/** {@code sightline status}: the last runs, and per dataset what is published and how fresh it is. */
public final class StatusReport {
    private StatusReport() {}

    /**
     * The whole status: last runs, datasets, a month's expected returns (late/missing), files
     * waiting in the inboxes and deliveries still failing.
     */
    public static void print(Path home, Path jobsDir, Map<String, Contract> contracts, YearMonth month, LocalDate asOf, PrintStream out) throws IOException {
        print(home, contracts, out);
        List<Submissions.Status> subs = Submissions.status(home, jobsDir, month, asOf);
        out.println();
        out.println("Returns for " + month + " (arriving in " + month.plusMonths(1) + "; as of " + asOf + "; expected per site in "
                + jobsDir.resolve(Submissions.FILE).getFileName() + "):");
        if (subs.isEmpty()) out.println("  (no submissions expected)");
        else {
            out.printf("  %-18s %-14s %-12s %-10s %-10s %9s %9s  %s%n", "site", "dataset", "state", "due by", "received", "rows", "rejected", "last file");
            Map<Submissions.State, Integer> counts = new java.util.EnumMap<>(Submissions.State.class);
            for (Submissions.Status st : subs) {
                counts.merge(st.state(), 1, Integer::sum);
                String received = st.firstReceivedAt() == null ? "-" : st.firstReceivedAt().substring(0, 10);
                out.printf("  %-18s %-14s %-12s %-10s %-10s %9d %9d  %s%s%n", st.site(), st.dataset(), st.state().label().toUpperCase(),
                        st.dueBy(), received, st.rows(), st.rejected(), st.lastFile() == null ? "(never)" : st.lastFile(),
                        st.lastReceivedAt() == null ? "" : " (" + st.lastReceivedAt().substring(0, 10) + ")");
                if (st.note() != null) out.println("      note: " + st.note());
            }
            StringBuilder sb = new StringBuilder();
            for (var e : counts.entrySet()) sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().label());
            out.println("  " + sb);
        }
        InboxConfig inboxConfig = InboxConfig.load(jobsDir, home);
        List<Path> waiting = new Inboxes(inboxConfig, Sites.load(jobsDir), java.time.Clock.systemDefaultZone()).pending();
        out.println();
        out.println("Inboxes (" + inboxConfig.root() + "): " + (waiting.isEmpty() ? "nothing waiting" : waiting.size() + " file(s) waiting for the next run"));
        for (Path p : waiting) out.println("  " + inboxConfig.root().relativize(p));
        List<Delivery.Attempt> owed = Delivery.undelivered(home);
        out.println();
        out.println("Deliveries: " + (owed.isEmpty() ? "none failing" : owed.size() + " failing (retried by the next deliver run)"));
        for (Delivery.Attempt a : owed) out.println("  " + a.line());
    }

    public static void print(Path home, Map<String, Contract> contracts, PrintStream out) throws IOException {
        Lake lake = new Lake(home);
        Manifest m = lake.read();
        out.println("Home:     " + home.toAbsolutePath());
        out.println("Snapshot: " + Lake.snapshotId(m) + (m.updatedAt == null ? " (nothing published yet)" : " published " + m.updatedAt));
        List<RunSummary> runs = RunSummary.recent(home, 5);
        out.println();
        out.println("Last runs:");
        if (runs.isEmpty()) out.println("  (none)");
        for (RunSummary r : runs) out.println("  " + r.startedAt() + "  " + r.command() + "  " + r.summary());
        out.println();
        out.printf("%-18s %6s %9s %9s %-22s %s%n", "dataset", "files", "rows", "rejected", "last published", "freshness");
        Instant now = Instant.now();
        for (Contract c : contracts.values()) {
            List<Manifest.FileEntry> files = m.current(c.dataset());
            long rows = files.stream().mapToLong(Manifest.FileEntry::rows).sum();
            long rejected = 0;
            String last = null;
            java.util.Set<String> runIds = new java.util.HashSet<>();
            for (Manifest.FileEntry f : files) runIds.add(f.runId());
            for (Manifest.IngestEntry e : m.ingests) {
                if (!e.dataset().equals(c.dataset())) continue;
                if (runIds.contains(e.runId())) rejected += e.rowsRejected();
                if (last == null || e.publishedAt().compareTo(last) > 0) last = e.publishedAt();
            }
            String fresh = last == null ? "never loaded" : age(Duration.between(Instant.parse(last), now));
            out.printf("%-18s %6d %9d %9d %-22s %s%n", c.dataset(), files.size(), rows, rejected, last == null ? "-" : last.substring(0, 19) + "Z", fresh);
        }
        List<FileResult> waiting = runs.stream().filter(r -> !r.files().isEmpty()).findFirst()
                .map(r -> r.files().stream().filter(FileResult::waiting).toList()).orElse(List.of());
        if (!waiting.isEmpty()) {
            out.println();
            out.println("Waiting for reference data (tried again by every ingest; they load once it is loaded):");
            for (FileResult f : waiting) out.println("  " + f.line());
        }
        if (!runs.isEmpty()) {
            List<FileResult> failed = runs.get(0).files().stream().filter(FileResult::failed).toList();
            if (!failed.isEmpty()) {
                out.println();
                out.println("Failed in the last run:");
                for (FileResult f : failed) out.println("  " + f.line());
            }
        }
    }

    static String age(Duration d) {
        if (d.toDays() >= 1) return d.toDays() + " days ago";
        if (d.toHours() >= 1) return d.toHours() + " hours ago";
        return Math.max(0, d.toMinutes()) + " minutes ago";
    }
}
