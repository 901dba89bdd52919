package org.sightline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sightline.ingest.read.SourceRow;

/** One source row as a {@link DatasetHook} sees it: raw cells, parsed values, default lake values. */
public final class HookRow {
    private final SourceRow source;
    private final Map<String, Integer> colIndex;
    private final Object[] parsed;
    private final String[] raw;
    private final Object[] stored;
    private final List<String> storedNames;
    private final RowProcessor processor;
    private final HeaderMap header;
    private List<RowError> errors;
    private List<RowError> partErrors;

    HookRow(SourceRow source, Map<String, Integer> colIndex, Object[] parsed, String[] raw, Object[] stored,
            List<String> storedNames, RowProcessor processor, HeaderMap header) {
        this.header = header;
        this.source = source;
        this.colIndex = colIndex;
        this.parsed = parsed;
        this.raw = raw;
        this.stored = stored;
        this.storedNames = storedNames;
        this.processor = processor;
    }

    public SourceRow source() { return source; }

    /** The parsed value of a contract column (null when blank or absent). */
    public Object get(String column) {
        Integer i = colIndex.get(column);
        return i == null ? null : parsed[i];
    }

    /** The cell text of a contract column as sent. */
    public String raw(String column) {
        Integer i = colIndex.get(column);
        return i == null ? null : raw[i];
    }

    /**
     * The cell of a contract column exactly as sent, even when it reads as blank ('N/A', 'nan', '-'),
     * which {@link #raw} and {@link #get} report as null; null when the column is absent.
     */
    public String cell(String column) {
        Integer i = colIndex.get(column);
        if (i == null) return null;
        int src = header.columns()[i];
        return src < 0 ? null : source.cell(src);
    }

    /**
     * The default lake row: stored values in lake-column order (after privacy treatments), then room
     * for the lineage columns, which are filled after the hook.
     */
    public Object[] stored() { return stored; }

    /** A fresh, empty lake row. */
    public Object[] newRow() { return processor.newRow(); }

    /** Index of a lake column in a row array. */
    public int out(String lakeColumn) {
        int i = storedNames.indexOf(lakeColumn);
        if (i < 0) throw new IllegalArgumentException("no lake column " + lakeColumn);
        return i;
    }

    /** Rejects the row with a message naming the contract column (masked if personal). */
    public void reject(String column, String rule, String message) {
        if (errors == null) errors = new ArrayList<>(2);
        errors.add(processor.error(source, colIndex.getOrDefault(column, -1), raw(column), rule, message));
    }

    /**
     * Rejects the row with a message naming a column the contract does not list (a hook that reads
     * columns from the header, e.g. a DfE table's indicator columns): {@code src} is its 0-based
     * position, {@code header} its header text. Such columns hold no personal data.
     */
    public void rejectCell(int src, String header, String rule, String message) {
        if (errors == null) errors = new ArrayList<>(2);
        errors.add(processor.cellError(source, src, header, rule, message));
    }

    /**
     * Rejects one part of the row (one judgement area, say) while its other lake rows load: the error
     * goes to the rejects report, naming the contract column; return the row's other lake rows.
     */
    public void rejectPart(String column, String rule, String message) {
        if (partErrors == null) partErrors = new ArrayList<>(2);
        partErrors.add(processor.error(source, colIndex.getOrDefault(column, -1), raw(column), rule, message));
    }

    List<RowError> errors() { return errors; }

    List<RowError> partErrors() { return partErrors; }
}
