package org.sightline.cli;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;

import org.sightline.contract.ContractLoader;
import org.sightline.lake.NotAHomeException;
import org.sightline.ops.ConfigException;
import org.sightline.ops.HomeLock;
import org.sightline.ops.OpsLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sightline's one error style: a one-line message naming what was wrong and what to do, and an exit code. */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    record Report(String message, int exitCode) {}

    static Report describe(Throwable e) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.ExecutionException || t instanceof java.lang.reflect.InvocationTargetException
                || (t instanceof RuntimeException && t.getClass() == RuntimeException.class && t.getCause() != null)) {
            t = t.getCause();
        }
        if (t instanceof UsageException || t instanceof NotAHomeException || t instanceof ConfigException
                || t instanceof ContractLoader.ContractException) {
            return new Report(oneLine(t.getMessage()), Main.USAGE);
        }
        if (t instanceof HomeLock.LockedException) {
            return new Report(oneLine(t.getMessage()) + "; try again later, or give --wait SECONDS", Main.LOCKED);
        }
        if (t instanceof NoSuchFileException n) {
            return new Report("no such file or folder: " + n.getFile() + "; check the path", Main.USAGE);
        }
        if (t instanceof SQLException s) {
            return new Report(sqlMessage(s) + "; the views and their columns are listed in docs/data-dictionary.md", Main.USAGE);
        }
        String m = t.getMessage();
        return new Report(m == null || m.isBlank() ? t.toString() : oneLine(m), Main.ERROR);
    }

    /** DuckDB's own message ("Catalog Error: Table with name x does not exist! Did you mean ...") on one line. */
    static String sqlMessage(SQLException s) {
        String m = s.getMessage() == null ? s.toString() : s.getMessage();
        // a failed query arrives as "... Attempting to execute an unsuccessful or closed pending query result\nError: <the real one>"
        int real = m.indexOf("\nError: ");
        if (m.contains("Attempting to execute") && real >= 0) m = m.substring(real + "\nError: ".length());
        return oneLine(m);
    }

    static String oneLine(String m) {
        if (m == null) return "";
        String s = m.strip().replaceAll("\\s*\\R+\\s*", " ");
        // DuckDB appends "LINE 1: select ..." and a caret line: the SQL is the user's own, keep the message short
        int line = s.indexOf(" LINE 1:");
        return line > 0 ? s.substring(0, line) : s;
    }

    /** Every error also goes to the home's log (when the command has a home that exists). */
    static void log(Path home, String command, String message, Throwable e) {
        if (home == null) return;
        try {
            if (!org.sightline.ops.OpsLogging.fileLoggingActive()) OpsLogging.init(home);
            LOG.error("{}: {}", command, message, e);
        } catch (RuntimeException ignored) {
            // logging must never hide the error itself, which is already on stderr
        }
    }
}
