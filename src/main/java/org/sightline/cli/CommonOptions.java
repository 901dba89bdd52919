package org.sightline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.sightline.contract.Contract;
import org.sightline.contract.ContractLoader;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {

    @Option(names = "--home", description = "Sightline home: lake, rejects, reports, job repository and secrets (default: ./var)")
    Path home;

    @Option(names = "--jobs", description = "Folder of dataset contracts and schedules (default: the jobs/ folder of this checkout)")
    Path jobs;

    @Option(names = "--db-url", description = "JDBC URL of the job repository (default: an H2 file under the home), e.g. jdbc:postgresql://localhost/sightline")
    String dbUrl;

    @Option(names = "--db-user", description = "Job repository user")
    String dbUser;

    @Option(names = "--db-password", description = "Job repository password (or set SIGHTLINE_DB_PASSWORD)")
    String dbPassword;

    public Path home() {
        return (home == null ? Path.of("var") : home).toAbsolutePath().normalize();
    }

    public Path jobs() {
        if (jobs != null) return jobs.toAbsolutePath().normalize();
        String root = System.getProperty("sightline.root");
        Path p = root != null ? Path.of(root, "jobs") : Path.of("jobs");
        if (!Files.isDirectory(p)) throw new IllegalStateException("no jobs/ folder at " + p.toAbsolutePath() + "; pass --jobs DIR");
        return p.toAbsolutePath().normalize();
    }

    public Path root() {
        String root = System.getProperty("sightline.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    }

    public Map<String, Contract> contracts() {
        return new ContractLoader(jobs(), LocalDate.now()).loadAll();
    }

    /** Refuses a --dataset the contracts do not know, before any file is read (a usage error, on stderr). */
    static void checkDataset(String dataset, Map<String, Contract> contracts) {
        if (dataset != null && !contracts.containsKey(dataset)) {
            throw new UsageException("no dataset named '" + dataset + "'; the datasets are " + String.join(", ", new java.util.TreeSet<>(contracts.keySet())));
        }
    }

    /**
     * The options a scheduler passes on to the commands it runs: the home and jobs folder, and the
     * job-repository options that were given explicitly (the environment variables reach them anyway).
     */
    public java.util.List<String> passOn() {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("--home", home().toString(), "--jobs", jobs().toString()));
        if (dbUrl != null) out.addAll(java.util.List.of("--db-url", dbUrl));
        if (dbUser != null) out.addAll(java.util.List.of("--db-user", dbUser));
        if (dbPassword != null) out.addAll(java.util.List.of("--db-password", dbPassword));
        return out;
    }

    public String dbUrl() {
        if (dbUrl != null) return dbUrl;
        String env = System.getenv("SIGHTLINE_DB_URL");
        if (env != null && !env.isBlank()) return env;
        return "jdbc:h2:file:" + home().resolve("db").resolve("jobrepo") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public String dbUser() {
        if (dbUser != null) return dbUser;
        String env = System.getenv("SIGHTLINE_DB_USER");
        return env == null ? "" : env;
    }

    public String dbPassword() {
        if (dbPassword != null) return dbPassword;
        String env = System.getenv("SIGHTLINE_DB_PASSWORD");
        return env == null ? "" : env;
    }
}
