package org.sightline.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.query.Duck;

/**
 * What the processor and the writer of one unit share: the counters and the natural keys seen so
 * far (in this file, and already published for append datasets).
 */
public final class LoadState {
    final Counters counters = new Counters();
    final Map<String, Long> seenInFile = new HashMap<>();
    final Set<String> inLake = new HashSet<>();
    final int[] keyIdx;

    LoadState(Contract contract) {
        List<String> stored = List.copyOf(contract.storedColumns().keySet());
        this.keyIdx = contract.naturalKey().stream().mapToInt(stored::indexOf).toArray();
    }

    /** The natural key of stored values, or null when the dataset has none. */
    String key(Object[] values) {
        if (keyIdx.length == 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int i : keyIdx) sb.append(values[i]).append('\u0001');
        return sb.toString();
    }

    /** Loads natural keys (and first source row) from Parquet files into the given map/set. */
    static void loadKeys(List<Path> files, List<String> keyCols, Map<String, Long> withRows, Set<String> keys) throws SQLException {
        if (files.isEmpty() || keyCols.isEmpty()) return;
        StringBuilder cols = new StringBuilder();
        for (String k : keyCols) cols.append(Duck.ident(k)).append(", ");
        String sql = "SELECT " + cols + "source_row FROM read_parquet(" + Duck.fileList(files) + ", union_by_name = true)";
        try (Connection c = Duck.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = keyCols.size();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date d) v = d.toLocalDate();
                    sb.append(v).append('\u0001');
                }
                if (withRows != null) withRows.putIfAbsent(sb.toString(), rs.getLong(n + 1));
                if (keys != null) keys.add(sb.toString());
            }
        }
    }
}
