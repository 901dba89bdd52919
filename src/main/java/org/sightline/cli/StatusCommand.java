package org.sightline.cli;

import java.util.concurrent.Callable;

import org.sightline.ops.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Last runs and, per dataset: files, rows, rejects, freshness.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        StatusReport.print(common.home(), common.contracts(), System.out);
        return Main.OK;
    }
}
