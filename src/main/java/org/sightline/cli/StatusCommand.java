package org.sightline.cli;

import java.util.concurrent.Callable;

import java.time.LocalDate;
import java.time.YearMonth;

import org.sightline.ops.Schedule;
import org.sightline.ops.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Last runs; per dataset: files, rows, rejects, freshness; per site and dataset: this month's "
        + "return (on time, late, missing); files waiting in the inboxes; failing deliveries.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--month", description = "The month whose returns to show, YYYY-MM (default: last month's, the ones due now)")
    YearMonth month;

    @Option(names = "--as-of", description = "Judge late and missing as of this date, YYYY-MM-DD (default: today)")
    LocalDate asOf;

    @Override
    public Integer call() throws Exception {
        org.sightline.lake.NotAHomeException.check(common.home());
        LocalDate today = asOf != null ? asOf : LocalDate.now(Schedule.load(common.jobs()).zone());
        StatusReport.print(common.home(), common.jobs(), common.contracts(), month != null ? month : YearMonth.from(today).minusMonths(1), today, System.out);
        return Main.OK;
    }
}
