package org.sightline.ops;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.support.CronExpression;

/**
 * The schedule in {@code jobs/schedule.yml}: named entries, each a Spring cron expression
 * (second minute hour day-of-month month day-of-week), an optional "Nth working day of the month"
 * condition, and the Sightline command it runs. Commands are ordinary command lines
 * ({@code inbox}, {@code deliver}, {@code report steering --all-sites --month {previous_month}}):
 * the scheduler adds {@code --home} and {@code --jobs}, and replaces the placeholders
 * {@code {today}}, {@code {yesterday}}, {@code {month}} and {@code {previous_month}} with the
 * entry's run date.
 */
public record Schedule(ZoneId zone, List<Entry> entries, Path file) {

    public static final String FILE = "schedule.yml";

    /** One scheduled command. */
    public record Entry(String name, String cron, CronExpression expression, Integer workingDay, List<String> command,
                        long waitSeconds, boolean catchUp) {

        /** Whether the entry may run on this date (its working-day condition, if any). */
        public boolean allowedOn(LocalDate date, WorkingDays days) {
            return workingDay == null || days.index(date) == workingDay;
        }

        /** The next time the entry fires after {@code after}, skipping days its condition excludes. */
        public ZonedDateTime next(ZonedDateTime after, WorkingDays days) {
            ZonedDateTime t = after;
            for (int i = 0; i < 100_000; i++) {
                t = expression.next(t);
                if (t == null) return null;
                if (allowedOn(t.toLocalDate(), days)) return t;
                // jump to the end of a day the condition excludes
                t = t.toLocalDate().atTime(23, 59, 59).atZone(t.getZone());
            }
            return null;
        }

        /** Whether the entry fires at some time on this date. */
        public boolean firesOn(LocalDate date, ZoneId zone, WorkingDays days) {
            if (!allowedOn(date, days)) return false;
            ZonedDateTime start = date.atStartOfDay(zone).minusNanos(1);
            ZonedDateTime t = expression.next(start);
            return t != null && t.toLocalDate().equals(date);
        }

        /** The command line for a run on this date, placeholders filled in. */
        public List<String> commandFor(LocalDate date) {
            DateTimeFormatter month = DateTimeFormatter.ofPattern("yyyy-MM");
            List<String> out = new ArrayList<>();
            for (String a : command) {
                out.add(a.replace("{today}", date.toString())
                        .replace("{yesterday}", date.minusDays(1).toString())
                        .replace("{month}", date.format(month))
                        .replace("{previous_month}", date.minusMonths(1).format(month)));
            }
            return out;
        }
    }

    /** {@code jobs/schedule.yml} as written. */
    record File(String timezone, List<JobEntry> jobs) {}

    /** One job as written; {@code run} is a command line or a list of arguments. */
    record JobEntry(String name, String cron, Integer workingDay, Object run, Long waitSeconds, Boolean catchUp) {}

    public static Schedule load(Path jobsDir) {
        Path file = jobsDir.resolve(FILE);
        File m = OpsYaml.read(file, File.class);
        if (m == null) m = new File(null, null);
        ZoneId zone;
        try {
            zone = ZoneId.of(m.timezone() == null ? "Europe/London" : m.timezone());
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(file, "unknown timezone: " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        List<JobEntry> raw = m.jobs() != null ? m.jobs() : defaults();
        for (JobEntry e : raw) {
            String name = e.name();
            if (name == null || name.isBlank()) throw new ConfigException(file, "every job needs a name");
            if (entries.stream().anyMatch(x -> x.name().equals(name))) throw new ConfigException(file, "two jobs are called '" + name + "'");
            String cron = e.cron();
            if (cron == null) throw new ConfigException(file, "job '" + name + "' has no cron expression");
            CronExpression expr;
            try {
                expr = CronExpression.parse(cron);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(file, "job '" + name + "': '" + cron + "' is not a cron expression (six fields: second minute hour day-of-month month day-of-week): " + ex.getMessage());
            }
            Integer wd = e.workingDay();
            if (wd != null && (wd < 1 || wd > 23)) throw new ConfigException(file, "job '" + name + "': working_day must be between 1 and 23");
            Object run = e.run();
            List<String> command = new ArrayList<>();
            if (run instanceof List<?> l) {
                for (Object o : l) command.add(String.valueOf(o));
            } else if (run instanceof Map<?, ?>) {
                throw new ConfigException(file, "job '" + name + "': run must be a command line or a list of arguments, not a map");
            } else {
                command = split(run == null ? "" : String.valueOf(run));
            }
            if (command.isEmpty()) throw new ConfigException(file, "job '" + name + "' has nothing to run");
            long wait = e.waitSeconds() == null ? 3600 : e.waitSeconds();
            boolean catchUp = e.catchUp() == null || e.catchUp();
            entries.add(new Entry(name, cron, expr, wd, List.copyOf(command), wait, catchUp));
        }
        return new Schedule(zone, List.copyOf(entries), file);
    }

    /** The schedule used when {@code jobs/schedule.yml} has no {@code jobs:} list. */
    static List<JobEntry> defaults() {
        return List.of(
                new JobEntry("nightly-ingest", "0 0 2 * * *", null, "inbox", null, null),
                new JobEntry("steering-packs", "0 0 6 * * MON-FRI", 7, "report steering --all-sites --month {previous_month}", null, null),
                new JobEntry("site-comparison", "0 30 6 * * MON-FRI", 7, "report comparison --month {previous_month}", null, null),
                new JobEntry("deliver-packs", "0 0 7 * * MON-FRI", null, "deliver", null, null));
    }

    /** Splits a command line on spaces; single or double quotes keep spaces inside an argument. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) out.add(cur.toString());
        return out;
    }

    public Entry entry(String name) {
        for (Entry e : entries) if (e.name().equals(name)) return e;
        return null;
    }

    /** Local date-time in the schedule's zone, for messages. */
    public String local(ZonedDateTime t) {
        return t.withZoneSameInstant(zone).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    public LocalDateTime now() {
        return LocalDateTime.now(zone);
    }
}
