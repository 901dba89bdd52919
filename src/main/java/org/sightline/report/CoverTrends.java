package org.sightline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cover's history and capacity (issue 23): for each tile the same figure a year earlier and its trend
 * by month since go-live (at most 60 months), read from the measure queries' rows for the periods
 * {@code month ending YYYY-MM} and {@code 12 months ending YYYY-MM} (reports/sql/staging/00_periods.sql,
 * so one run of each query answers them all); a count tile that is under 5 in most of the last 12 months
 * shown over the 12 months; the falling-referrals warning; the capacity tile (therapist FTE x families
 * against open cases and cases started) and the follow-ups due against those recorded. Every count
 * prints through {@link Cell} (a 1 to 4 stays {@code <5}), every share with its base rules.
 */
final class CoverTrends {

    static final int TREND_MONTHS = 60;
    static final String CAPACITY = "capacity";
    static final String FOLLOW_UPS = "follow_ups";
    static final String[] FOLLOW_UP_MEASURES = {"follow_ups_6", "follow_ups_12", "follow_ups_18"};
    private static final DateTimeFormatter MON = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

    private final String siteId;
    private final YearMonth month;
    private final Metrics metrics;
    private final MeasureTable measures;
    private final Targets targets;
    private final Disclosure.Plan plan;
    private final YearMonth first;

    CoverTrends(String siteId, YearMonth month, Metrics metrics, MeasureTable measures, Targets targets, Disclosure.Plan plan, Object goLive) {
        this.siteId = siteId;
        this.month = month;
        this.metrics = metrics;
        this.measures = measures;
        this.targets = targets;
        this.plan = plan;
        YearMonth earliest = month.minusMonths(TREND_MONTHS - 1);
        YearMonth live = goLive == null ? null : YearMonth.from(date(goLive));
        this.first = live == null || live.isBefore(earliest) ? earliest : live;
    }

    static LocalDate date(Object v) {
        return v instanceof java.sql.Date d ? d.toLocalDate() : v instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(v).substring(0, 10));
    }

    /** The period a measure query's row is kept under for the month or 12 months ending with {@code ym}. */
    static String ending(String period, YearMonth ym) {
        return period + " ending " + ym;
    }

    /** Whether the measure's query answers for every month (it joins report_periods()) and the tile's period is month or 12 months. */
    boolean hasHistory(Metrics.Measure m, String period) {
        Metrics.Query q = metrics.queries().get(m.query());
        return q != null && q.sql().contains("report_periods()") && (period.equals("month") || period.equals("12 months"))
                && measures.unavailable(m.query(), siteId) == null;
    }

    /**
     * The period a count tile shows: the 12 months instead of the month when its monthly value was under 5
     * in most (7 or more) of the last 12 months (and the measure is worked out for 12 months); else its own.
     */
    String shownPeriod(Metrics.Measure m) {
        String p = m.cover().period();
        if (m.e().unit() != Metrics.Unit.COUNT || !p.equals("month") || !m.e().grain().contains("12 months") || !hasHistory(m, p)) return p;
        return smallMonths(m) >= 7 ? "12 months" : p;
    }

    /** In how many of the last 12 months the measure's monthly count was under 5. */
    int smallMonths(Metrics.Measure m) {
        int small = 0;
        for (int i = 0; i < 12; i++) {
            Object v = measures.row(m.query(), siteId, ending("month", month.minusMonths(i))).get(m.e().numerator());
            if (v == null || Cell.num(v) < Cell.THRESHOLD) small++;
        }
        return small;
    }

    /** "Oct 2025: 14" (the month) or "12 months to Oct 2025: 37"; "" when the measure has no history. */
    String yearEarlier(Metrics.Measure m, String period) {
        if (!hasHistory(m, period)) return "";
        YearMonth ym = month.minusMonths(12);
        Metrics.Value v = Metrics.value(m, measures, siteId, ending(period, ym), targets, plan.secondary());
        String text = v.value() == null && m.e().unit() != Metrics.Unit.COUNT ? Cell.NOT_SHOWN
                : v.text() + (m.cover().suffix() == null ? "" : m.cover().suffix());
        return (period.equals("month") ? "" : "12 months to ") + ym.format(MON) + ": " + text;
    }

    /**
     * The measure by month from go-live (at most the last 60 months), oldest first: the value for the
     * month (or the 12 months ending with it); null where it is not shown (a count of 1 to 4, a share over
     * a base under 5) and, for a monthly count, where the pack withholds any cell of that month.
     */
    List<Double> trend(Metrics.Measure m, String period) {
        List<Double> out = new ArrayList<>();
        if (!hasHistory(m, period)) return out;
        // from go-live, but not before the site's data begins (a month before it is not a zero): the first
        // month with a count above 0 in the measure's numerator, and for the 12 months the first full 12 months from it
        YearMonth start = null;
        for (YearMonth ym = first; !ym.isAfter(month) && start == null; ym = ym.plusMonths(1)) {
            Object v = measures.row(m.query(), siteId, ending("month", ym)).get(m.e().numerator());
            if (v != null && Cell.num(v) > 0) start = ym;
        }
        if (start == null) return out;
        if (period.equals("12 months")) start = start.plusMonths(11);
        for (YearMonth ym = start; !ym.isAfter(month); ym = ym.plusMonths(1)) {
            Metrics.Value v = Metrics.value(m, measures, siteId, ending(period, ym), targets, plan.secondary());
            Double d = v.value();
            if (d != null && m.e().unit() == Metrics.Unit.COUNT && period.equals("month") && withheldMonth(ym)) d = null;
            out.add(d);
        }
        return out;
    }

    private boolean withheldMonth(YearMonth ym) {
        if (ym.isBefore(month.minusMonths(11))) return false;
        String label = "[" + ym.format(LABEL) + "]";
        for (String k : plan.secondary()) if (k.contains(label)) return true;
        return false;
    }

    /**
     * The falling-referrals warning: referrals in the last 12 months against the 12 months before, when they
     * fell by more than the threshold (jobs/targets.yml, referrals_fall); "" otherwise.
     */
    String referralsWarning(Metrics.Measure m) {
        if (!hasHistory(m, "12 months")) return "";
        long now = count(m.query(), m.e().numerator(), "12 months");
        long before = count(m.query(), m.e().numerator(), ending("12 months", month.minusMonths(12)));
        if (before == 0) return "";
        double fall = (before - now) / (double) before;
        if (fall <= targets.range(Targets.REFERRALS_FALL).min()) return "";
        String nowText = plan.withheld(Disclosure.measureKey(m.query(), m.e().numerator(), "12 months")) ? Cell.WITHHELD : Cell.count(now);
        boolean exact = now >= Cell.THRESHOLD && before >= Cell.THRESHOLD && !nowText.equals(Cell.WITHHELD);
        return "Referrals falling: " + nowText + " in 12 months, " + Cell.count(before) + " in the 12 before"
                + (exact ? " (down " + Cell.fmt("0%", fall) + ")" : "");
    }

    private long count(String query, String column, String period) {
        Object v = measures.row(query, siteId, period).get(column);
        return v == null ? 0 : Math.round(Cell.num(v));
    }

    /**
     * Capacity: open cases at the month end against what the therapists can carry at a time (FTE x 4 to 6
     * families), and cases started in 12 months against what they can take a year (FTE x 4 to 6 x 12 / 3 to 5
     * months of treatment); under-used, within or over capacity by the open cases.
     */
    Tile capacity() {
        String label = "Capacity";
        String why = measures.unavailable("caseload", siteId);
        if (why != null) return Tile.noData(CAPACITY, label, why);
        Map<String, Object> row = measures.row("caseload", siteId, "month");
        Object fteV = row.get("therapists_fte");
        if (fteV == null || Cell.num(fteV) <= 0) return Tile.noData(CAPACITY, label, "No therapist FTE in the site register.");
        double fte = Cell.num(fteV);
        Targets.Range fam = targets.range(Targets.FAMILIES);
        Targets.Range months = targets.range(Targets.TREATMENT_MONTHS);
        double famMax = fam.max() == null ? fam.min() : fam.max();
        double monthsMax = months.max() == null ? months.min() : months.max();
        double lo = fte * fam.min(), hi = fte * famMax;
        double yearLo = fte * fam.min() * 12 / monthsMax, yearHi = fte * famMax * 12 / months.min();
        long open = count("caseload", "open_cases", "month");
        long started = count("caseload", "started", "12 months");
        boolean withheld = plan.withheld(Disclosure.measureKey("caseload", "open_cases", "month"));
        String openText = withheld ? Cell.WITHHELD : Cell.count(open);
        String note = "room for " + Cell.fmt("0", lo) + "–" + Cell.fmt("0", hi) + " at a time (" + Cell.fmt("0.0", fte) + " FTE × "
                + Cell.fmt("0", fam.min()) + "–" + Cell.fmt("0", famMax) + " families) · " + Cell.count(started) + " started in 12 months, room for "
                + Cell.fmt("0", yearLo) + "–" + Cell.fmt("0", yearHi) + " a year: ";
        String year = started < yearLo ? "under-used" : started > yearHi ? "over capacity" : "within capacity";
        if (withheld) return new Tile(CAPACITY, label, openText + " open", note + year, Targets.Rag.NONE, "NOT SHOWN");
        String status;
        Targets.Rag rag;
        if (open < lo) { status = "UNDER-USED"; rag = Targets.Rag.AMBER; }
        else if (open > hi) { status = "OVER CAPACITY"; rag = Targets.Rag.RED; }
        else { status = "WITHIN CAPACITY"; rag = Targets.Rag.GREEN; }
        return new Tile(CAPACITY, label, openText + " open", note + year, rag, status);
    }

    /**
     * Follow-ups due against those recorded at 6, 12 and 18 months: the value is the twelve-month share
     * (base rules), the note each interval's "9 of 14"; red or amber when a share is under the target
     * (jobs/targets.yml, follow_ups_recorded), the worst of them.
     */
    Tile followUps() {
        String label = "Follow-ups recorded";
        Metrics.Measure twelve = metrics.measure(FOLLOW_UP_MEASURES[1]);
        String why = measures.unavailable(twelve.query(), siteId);
        if (why != null) return Tile.noData(FOLLOW_UPS, label, why);
        List<String> parts = new ArrayList<>();
        Targets.Rag worst = Targets.Rag.INFO;
        String behind = "";
        for (String key : FOLLOW_UP_MEASURES) {
            Metrics.Measure m = metrics.measure(key);
            long due = count(m.query(), m.e().denominator(), "to date");
            long recorded = count(m.query(), m.e().numerator(), "to date");
            String months = key.substring(key.lastIndexOf('_') + 1);
            parts.add(months + " months: " + ofDue(recorded, due));
            Metrics.Value v = Metrics.value(m, measures, siteId, "to date", targets, plan.secondary());
            if (v.value() == null) continue;
            if (rank(v.rag()) > rank(worst)) worst = v.rag();
            if (v.rag() == Targets.Rag.RED || v.rag() == Targets.Rag.AMBER) behind += (behind.isEmpty() ? "" : ", ") + months + " months";
        }
        // the value: the twelve-month share, or the first interval whose share can be shown
        String value = Cell.NOT_SHOWN, at = "12 months";
        for (String key : new String[]{FOLLOW_UP_MEASURES[1], FOLLOW_UP_MEASURES[0], FOLLOW_UP_MEASURES[2]}) {
            Metrics.Value v = Metrics.value(metrics.measure(key), measures, siteId, "to date", targets, plan.secondary());
            if (v.value() == null) continue;
            value = v.text();
            at = key.substring(key.lastIndexOf('_') + 1) + " months";
            break;
        }
        Tile t = Tile.of(FOLLOW_UPS, label + " (" + at + ")", value, String.join(" · ", parts) + " due recorded", worst);
        String target = Cell.fmt("0%", targets.range(Targets.FOLLOW_UPS).min());
        return behind.isEmpty() ? t : t.withWarning("Under " + target + " recorded: " + behind);
    }

    /** "9 of 14": counts through Cell; the recorded count is withheld ([c]) when the missing ones are 1 to 4. */
    static String ofDue(long recorded, long due) {
        long missing = due - recorded;
        String r = missing > 0 && missing < Cell.THRESHOLD && recorded >= Cell.THRESHOLD ? Cell.WITHHELD : Cell.count(recorded);
        return r + " of " + Cell.count(due);
    }

    private static int rank(Targets.Rag r) {
        return switch (r) { case RED -> 3; case AMBER -> 2; case GREEN -> 1; default -> 0; };
    }

    /**
     * A sparkline of the points (null: a gap): a line, gaps left open, the last point marked; null when
     * fewer than two points are drawn. Drawn at three times its printed size (56 x 22 pt).
     */
    static java.awt.Image sparkline(List<Double> points, Metrics.Unit unit) {
        if (points == null) return null;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int drawn = 0;
        for (Double d : points) {
            if (d == null) continue;
            drawn++;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (drawn < 2) return null;
        // counts from 0, so that 5 against 6 is not drawn as a cliff; a share over at least 20 points, a mean over 20% of its size
        if (unit == Metrics.Unit.COUNT) min = Math.min(min, 0);
        double span = unit == Metrics.Unit.PERCENT ? 0.2 : unit == Metrics.Unit.MEAN ? 0.2 * Math.max(Math.abs(max), 1e-9) : 1;
        if (max - min < span) {
            double mid = (max + min) / 2;
            min = unit == Metrics.Unit.COUNT ? min : mid - span / 2;
            max = unit == Metrics.Unit.COUNT ? min + span : mid + span / 2;
        }
        int w = 168, h = 66, pad = 6;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x37, 0x47, 0x4F));
            g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int n = points.size();
            double step = n == 1 ? 0 : (w - 2.0 * pad) / (n - 1);
            Path2D.Double path = null;
            double lx = 0, ly = 0;
            for (int i = 0; i < n; i++) {
                Double d = points.get(i);
                if (d == null) {
                    if (path != null) g.draw(path);
                    path = null;
                    continue;
                }
                double x = pad + i * step;
                double y = h - pad - (d - min) / (max - min) * (h - 2.0 * pad);
                if (path == null) {
                    path = new Path2D.Double();
                    path.moveTo(x, y);
                    g.fill(new Ellipse2D.Double(x - 1.5, y - 1.5, 3, 3));
                } else {
                    path.lineTo(x, y);
                }
                lx = x;
                ly = y;
            }
            if (path != null) g.draw(path);
            g.setColor(new Color(0x1F, 0x3A, 0x5F));
            g.fill(new Ellipse2D.Double(lx - 5, ly - 5, 10, 10));
        } finally {
            g.dispose();
        }
        return img;
    }
}
