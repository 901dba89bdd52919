package org.sightline.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

import org.sightline.contract.Contract;
import org.sightline.ingest.FileResult;
import org.sightline.ingest.IngestService;
import org.sightline.ingest.IngestSettings;
import org.sightline.ingest.RejectsReport;
import org.sightline.ingest.read.Fingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the inbox folders ({@code sightline inbox}, the nightly job).
 *
 * <p>A file is taken only once it has stopped changing: its size and modification time are the same
 * at two looks, and it was last modified at least the quiet period ago. Files still being written are
 * waited for (up to the settle timeout), then left for the next run. A taken file is first moved to
 * the folder's {@code .processing/} (so the sender cannot change it under the reader and a crash
 * leaves it where the next pass finds it), ingested, and then moved to {@code processed/YYYY-MM-DD/}
 * or, when any of its sheets failed, to {@code failed/} with a {@code .errors.txt} explaining why;
 * either way its rejects reports are copied beside it. Symbolic links are never followed: a link
 * dropped in an inbox is moved to {@code failed/} unread, and a linked folder is ignored.
 */
public final class Inboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Inboxes.class);
    public static final String PROCESSING = ".processing";
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    private static final Set<String> RESERVED = Set.of(PROCESSING, PROCESSED, FAILED);
    private static final Set<String> DATA = Set.of("csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods");
    /** Names download and copy tools give files still in transfer: left alone. */
    private static final Set<String> IN_TRANSFER = Set.of("tmp", "part", "partial", "crdownload", "filepart", "download", "swp");

    /** A file not taken in this pass, and why. */
    public record Waiting(String inbox, String file, String reason) {}

    /** What a pass did. */
    public record PassResult(List<Receipt> receipts, List<FileResult> results, List<Waiting> waiting, List<String> warnings) {}

    private final InboxConfig config;
    private final Sites sites;
    private final Clock clock;

    public Inboxes(InboxConfig config, Sites sites, Clock clock) {
        this.config = config;
        this.sites = sites;
        this.clock = clock;
    }

    private record Drop(InboxConfig.Inbox inbox, Path dir, String site) {}

    private record Look(long size, long modified) {}

    /** Creates the configured folders, so data officers find them. */
    public void createFolders() throws IOException {
        for (InboxConfig.Inbox in : config.inboxes()) Files.createDirectories(config.root().resolve(in.folder()));
    }

    public PassResult run(IngestService service, IngestSettings settings, Map<String, Contract> contracts) throws IOException {
        List<Receipt> receipts = new ArrayList<>();
        List<FileResult> results = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path home = settings.home();

        // unfinished ingests of an earlier run (a kill, a crash) are resumed first
        List<FileResult> resumed = service.ingest(settings, contracts, List.of(), null);
        results.addAll(resumed);

        List<InboxConfig.Inbox> usable = new ArrayList<>();
        for (InboxConfig.Inbox in : config.inboxes()) {
            if (in.dataset() != null && !contracts.containsKey(in.dataset())) {
                warn(warnings, "inbox '" + in.name() + "' names the dataset '" + in.dataset() + "', which has no contract; its files are left where they are");
                continue;
            }
            Path dir = config.root().resolve(in.folder());
            if (Files.isSymbolicLink(dir)) {
                warn(warnings, "inbox '" + in.name() + "': " + dir + " is a symbolic link, which is not followed");
                continue;
            }
            Files.createDirectories(dir);
            usable.add(in);
        }

        // files a crash left in .processing/ are finished first
        for (Drop d : drops(usable, warnings)) {
            Path processing = d.dir().resolve(PROCESSING);
            if (!Files.isDirectory(processing, LinkOption.NOFOLLOW_LINKS)) continue;
            for (Path f : list(processing)) {
                if (f.getFileName().toString().startsWith(".")) continue;   // attempt counters
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
                if (attempts(f) >= 2) {
                    // twice a pass died on it (a crash, memory): set aside so it cannot block the others
                    receipts.add(reject(home, d, f, "Sightline stopped twice while reading this file (the process crashed or ran out of memory); "
                            + "it is set aside so that it cannot block the other files. Check its size and contents (a workbook's unpacked size), then drop it in again"));
                    Files.deleteIfExists(attemptsFile(f));
                    continue;
                }
                ingestIsolated(receipts, warnings, d, f, f, lastModified(f), service, settings, contracts, results, resumed);
            }
        }

        Map<Path, Look> seen = new LinkedHashMap<>();
        Map<Path, Drop> dropOf = new LinkedHashMap<>();
        Instant deadline = clock.instant().plus(config.settleTimeout());
        while (true) {
            Map<Path, Look> now = new LinkedHashMap<>();
            for (Drop d : drops(usable, warnings)) {
                for (Path f : list(d.dir())) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") || name.startsWith("~$") || RESERVED.contains(name)) continue;
                    if (Files.isSymbolicLink(f)) {
                        receipts.add(reject(home, d, f, "symbolic links are not followed; copy the file itself into the inbox"));
                        continue;
                    }
                    if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) continue;
                    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) continue;
                    String ext = extension(name);
                    if (IN_TRANSFER.contains(ext)) continue;
                    Look look = look(f);
                    if (look == null) continue;
                    if (!DATA.contains(ext)) {
                        if (settled(look)) receipts.add(reject(home, d, f, "not a file Sightline reads (" + String.join(", ", new java.util.TreeSet<>(DATA)) + ")"));
                        continue;
                    }
                    now.put(f, look);
                    dropOf.put(f, d);
                }
            }
            List<Path> ready = new ArrayList<>();
            for (Map.Entry<Path, Look> e : now.entrySet()) {
                Look before = seen.get(e.getKey());
                if (before != null && before.equals(e.getValue()) && settled(e.getValue())) ready.add(e.getKey());
            }
            for (Path f : ready) {
                Drop d = dropOf.get(f);
                Look look = look(f);
                if (look == null || !look.equals(now.get(f))) continue;   // changed at the last moment: look again
                Path work = take(d, f);
                if (work == null) continue;
                ingestIsolated(receipts, warnings, d, work, f, Instant.ofEpochMilli(look.modified()), service, settings, contracts, results, List.of());
                now.remove(f);
            }
            seen = now;
            seen.keySet().removeAll(ready);
            if (seen.isEmpty()) break;
            if (!clock.instant().isBefore(deadline)) {
                for (Path f : seen.keySet()) {
                    Waiting w = new Waiting(dropOf.get(f).inbox().name(), f.getFileName().toString(),
                            "still being written (changed within the last " + config.quiet().toSeconds() + " s); left for the next run");
                    waiting.add(w);
                    LOG.info("inbox={} file={} outcome=WAITING reason=still-changing", w.inbox(), w.file());
                }
                break;
            }
            sleep(Math.min(1000, Math.max(200, config.quiet().toMillis() / 2)));
        }
        return new PassResult(receipts, results, waiting, warnings);
    }

    private boolean settled(Look look) {
        return clock.millis() - look.modified() >= config.quiet().toMillis();
    }

    private static void warn(List<String> warnings, String message) {
        warnings.add(message);
        LOG.warn(message);
    }

    /**
     * The folders files are dropped in: the inbox itself and, with {@code site_from: folder}, its site
     * folders. A folder whose {@code .processing/}, {@code processed/} or {@code failed/} is a symbolic
     * link is not used (its files are left where they are, with a warning): files would be moved
     * wherever the link points.
     */
    private List<Drop> drops(List<InboxConfig.Inbox> inboxes, List<String> warnings) throws IOException {
        List<Drop> out = new ArrayList<>();
        for (InboxConfig.Inbox in : inboxes) {
            Path dir = config.root().resolve(in.folder());
            if (linkedWorkFolder(in, dir, warnings)) continue;
            out.add(new Drop(in, dir, null));
            if (in.siteFrom() != InboxConfig.SiteFrom.FOLDER) continue;
            for (Path sub : list(dir)) {
                String name = sub.getFileName().toString();
                if (name.startsWith(".") || RESERVED.contains(name)) continue;
                if (Files.isSymbolicLink(sub)) {
                    if (!warnings.contains("inbox '" + in.name() + "': the folder " + name + " is a symbolic link, which is not followed")) {
                        warn(warnings, "inbox '" + in.name() + "': the folder " + name + " is a symbolic link, which is not followed");
                    }
                    continue;
                }
                if (!Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) continue;
                if (linkedWorkFolder(in, sub, warnings)) continue;
                String site = sites.match(name);
                if (site == null) {
                    String w = "inbox '" + in.name() + "': the folder '" + name + "' is not a known site (jobs/codes/sites.yml); its files are recorded without a site";
                    if (!warnings.contains(w)) warn(warnings, w);
                }
                out.add(new Drop(in, sub, site));
            }
        }
        return out;
    }

    private static boolean linkedWorkFolder(InboxConfig.Inbox in, Path dir, List<String> warnings) {
        for (String work : List.of(PROCESSING, PROCESSED, FAILED)) {
            if (Files.isSymbolicLink(dir.resolve(work))) {
                String w = "inbox '" + in.name() + "': " + dir.resolve(work) + " is a symbolic link, which is never followed; its folder's files are left where they are until it is a real folder";
                if (!warnings.contains(w)) warn(warnings, w);
                return true;
            }
        }
        return false;
    }

    /**
     * Creates {@code dir} (a folder under the drop folder {@code base}) without following links: any
     * part of it that is a symbolic link (made since the pass looked) is refused.
     */
    private static Path realDir(Path base, Path dir) throws IOException {
        Path p = base;
        for (Path part : base.relativize(dir)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) throw new IOException(p + " is a symbolic link, which is never followed");
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(p);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // made meanwhile: checked below
                }
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) throw new IOException(p + " is not a folder");
        }
        return dir;
    }

    /** The hidden file in {@code .processing/} counting the passes that started reading a file there. */
    private static Path attemptsFile(Path work) {
        String name = work.getFileName().toString();
        return work.resolveSibling(".attempts-" + Integer.toHexString(name.hashCode()) + "-" + Math.min(name.length(), 999));
    }

    private static int attempts(Path work) {
        try {
            return Integer.parseInt(Files.readString(attemptsFile(work)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A report beside a filed file: its name plus {@code suffix}, shortened to fit the file system's
     * 255 bytes, never an existing name (so never through a link planted there).
     */
    private static Path beside(Path target, String suffix) {
        String name = target.getFileName().toString();
        while (name.getBytes(StandardCharsets.UTF_8).length + suffix.length() + 4 > 255) name = name.substring(0, name.length() - 1);
        return free(target.getParent(), name + suffix);
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) out.add(p);
        }
        out.sort(null);
        return out;
    }

    private static Look look(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Look(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;   // gone (renamed by its sender) since the listing
        }
    }

    private static Instant lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private String siteOf(Drop d, String fileName) {
        if (d.site() != null) return d.site();
        InboxConfig.Inbox in = d.inbox();
        if (in.siteFrom() == InboxConfig.SiteFrom.NONE) return null;
        if (in.sitePattern() != null) {
            Matcher m = in.sitePattern().matcher(fileName);
            return m.find() ? sites.match(m.group("site")) : null;
        }
        return sites.fromFileName(fileName);
    }

    /** Moves a settled file into {@code .processing/}; null when it vanished meanwhile. */
    private static Path take(Drop d, Path f) throws IOException {
        Path dir = realDir(d.dir(), d.dir().resolve(PROCESSING));
        Path work = free(dir, f.getFileName().toString());
        try {
            moveAtomic(f, work);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return work;
    }

    /** {@link #ingest}, a failure of which (a file that cannot be filed) is a warning, not the end of the pass for the files after it. */
    private void ingestIsolated(List<Receipt> receipts, List<String> warnings, Drop d, Path work, Path original, Instant receivedAt, IngestService service,
                                IngestSettings settings, Map<String, Contract> contracts, List<FileResult> allResults, List<FileResult> resumed) {
        try {
            receipts.add(ingest(d, work, original, receivedAt, service, settings, contracts, allResults, resumed));
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.sightline.ingest.Pseudonymiser.KeyMismatchException k) throw k;
            warn(warnings, "inbox '" + d.inbox().name() + "': " + work.getFileName() + " could not be filed: " + e.getMessage() + "; it stays in " + work.getParent());
        }
    }

    private Receipt ingest(Drop d, Path work, Path original, Instant receivedAt, IngestService service, IngestSettings settings,
                           Map<String, Contract> contracts, List<FileResult> allResults, List<FileResult> resumed) throws IOException {
        String name = work.getFileName().toString();
        String site = siteOf(d, name);
        Instant takenAt = clock.instant();
        // counted before reading, cleared once filed: a pass that dies on the file leaves the count
        Files.writeString(attemptsFile(work), Integer.toString(attempts(work) + 1), StandardCharsets.UTF_8);
        String sha = null;
        long bytes = 0;
        try {
            Fingerprint fp = Fingerprint.of(work);
            sha = fp.sha256();
            bytes = fp.size();
        } catch (IOException e) {
            // the ingest below reports the unreadable file
        }
        List<FileResult> rs;
        try {
            rs = service.ingest(settings, contracts, List.of(work), d.inbox().dataset());
        } catch (IOException | RuntimeException e) {
            rs = List.of(FileResult.failed(name, null, d.inbox().dataset(), "the ingest could not run: " + e.getMessage(), null));
        }
        allResults.addAll(rs);
        List<FileResult> effective = new ArrayList<>();
        for (FileResult r : rs) {
            FileResult use = r;
            if ("ALREADY_LOADED".equals(r.outcome())) {
                // a file a crash interrupted: the resumed ingest holds its real counts
                for (FileResult x : resumed) {
                    if (x.file().equals(r.file()) && Objects.equals(x.sheet(), r.sheet()) && Objects.equals(x.dataset(), r.dataset())) use = x;
                }
            }
            effective.add(use);
        }
        boolean failed = effective.stream().anyMatch(FileResult::failed) || effective.isEmpty();
        // a file waiting for reference data goes back into the inbox, to be taken again by every pass until it loads
        boolean waiting = !failed && effective.stream().anyMatch(FileResult::waiting);
        boolean already = !failed && !waiting && effective.stream().filter(r -> !"SKIPPED".equals(r.outcome())).allMatch(r -> "ALREADY_LOADED".equals(r.outcome()));
        String outcome = failed ? "FAILED" : waiting ? FileResult.WAITING : already ? "ALREADY_LOADED" : "LOADED";

        LocalDate day = LocalDate.ofInstant(takenAt, clock.getZone());
        Path targetDir = realDir(d.dir(), failed ? d.dir().resolve(FAILED) : waiting ? d.dir() : d.dir().resolve(PROCESSED).resolve(day.toString()));
        Path target = free(targetDir, name);
        moveAtomic(work, target);
        Files.deleteIfExists(attemptsFile(work));
        List<String> copied = new ArrayList<>();
        // (nothing is copied beside a waiting file: in the inbox, a copy would be taken as a new file)
        for (Path report : waiting ? List.<Path>of() : rejectsReports(settings.home(), name, sha, effective)) {
            for (Path r : List.of(report, RejectsReport.xlsxPath(report))) {
                if (!Files.exists(r)) continue;
                Path beside = free(targetDir, r.getFileName().toString());
                Files.copy(r, beside, StandardCopyOption.REPLACE_EXISTING);
                copied.add(config.root().relativize(beside).toString());
            }
        }
        if (failed) {
            StringBuilder sb = new StringBuilder();
            sb.append("Sightline could not load ").append(name).append(" (taken ").append(takenAt).append("):\n\n");
            for (FileResult r : effective) sb.append(r.line()).append('\n');
            if (effective.isEmpty()) sb.append("no sheet of it could be read\n");
            sb.append("\nFix the file and drop it in the inbox again; sheets that did load are not loaded twice.\n");
            Files.writeString(beside(target, ".errors.txt"), sb.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        }
        List<Receipt.Unit> units = new ArrayList<>();
        for (FileResult r : effective) units.add(new Receipt.Unit(r.dataset(), r.sheet(), r.outcome(), r.loaded(), r.rejected(), r.message()));
        String note = d.inbox().siteFrom() != InboxConfig.SiteFrom.NONE && site == null
                ? "the site could not be told from the " + (d.inbox().siteFrom() == InboxConfig.SiteFrom.FOLDER ? "folder" : "file name") : null;
        Receipt receipt = new Receipt(takenAt.toString(), receivedAt.toString(), d.inbox().name(), site, name, sha, bytes, outcome, units,
                config.root().relativize(target).toString(), copied.isEmpty() ? null : copied, note);
        receipt.append(settings.home());
        long loaded = units.stream().mapToLong(Receipt.Unit::loaded).sum();
        long rejected = units.stream().mapToLong(Receipt.Unit::rejected).sum();
        LOG.info("inbox={} site={} file={} outcome={} sheets={} loaded={} rejected={} moved_to={}",
                d.inbox().name(), site == null ? "-" : site, name, outcome, units.size(), loaded, rejected, receipt.movedTo());
        return receipt;
    }

    /** A file that is never read (a link, a non-data file): straight to {@code failed/}, with the reason beside it. */
    private Receipt reject(Path home, Drop d, Path f, String reason) throws IOException {
        String name = f.getFileName().toString();
        Path dir = realDir(d.dir(), d.dir().resolve(FAILED));
        Path target = free(dir, name);
        moveAtomic(f, target);
        Files.writeString(beside(target, ".errors.txt"),
                "Sightline did not read " + name + ": " + reason + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        Instant now = clock.instant();
        Receipt r = new Receipt(now.toString(), now.toString(), d.inbox().name(), siteOf(d, name), name, null, 0, "FAILED",
                List.of(new Receipt.Unit(d.inbox().dataset(), null, "FAILED", 0, 0, reason)), config.root().relativize(target).toString(), null, null);
        r.append(home);
        LOG.info("inbox={} file={} outcome=FAILED reason={} moved_to={}", d.inbox().name(), name, reason, r.movedTo());
        return r;
    }

    /** The rejects reports of a file's units: the ones this run wrote, or (already loaded) the earlier ones. */
    private static List<Path> rejectsReports(Path home, String fileName, String sha, List<FileResult> results) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileResult r : results) {
            if (r.rejectsReport() != null) out.add(Path.of(r.rejectsReport()));
        }
        if (!out.isEmpty() || sha == null) return out;
        for (FileResult r : results) {
            if (r.dataset() == null || r.rejected() == 0 && !"ALREADY_LOADED".equals(r.outcome())) continue;
            Path p = org.sightline.ingest.IngestJobConfiguration.rejectsFile(home, r.dataset(), fileName, r.sheet(), sha);
            if (Files.exists(p) && !out.contains(p)) out.add(p);
        }
        return out;
    }

    /** {@code dir/name}, or {@code dir/stem-2.ext} ... when that is taken. */
    private static Path free(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        int dot = name.lastIndexOf('.');
        String stem = dot <= 0 ? name : name.substring(0, dot);
        String ext = dot <= 0 ? "" : name.substring(dot);
        for (int i = 2; ; i++) {
            p = dir.resolve(stem + "-" + i + ext);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        }
    }

    private static void moveAtomic(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Files waiting in the inboxes now (for {@code sightline status}). */
    public List<Path> pending() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Drop d : drops(config.inboxes(), new ArrayList<>())) {
            for (Path f : list(d.dir())) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") || RESERVED.contains(n) || Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) continue;
                out.add(f);
            }
            Path processing = d.dir().resolve(PROCESSING);
            if (Files.isDirectory(processing, LinkOption.NOFOLLOW_LINKS)) out.addAll(list(processing));
        }
        return out;
    }

    public static Duration age(Instant since, Clock clock) {
        return Duration.between(since, clock.instant());
    }
}
