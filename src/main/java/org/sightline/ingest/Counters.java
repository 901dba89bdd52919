package org.sightline.ingest;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Row counts of one unit, kept in the step's execution context so a restart carries them on. */
public final class Counters {
    /** Lake rows written (a hook that unpivots writes several per source row). */
    public long loaded;
    /** Source rows that gave at least one lake row: what the rejected share is measured against. */
    public long loadedSourceRows;
    public long rejected;
    public long blank;
    public long totals;
    public long repeatedHeaders;
    public long duplicates;
    public long chunks;

    private static final String P = "sightline.";

    public void load(ExecutionContext ctx) {
        loaded = ctx.getLong(P + "loaded", 0);
        loadedSourceRows = ctx.getLong(P + "loadedSourceRows", 0);
        rejected = ctx.getLong(P + "rejected", 0);
        blank = ctx.getLong(P + "blank", 0);
        totals = ctx.getLong(P + "totals", 0);
        repeatedHeaders = ctx.getLong(P + "repeatedHeaders", 0);
        duplicates = ctx.getLong(P + "duplicates", 0);
        chunks = ctx.getLong(P + "chunks", 0);
    }

    public void save(ExecutionContext ctx) {
        ctx.putLong(P + "loaded", loaded);
        ctx.putLong(P + "loadedSourceRows", loadedSourceRows);
        ctx.putLong(P + "rejected", rejected);
        ctx.putLong(P + "blank", blank);
        ctx.putLong(P + "totals", totals);
        ctx.putLong(P + "repeatedHeaders", repeatedHeaders);
        ctx.putLong(P + "duplicates", duplicates);
        ctx.putLong(P + "chunks", chunks);
    }

    public static Counters from(ExecutionContext ctx) {
        Counters c = new Counters();
        c.load(ctx);
        return c;
    }
}
