package org.sightline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code ./sightline}. Every command and subcommand answers {@code --help} and
 * {@code --version} (the standard options are inherited), {@code sightline help COMMAND} prints a
 * command's usage, and every error is one line on stderr (the stack trace with {@code --verbose}),
 * also written to the home's log when the home exists.
 */
@Command(name = "sightline", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = ScopeType.INHERIT,
        description = "Batch ETL and reporting for children's-services inspection and outcome data.",
        footer = {"", "Exit codes: 0 done (rows may still have been rejected: see the rejects report), 1 a file or delivery failed,",
                "2 usage error (a wrong option, a home that is not a Sightline home, a configuration error in jobs/),",
                "3 another process holds the home, 4 any other error."},
        subcommands = {HelpCommand.class, IngestCommand.class, ValidateCommand.class, QueryCommand.class, StatusCommand.class,
                DemoCommand.class, CheckCommand.class, DictionaryCommand.class, BenchCommand.class, InboxCommand.class, DeliverCommand.class,
                ServeCommand.class, RunNightlyCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    /** Exit codes a scheduler can act on. */
    public static final int OK = 0;
    public static final int FILES_FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCKED = 3;
    public static final int ERROR = 4;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On an error, print the stack trace too")
    boolean verbose;

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

    /** The command line with Sightline's converters and error handling, for {@link #execute} and tests. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(YearMonth.class, s -> {
            try {
                return YearMonth.parse(s.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a month: give YYYY-MM, e.g. 2026-10");
            }
        });
        cl.registerConverter(LocalDate.class, s -> {
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a date: give YYYY-MM-DD, e.g. 2026-11-04");
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            System.err.println(name + ": " + ex.getMessage() + " (see " + name + " --help)");
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, System.err);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Errors.Report r = Errors.describe(e);
            String name = cmd.getCommandSpec().qualifiedName();
            System.err.println(name + ": " + r.message());
            boolean verbose = false;
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) verbose |= p.hasMatchedOption("--verbose");
            if (verbose) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                System.err.print(sw);
            } else if (r.exitCode() == ERROR) {
                System.err.println(name + ": run again with --verbose for the stack trace");
            }
            Errors.log(homeOf(cmd), name, r.message(), e);
            return r.exitCode();
        });
        cl.setExitCodeExceptionMapper(t -> USAGE);
        return cl;
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The home a command was given (its {@code --home}, or the default), if it takes one. */
    private static Path homeOf(CommandLine cmd) {
        for (CommandLine.Model.CommandSpec m : cmd.getCommandSpec().mixins().values()) {
            if (m.userObject() instanceof CommonOptions o) {
                try {
                    Path home = o.home();
                    return Files.isDirectory(home) ? home : null;
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
