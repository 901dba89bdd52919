package org.sightline.report;

import java.util.List;

/**
 * One headline tile on the cover (its key: the measure's in reports/metrics.yml): what it measures, the printed value, a note (target, base), its
 * red/amber/green status and that status in words (never colour alone), and a data check: rows rejected in a dataset the figure reads
 * ("" when none), since a rejected row is missing from the figure. Beside them: the same figure a year earlier ("Oct 2025: 14", "" when
 * not worked out), a warning ("" when none: falling referrals, follow-ups not recorded), the trend by month (oldest first, null where a
 * value is not shown; empty when none), and, for a count tile shown over 12 months because it is small most months (key
 * {@code <measure>_12_months}), the measure's own value for its cover period ({@code own}, printed in the note; "" otherwise).
 */
public record Tile(String key, String label, String value, String note, Targets.Rag rag, String status, String check,
                   String earlier, String warning, List<Double> trend, String own) {

    public Tile {
        check = check == null ? "" : check;
        earlier = earlier == null ? "" : earlier;
        warning = warning == null ? "" : warning;
        trend = trend == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(trend));
        own = own == null ? "" : own;
    }

    public Tile(String key, String label, String value, String note, Targets.Rag rag, String status, String check,
                String earlier, String warning, List<Double> trend) {
        this(key, label, value, note, rag, status, check, earlier, warning, trend, "");
    }

    public Tile(String key, String label, String value, String note, Targets.Rag rag, String status, String check) {
        this(key, label, value, note, rag, status, check, "", "", List.of());
    }

    public Tile(String key, String label, String value, String note, Targets.Rag rag, String status) {
        this(key, label, value, note, rag, status, "");
    }

    /** The same tile flagged with a data check. */
    public Tile withCheck(String text) {
        return new Tile(key, label, value, note, rag, status, text, earlier, warning, trend, own);
    }

    /** The same tile with its year-earlier value and trend line. */
    public Tile withHistory(String yearEarlier, List<Double> points) {
        return new Tile(key, label, value, note, rag, status, check, yearEarlier, warning, points, own);
    }

    /** The same tile with a warning. */
    public Tile withWarning(String text) {
        return new Tile(key, label, value, note, rag, status, check, earlier, text, trend, own);
    }

    /** The same tile carrying the measure's own value for its cover period. */
    public Tile withOwn(String value) {
        return new Tile(key, label, this.value, note, rag, status, check, earlier, warning, trend, value);
    }

    public static Tile of(String key, String label, String value, String note, Targets.Rag rag) {
        String status = switch (rag) {
            case GREEN -> "ON TARGET";
            case AMBER -> "CLOSE TO TARGET";
            case RED -> "OFF TARGET";
            case INFO -> "FOR INFORMATION";
            case NONE -> "NOT SHOWN";
        };
        return new Tile(key, label, value, note, rag, status);
    }

    public static Tile noData(String key, String label, String note) {
        return new Tile(key, label, "No data yet", note, Targets.Rag.NONE, "NO DATA YET");
    }
}
