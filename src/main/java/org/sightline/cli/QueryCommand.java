package org.sightline.cli;

import java.sql.Connection;
import java.util.concurrent.Callable;

import org.sightline.lake.Lake;
import org.sightline.query.QueryRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", description = "Run SQL over the lake's DuckDB views (one view per dataset).")
public final class QueryCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--format", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); csv and json are written by Jackson: "
            + "lists as JSON arrays, NaN and infinities as null", defaultValue = "table")
    QueryRunner.Format format;

    @Option(names = "--file", paramLabel = "FILE", description = "Run the SQL in this file (e.g. reports/sql/fidelity/tam_monthly.sql) instead of SQL given inline")
    java.nio.file.Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a DuckDB variable the SQL reads with getvariable('NAME'), e.g. --set la_code=801; repeatable")
    java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL")
    String sql;

    @Override
    public Integer call() throws Exception {
        if ((sql == null) == (file == null)) throw new UsageException("give either SQL or --file FILE, not both and not neither");
        if (file != null) {
            java.nio.file.Path p = file.isAbsolute() || java.nio.file.Files.exists(file) ? file : common.root().resolve(file);
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new UsageException("no SQL file " + file + " (looked in " + java.nio.file.Path.of("").toAbsolutePath() + " and " + common.root()
                        + "); the named queries are in reports/sql/");
            }
            sql = QueryRunner.statementOf(java.nio.file.Files.readString(p));
        }
        java.util.List<String> missing = QueryRunner.variablesOf(sql).stream().filter(v -> !variables.containsKey(v)).toList();
        if (!missing.isEmpty()) {
            throw new UsageException("the query reads " + String.join(", ", missing.stream().map(v -> "getvariable('" + v + "')").toList())
                    + ": give " + String.join(" ", missing.stream().map(v -> "--set " + v + "=VALUE").toList()));
        }
        org.sightline.lake.NotAHomeException.check(common.home());
        try (Connection c = QueryRunner.connect(new Lake(common.home()), common.contracts())) {
            org.sightline.report.Staging.create(c, common.root().resolve("reports"), common.jobs());   // stg_case etc. for named report SQL
            QueryRunner.setVariables(c, variables);
            QueryRunner.run(c, sql, format, System.out);
        }
        return Main.OK;
    }
}
