package org.sightline.report;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to one figure's SQL for one pack: its rows (raw values, exactly as DuckDB returned them),
 * or the reason it has none. Printing goes through {@link Cell}, which applies suppression, and through
 * the pack's disclosure plan: {@code withheld} are the cells ({@link Disclosure#key}) withheld so that a
 * count of 1 to 4 cannot be worked out by subtraction (printed {@link Cell#WITHHELD}; a percentage,
 * mean or amount over a withheld count is not shown).
 */
public record Figure(FigureSpec spec, List<Map<String, Object>> rows, String noData, Set<String> withheld) {

    public Figure(FigureSpec spec, List<Map<String, Object>> rows, String noData) {
        this(spec, rows, noData, Set.of());
    }

    public static Figure unavailable(FigureSpec spec, String why) {
        return new Figure(spec, List.of(), why);
    }

    /** The same figure with the plan's withheld cells. */
    public Figure withPlan(Disclosure.Plan plan) {
        return new Figure(spec, rows, noData, plan.secondary());
    }

    /** True when the figure could be computed from data (it may still hold zeros: real zeros). */
    public boolean available() {
        return noData == null;
    }

    public Object raw(int row, String column) {
        if (row >= rows.size()) return null;
        return rows.get(row).get(column);
    }

    public String text(int row, String column) {
        if (!available() || row >= rows.size()) return Cell.NOT_SHOWN;
        FigureSpec.Column c = column(column);
        if (withheldCell(row, c)) return c.kind() == FigureSpec.Kind.COUNT ? Cell.WITHHELD : Cell.NOT_SHOWN;
        return Cell.text(c, rows.get(row));
    }

    public Double value(int row, String column) {
        if (!available() || row >= rows.size()) return null;
        FigureSpec.Column c = column(column);
        if (withheldCell(row, c)) return null;
        return Cell.value(c, rows.get(row));
    }

    public boolean suppressed(int row, String column) {
        if (!available() || row >= rows.size()) return false;
        FigureSpec.Column c = column(column);
        return withheldCell(row, c) || Cell.suppressed(c, rows.get(row));
    }

    /** Withheld by the plan: the count itself, or the count a percentage, mean or amount is of or over. */
    private boolean withheldCell(int row, FigureSpec.Column c) {
        if (withheld.isEmpty()) return false;
        return switch (c.kind()) {
            case COUNT -> withheld.contains(Disclosure.key(this, row, c.name()));
            case PERCENT -> withheld.contains(Disclosure.key(this, row, c.of())) || withheld.contains(Disclosure.key(this, row, c.base()));
            case MEAN, MONEY -> withheld.contains(Disclosure.key(this, row, c.base()))
                    || c.gives().stream().anyMatch(g -> withheld.contains(Disclosure.key(this, row, g)));
            default -> false;
        };
    }

    private FigureSpec.Column column(String column) {
        FigureSpec.Column c = spec.columns().get(column);
        if (c == null) throw new IllegalArgumentException("figure " + spec.name() + " has no column " + column);
        return c;
    }
}
