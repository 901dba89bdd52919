package org.sightline.ingest;

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
        Path file) {

    public enum LoadMode { REPLACE, APPEND }

    public ColumnSpec column(String name) {
        for (ColumnSpec c : columns) if (c.name().equals(name)) return c;
        return null;
    }

    /** Lake columns in order: name -> type (first declaration of each stored name). */
    public Map<String, ColumnType> storedColumns() {
        Map<String, ColumnType> out = new LinkedHashMap<>();
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
