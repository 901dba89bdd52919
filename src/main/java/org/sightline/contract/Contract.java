package org.sightline.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset contract: everything the generic ingest engine needs to know about one dataset. */
public record Contract(
        String dataset,
        String title,
        String description,
        String grain,
        LoadMode loadMode,
        List<String> scope,
        List<String> naturalKey,
        List<String> partitionBy,
        List<String> sheets,
        double maxRejectShare,
        List<ColumnSpec> columns,
        List<RowRule> rules,
        List<OutputColumn> output,
        String hook,
        Limits limits,
        Path file,
        List<String> loadAfter) {

    /** Without {@code load_after}. */
    public Contract(String dataset, String title, String description, String grain, LoadMode loadMode, List<String> scope,
                    List<String> naturalKey, List<String> partitionBy, List<String> sheets, double maxRejectShare,
                    List<ColumnSpec> columns, List<RowRule> rules, List<OutputColumn> output, String hook, Limits limits, Path file) {
        this(dataset, title, description, grain, loadMode, scope, naturalKey, partitionBy, sheets, maxRejectShare,
                columns, rules, output, hook, limits, file, List.of());
    }

    /** Per-dataset resource limits (contract {@code source:}); null fields fall back to the run's settings. */
    public record Limits(Long maxFileBytes, Long maxRows, Integer maxCellLength) {
        public static final Limits NONE = new Limits(null, null, null);
    }

    /**
     * A lake column declared explicitly (contract {@code output:}), for datasets whose lake rows are
     * not one-for-one with the source columns (a hook builds them, e.g. one row per judgement area).
     */
    public record OutputColumn(String name, ColumnType type, String description) {}

    public enum LoadMode { REPLACE, APPEND }

    /** The same contract with other columns (e.g. with local header aliases added). */
    public Contract withColumns(List<ColumnSpec> cols) {
        return new Contract(dataset, title, description, grain, loadMode, scope, naturalKey, partitionBy, sheets, maxRejectShare,
                cols, rules, output, hook, limits, file, loadAfter);
    }

    /** Hooks named without a package live here (ingest's hooks); a contract may also name a class in full. */
    public static final String HOOK_PACKAGE = "org.sightline.ingest.hooks";

    /** The fully qualified class name of the hook, or null when the contract has none. */
    public String hookClassName() {
        if (hook == null) return null;
        return hook.contains(".") ? hook : HOOK_PACKAGE + "." + hook;
    }

    /**
     * Refuses a header alias that two columns share (compared as {@link Names#key}): a header must name
     * one column. Checked when contracts are loaded, so a clash is an error at load, not at ingest.
     */
    public void checkHeaderAliases() {
        Map<String, Integer> owner = new java.util.HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            List<String> aliases = new ArrayList<>();
            aliases.add(c.name());
            aliases.addAll(c.headers());
            for (String alias : aliases) {
                Integer prev = owner.putIfAbsent(Names.key(alias), i);
                if (prev != null && prev != i) {
                    throw new ContractLoader.ContractException(file, "header alias '" + alias + "' belongs to both "
                            + columns.get(prev).name() + " and " + c.name());
                }
            }
        }
    }

    public ColumnSpec column(String name) {
        for (ColumnSpec c : columns) if (c.name().equals(name)) return c;
        return null;
    }

    /** Lake columns in order: name -> type (the declared output, else the first declaration of each stored name). */
    public Map<String, ColumnType> storedColumns() {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        if (!output.isEmpty()) {
            for (OutputColumn o : output) out.put(o.name(), o.type());
            return out;
        }
        for (ColumnSpec c : columns) {
            String stored = c.storedName();
            if (stored != null) out.putIfAbsent(stored, c.storedType());
        }
        return out;
    }

    public List<ColumnSpec> requiredColumns() {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : columns) if (c.required()) out.add(c);
        return out;
    }
}
