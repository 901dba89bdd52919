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

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE})", defaultValue = "table")
    String format;

    @Option(names = "--file", paramLabel = "FILE", description = "Run the SQL in this file (e.g. reports/sql/fidelity/tam_monthly.sql) instead of SQL given inline")
    java.nio.file.Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a DuckDB variable the SQL reads with getvariable('NAME'), e.g. --set la_code=801; repeatable")
    java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL")
    String sql;

    @Override
    public Integer call() throws Exception {
        QueryRunner.Format f = QueryRunner.Format.valueOf(format.toUpperCase());
        if ((sql == null) == (file == null)) {
            System.err.println("sightline query: give either SQL or --file FILE");
            return Main.USAGE;
        }
        if (file != null) {
            java.nio.file.Path p = file.isAbsolute() || java.nio.file.Files.exists(file) ? file : common.root().resolve(file);
            sql = QueryRunner.statementOf(java.nio.file.Files.readString(p));
        }
        try (Connection c = QueryRunner.connect(new Lake(common.home()), common.contracts())) {
            org.sightline.report.Staging.create(c, common.root().resolve("reports"), common.jobs());   // stg_case etc. for named report SQL
            QueryRunner.setVariables(c, variables);
            QueryRunner.run(c, sql, f, System.out);
        }
        return Main.OK;
    }
}
