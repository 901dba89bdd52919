package org.sightline.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Printing a figure's values with small-number suppression (DESIGN §3): a count of 1 to 4 prints as
 * {@code <5}; a percentage, mean or amount over fewer than 5 cases is not printed ({@code –}), and
 * neither is a percentage whose own count is 1 to 4, or whose complement (base minus count) is 1 to 4
 * (printed beside its base it would give the count away: "83% of 6" is 5 of 6, so 1 not).
 * A count another cell would give away is withheld too ({@link #WITHHELD}, chosen by {@link Disclosure}).
 * The same rules feed the PDF, its charts and the CSV/XLSX beside it.
 */
public final class Cell {

    /** Counts below this (and above 0) are suppressed; percentages need a base of at least this. */
    public static final int THRESHOLD = 5;
    public static final String SUPPRESSED_COUNT = "<5";
    public static final String NOT_SHOWN = "–";
    /** A count of 5 or more withheld so that a count of 1 to 4 cannot be worked out by subtraction. */
    public static final String WITHHELD = "[c]";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private Cell() {}

    /** The printed text of a column in a row. */
    public static String text(FigureSpec.Column c, Map<String, Object> row) {
        Object v = row.get(c.name());
        switch (c.kind()) {
            case COUNT:
                return count(v);
            case PERCENT: {
                Double pct = percent(c, row);
                return pct == null ? NOT_SHOWN : fmt("0%", pct);
            }
            case MEAN:
            case MONEY: {
                Double d = value(c, row);
                if (d == null) return NOT_SHOWN;
                return c.kind() == FigureSpec.Kind.MONEY ? "£" + fmt(c.format() == null ? "#,##0" : c.format(), d) : fmt(c.format() == null ? "0.0" : c.format(), d);
            }
            case RATE:
                return v == null ? "" : fmt(c.format() == null ? "0%" : c.format(), num(v));
            case DECIMAL:
                return v == null ? "" : fmt(c.format() == null ? "#,##0.##" : c.format(), num(v));
            case DATE:
                if (v == null) return "";
                if (v instanceof java.sql.Date d) return d.toLocalDate().format(DATE);
                if (v instanceof LocalDate d) return d.format(DATE);
                if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toLocalDate().format(DATE);
                if (v instanceof java.time.OffsetDateTime t) return t.toLocalDate().format(DATE);
                return String.valueOf(v);
            default:
                return v == null ? "" : String.valueOf(v);
        }
    }

    /**
     * The value as a number for a spreadsheet or a chart, or null when it is suppressed or missing.
     * A percentage is returned as a share (0 to 1).
     */
    public static Double value(FigureSpec.Column c, Map<String, Object> row) {
        Object v = row.get(c.name());
        switch (c.kind()) {
            case COUNT: {
                if (v == null) return null;
                long n = Math.round(num(v));
                return n > 0 && n < THRESHOLD ? null : (double) n;
            }
            case PERCENT:
                return percent(c, row);
            case MEAN:
            case MONEY:
                if (v == null || !baseOk(row.get(c.base())) || givesSmall(c, row)) return null;
                return num(v);
            case RATE:
            case DECIMAL:
                return v == null ? null : num(v);
            default:
                return null;
        }
    }

    /** True when the column's value is withheld by the suppression rules (not just missing). */
    public static boolean suppressed(FigureSpec.Column c, Map<String, Object> row) {
        Object v = c.kind() == FigureSpec.Kind.PERCENT ? row.get(c.of()) : row.get(c.name());
        return switch (c.kind()) {
            case COUNT -> v != null && Math.round(num(v)) > 0 && Math.round(num(v)) < THRESHOLD;
            case PERCENT -> v != null && (!baseOk(row.get(c.base())) || smallCount(v) || smallComplement(v, row.get(c.base())));
            case MEAN, MONEY -> v != null && (!baseOk(row.get(c.base())) || givesSmall(c, row));
            default -> false;
        };
    }

    /** A count the value would give away ({@link FigureSpec.Column#gives}) is 1 to 4. */
    private static boolean givesSmall(FigureSpec.Column c, Map<String, Object> row) {
        for (String g : c.gives()) if (row.get(g) != null && smallCount(row.get(g))) return true;
        return false;
    }

    public static String count(Object v) {
        if (v == null) return NOT_SHOWN;
        long n = Math.round(num(v));
        if (n > 0 && n < THRESHOLD) return SUPPRESSED_COUNT;
        return fmt("#,##0", n);
    }

    private static Double percent(FigureSpec.Column c, Map<String, Object> row) {
        Object of = row.get(c.of());
        Object base = row.get(c.base());
        if (of == null || !baseOk(base) || smallCount(of) || smallComplement(of, base)) return null;
        return num(of) / num(base);
    }

    /** A count of 1 to 4: suppressed itself, and a percentage made of it would give it away. */
    private static boolean smallCount(Object v) {
        long n = Math.round(num(v));
        return n > 0 && n < THRESHOLD;
    }

    /** The base minus the count is 1 to 4: the percentage beside its base gives that away. */
    private static boolean smallComplement(Object of, Object base) {
        return base != null && smallCount(num(base) - num(of));
    }

    private static boolean baseOk(Object base) {
        return base != null && num(base) >= THRESHOLD;
    }

    static double num(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        return new BigDecimal(String.valueOf(v).trim()).doubleValue();
    }

    static String fmt(String pattern, double d) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f.format(d);
    }
}
