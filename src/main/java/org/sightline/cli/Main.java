package org.sightline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./sightline}. */
@Command(name = "sightline", mixinStandardHelpOptions = true, version = "Sightline 0.1",
        description = "Batch ETL and reporting for children's-services inspection and outcome data.",
        subcommands = {IngestCommand.class, ValidateCommand.class, QueryCommand.class, StatusCommand.class,
                DemoCommand.class, DictionaryCommand.class, BenchCommand.class, InboxCommand.class, DeliverCommand.class,
                ServeCommand.class, RunNightlyCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    /** Exit codes a scheduler can act on. */
    public static final int OK = 0;
    public static final int FILES_FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCKED = 3;
    public static final int ERROR = 4;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        if (System.getenv("SIGHTLINE_PRINT_MEMORY") != null) org.sightline.bench.Memory.printAtExit();
        System.exit(execute(args));
    }

    /** The names of the top-level commands, for schedules naming commands this build may not have. */
    public static java.util.Set<String> commandNames() {
        return new java.util.TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("sightline: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof org.sightline.ops.HomeLock.LockedException ? LOCKED : ERROR;
        });
        cl.setExitCodeExceptionMapper(t -> USAGE);
        return cl.execute(args);
    }
}
