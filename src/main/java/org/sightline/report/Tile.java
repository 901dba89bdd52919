package org.sightline.report;

/**
 * One headline tile on the cover (its key: the measure's in reports/metrics.yml): what it measures, the printed value, a note (target, base), its
 * red/amber/green status and that status in words (never colour alone), and a data check: rows rejected in a dataset the figure reads
 * ("" when none), since a rejected row is missing from the figure.
 */
public record Tile(String key, String label, String value, String note, Targets.Rag rag, String status, String check) {

    public Tile(String key, String label, String value, String note, Targets.Rag rag, String status) {
        this(key, label, value, note, rag, status, "");
    }

    /** The same tile flagged with a data check. */
    public Tile withCheck(String text) {
        return new Tile(key, label, value, note, rag, status, text == null ? "" : text);
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
