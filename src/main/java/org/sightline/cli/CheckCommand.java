package org.sightline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.sightline.ops.CodeLists;
import org.sightline.ops.ConfigException;
import org.sightline.ops.Delivery;
import org.sightline.ops.InboxConfig;
import org.sightline.ops.Schedule;
import org.sightline.ops.Submissions;
import org.sightline.ops.WorkingDays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", description = "Validate every file in the jobs/ folder: dataset contracts, schedule, inboxes, expected submissions, "
        + "delivery, holidays, targets and the code lists. Prints one line per problem (file, line, key); exit 0 when all are good, 2 when not.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path jobs = common.jobs();
        Path home = common.home();
        List<String> problems = new ArrayList<>();
        check(problems, () -> common.contracts().size());
        check(problems, () -> Schedule.load(jobs));
        check(problems, () -> InboxConfig.load(jobs, home));
        check(problems, () -> Submissions.expected(jobs));
        check(problems, () -> Delivery.load(jobs, home));
        check(problems, () -> WorkingDays.load(jobs));
        check(problems, () -> org.sightline.report.Targets.forSite(jobs.resolve("targets.yml"), null));
        problems.addAll(CodeLists.check(jobs));
        for (String p : problems) System.err.println("sightline check: " + p);
        if (!problems.isEmpty()) {
            System.err.println("sightline check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + jobs);
            return Main.USAGE;
        }
        System.out.println("sightline check: " + jobs + " is good (contracts, schedule, inboxes, expected submissions, delivery, holidays, targets, codes)");
        return Main.OK;
    }

    private static void check(List<String> problems, Supplier<?> load) {
        try {
            load.get();
        } catch (ConfigException | org.sightline.contract.ContractLoader.ContractException e) {
            problems.add(Errors.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(Errors.describe(e).message());
        }
    }
}
