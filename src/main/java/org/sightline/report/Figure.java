package org.sightline.report;

import java.util.List;
import java.util.Map;

/**
 * The answer to one figure's SQL for one pack: its rows (raw values, exactly as DuckDB returned them),
 * or the reason it has none. Printing goes through {@link Cell}, which applies suppression.
 */
public record Figure(FigureSpec spec, List<Map<String, Object>> rows, String noData) {

    public static Figure unavailable(FigureSpec spec, String why) {
        return new Figure(spec, List.of(), why);
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
        FigureSpec.Column c = spec.columns().get(column);
        if (c == null) throw new IllegalArgumentException("figure " + spec.name() + " has no column " + column);
        return Cell.text(c, rows.get(row));
    }

    public Double value(int row, String column) {
        if (!available() || row >= rows.size()) return null;
        FigureSpec.Column c = spec.columns().get(column);
        if (c == null) throw new IllegalArgumentException("figure " + spec.name() + " has no column " + column);
        return Cell.value(c, rows.get(row));
    }

    public boolean suppressed(int row, String column) {
        if (!available() || row >= rows.size()) return false;
        return Cell.suppressed(spec.columns().get(column), rows.get(row));
    }
}
