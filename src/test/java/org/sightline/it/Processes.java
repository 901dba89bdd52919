package org.sightline.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the real CLI ({@code org.sightline.cli.Main}) as a separate Java process, as cron or systemd would. */
public final class Processes {
    private Processes() {}

    /** A started process, its output going to files. */
    public record Run(Process process, Path outFile, Path errFile) {
        public int await(long seconds) throws Exception {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the sightline process did not finish within " + seconds + " s; output:\n" + out() + "\n" + err());
            }
            return process.exitValue();
        }

        public String out() throws IOException {
            return Files.readString(outFile);
        }

        public String err() throws IOException {
            return Files.readString(errFile);
        }

        /** {@code kill -9}: no shutdown hooks, no finally blocks, like a power cut. */
        public void kill9() throws Exception {
            Process k = new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start();
            if (k.waitFor() != 0) throw new AssertionError("kill -9 failed");
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
        return cp;
    }

    public static Run start(Path logDir, String name, Map<String, String> sysProps, String... args) throws IOException {
        Files.createDirectories(logDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        for (Map.Entry<String, String> e : sysProps.entrySet()) cmd.add("-D" + e.getKey() + "=" + e.getValue());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("org.sightline.cli.Main");
        cmd.addAll(List.of(args));
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SIGHTLINE_DB_URL");
        pb.environment().remove("SIGHTLINE_DB_USER");
        pb.environment().remove("SIGHTLINE_DB_PASSWORD");
        pb.directory(new File(System.getProperty("user.dir")));
        return new Run(pb.start(), out, err);
    }
}
