package org.sightline.ops;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days: Monday to Friday, less the holidays listed in {@code jobs/holidays.yml}
 * (bank holidays in England). Packs are built on the Nth working day of a month and submissions are
 * due by one.
 */
public final class WorkingDays {

    public static final String FILE = "holidays.yml";

    private final Set<LocalDate> holidays;

    public WorkingDays(Set<LocalDate> holidays) {
        this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    }

    /** {@code jobs/holidays.yml} as written. */
    record File(List<LocalDate> holidays) {}

    public static WorkingDays load(Path jobsDir) {
        Path file = jobsDir.resolve(FILE);
        File m = OpsYaml.read(file, File.class);
        return new WorkingDays(m == null || m.holidays() == null ? Set.of() : new TreeSet<>(m.holidays()));
    }

    public boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d);
    }

    /** The Nth (1-based) working day of a month; the month's last working day if it has fewer. */
    public LocalDate nth(YearMonth month, int n) {
        LocalDate last = null;
        int count = 0;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            if (!isWorkingDay(d)) continue;
            last = d;
            if (++count == n) return d;
        }
        return last;
    }

    /** Which working day of its month a date is (1-based); 0 when it is not a working day. */
    public int index(LocalDate date) {
        if (!isWorkingDay(date)) return 0;
        int count = 0;
        for (LocalDate d = date.withDayOfMonth(1); !d.isAfter(date); d = d.plusDays(1)) {
            if (isWorkingDay(d)) count++;
        }
        return count;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }
}
