package org.sightline.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The Parquet lake under {@code <home>/lake}: one folder per dataset, Hive-style partition folders,
 * and {@code _manifest.json} listing what is published. Publishing moves staged files in with atomic
 * renames and then replaces the manifest atomically: that rename is the commit point. Files of a
 * superseded snapshot move to {@code <home>/audit/superseded} (kept, never queried).
 */
public final class Lake {

    public static final String MANIFEST = "_manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path home;
    private final Path root;

    public Lake(Path home) {
        this.home = home;
        this.root = home.resolve("lake");
    }

    public Path root() { return root; }

    public Path home() { return home; }

    public Path auditDir() { return home.resolve("audit").resolve("superseded"); }

    public Path stagingDir() { return home.resolve("staging"); }

    public Manifest read() {
        Path f = root.resolve(MANIFEST);
        if (!Files.exists(f)) return new Manifest();
        try {
            return JSON.readValue(f.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new IllegalStateException("the lake manifest " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A short id of what is published: manifest version and a hash of the current file list. */
    public static String snapshotId(Manifest m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            m.files.stream().filter(Manifest.FileEntry::current).map(Manifest.FileEntry::path).sorted()
                    .forEach(p -> md.update((p + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return "v" + m.version + "-" + HexFormat.of().formatHex(md.digest(), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the manifest to a temporary file, forces it to disk and renames it over the old one. */
    public void commit(Manifest m) throws IOException {
        Files.createDirectories(root);
        m.version++;
        m.updatedAt = Instant.now().toString();
        Path tmp = root.resolve(MANIFEST + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            JSON.writeValue(out, m);
        }
        force(tmp);
        moveAtomic(tmp, root.resolve(MANIFEST));
        force(root);
    }

    /** A staged file and where it goes in the lake (relative path). */
    public record Staged(Path file, String relativePath, long rows, String partition) {}

    /**
     * Publishes staged files for one ingest. Replace-mode ingests name the partitions whose current
     * files they supersede ({@code supersedePartitions}; "*" for the whole dataset). Exactly once under
     * a kill at any instant: before the first file moves, the list of files this run puts in the lake
     * is written to a journal ({@code staging/.publishing/<run id>.list}) that {@link #recover} honours,
     * so files already moved are not taken for orphans; called again with the same list (the step
     * restarted), files already moved are recognised; an ingest already in the manifest is not
     * published twice. {@code staged} must list every file of the ingest, moved or not.
     */
    public synchronized Manifest publish(String dataset, List<Staged> staged, Set<String> supersedePartitions,
                                         Manifest.IngestEntry ingest) throws IOException {
        Manifest m = read();
        if (m.hasRun(ingest.runId())) {
            forgetPublish(ingest.runId());
            return m;
        }
        Path journal = journal(ingest.runId());
        Files.createDirectories(journal.getParent());
        StringBuilder list = new StringBuilder();
        for (Staged s : staged) list.append(s.relativePath()).append('\n');
        Path tmp = journal.resolveSibling(journal.getFileName() + ".tmp");
        Files.writeString(tmp, list);
        force(tmp);
        moveAtomic(tmp, journal);
        int moved = 0;
        for (Staged s : staged) {
            Path dest = root.resolve(s.relativePath());
            try {
                Files.createDirectories(dest.getParent());
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new IOException("cannot publish " + dataset + ": " + root.relativize(dest.getParent())
                        + " in the lake should be a folder but something else is in its way (" + e.getFile() + "); remove it and run again", e);
            }
            if (Files.exists(s.file())) {
                moveAtomic(s.file(), dest);
                Faults.point("publish-parts", ++moved);
                Faults.delay("part");
            } else if (!Files.exists(dest)) {
                throw new NoSuchFileException("staged file " + s.file() + " is missing and was never published");
            }
        }
        Faults.point("publish-before-commit");
        List<Manifest.FileEntry> files = new ArrayList<>();
        List<Manifest.FileEntry> superseded = new ArrayList<>();
        for (Manifest.FileEntry f : m.files) {
            boolean replace = f.current() && f.dataset().equals(dataset)
                    && (supersedePartitions.contains("*") || supersedePartitions.contains(f.partition()));
            if (replace) {
                Manifest.FileEntry moved2 = f.supersede(ingest.runId(), "../audit/superseded/" + f.path());
                files.add(moved2);
                superseded.add(f);
            } else {
                files.add(f);
            }
        }
        String now = ingest.publishedAt();
        for (Staged s : staged) {
            files.add(new Manifest.FileEntry(dataset, s.relativePath(), s.rows(), s.partition(), ingest.runId(), now, Manifest.FileEntry.CURRENT, null));
        }
        m.files = files;
        m.ingests.add(ingest);
        commit(m);
        Faults.point("publish-after-commit");
        forgetPublish(ingest.runId());
        for (Manifest.FileEntry f : superseded) moveToAudit(f.path());
        return m;
    }

    /**
     * Whether the publish of this run has begun (its journal is written: files may have moved) or is
     * done (the manifest has the run): checks made before publishing were passed then, and cannot be
     * made again on a half-moved staging folder.
     */
    public boolean publishStarted(String runId) {
        return Files.exists(journal(runId)) || read().hasRun(runId);
    }

    private Path journal(String runId) {
        return stagingDir().resolve(".publishing").resolve(runId + ".list");
    }

    /**
     * Forgets an unfinished publish whose ingest will never resume (abandoned): the files it had
     * moved into the lake become orphans that the next {@link #recover} removes.
     */
    public void forgetPublish(String runId) throws IOException {
        Files.deleteIfExists(journal(runId));
    }

    private void moveToAudit(String relativePath) throws IOException {
        Path from = root.resolve(relativePath);
        if (!Files.exists(from)) return;
        Path to = auditDir().resolve(relativePath);
        Files.createDirectories(to.getParent());
        moveAtomic(from, to);
    }

    /**
     * Brings the folder in line with the manifest after a crash: superseded files still in the lake
     * move to the audit folder; Parquet files the manifest does not list (a publish that died before
     * its commit) are removed. Call only while holding the home's lock and after unfinished ingests
     * have been resumed.
     */
    public List<Path> recover() throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) return removed;
        Manifest m = read();
        // files of a publish under way (killed or failed after moving some of its files, to be
        // finished when its ingest resumes) are not orphans
        Set<String> pending = new HashSet<>();
        Path journals = stagingDir().resolve(".publishing");
        if (Files.isDirectory(journals)) {
            try (Stream<Path> js = Files.list(journals)) {
                for (Path j : js.toList()) {
                    String n = j.getFileName().toString();
                    if (!n.endsWith(".list")) continue;
                    if (m.hasRun(n.substring(0, n.length() - ".list".length()))) Files.delete(j);
                    else pending.addAll(Files.readAllLines(j));
                }
            }
        }
        Set<String> current = new HashSet<>();
        for (Manifest.FileEntry f : m.files) {
            if (f.current()) current.add(f.path());
            else if (f.path().startsWith("../audit/superseded/")) moveToAudit(f.path().substring("../audit/superseded/".length()));
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".parquet") && !current.contains(rel) && !pending.contains(rel)) {
                    Files.delete(p);
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    static void moveAtomic(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the lake and staging folders must be on one file system for atomic publishing: " + e.getMessage(), e);
        }
    }

    static void force(Path p) {
        try (FileChannel ch = Files.isDirectory(p) ? FileChannel.open(p, StandardOpenOption.READ) : FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }
}
