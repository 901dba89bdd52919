package org.sightline.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.sightline.lake.Duck;
import org.sightline.contract.Contract;

/**
 * What the processor and the writer of one unit share: the counters and the natural keys seen so
 * far (in this file, and already published for append datasets). Only the writer's thread changes
 * it, through {@link #settle}, one row after another in file order.
 */
public final class LoadState {
    final Counters counters = new Counters();
    final KeySet seenInFile = new KeySet();
    final KeySet inLake = new KeySet();
    private final int[] keyIdx;
    private final Contract contract;
    private final String fileName;
    private final String sheet;

    LoadState(Contract contract, String fileName, String sheet) {
        this.contract = contract;
        this.fileName = fileName;
        this.sheet = sheet;
        List<String> stored = List.copyOf(contract.storedColumns().keySet());
        this.keyIdx = contract.naturalKey().stream().mapToInt(stored::indexOf).toArray();
    }

    boolean hasKey() {
        return keyIdx.length > 0;
    }

    /** The natural key of stored values, or null when the dataset has none. Safe on any thread. */
    KeySet.Print key(Object[] values) {
        if (keyIdx.length == 0) return null;
        return KeySet.print(values, keyIdx);
    }

    /**
     * What needs the rows before it, in file order: counts a skipped row, rejects a row whose natural
     * key an earlier row had, and drops lake rows an append dataset already holds (a source row with
     * all of them there counts as a duplicate, so re-sent months add nothing). Returns the row to
     * stage (possibly rejected), or null when nothing of it is staged.
     */
    ProcessedRow settle(ProcessedRow p) {
        if (p.skip() != null) {
            switch (p.skip()) {
                case BLANK -> counters.blank++;
                case TOTALS -> counters.totals++;
                case REPEATED_HEADER -> counters.repeatedHeaders++;
            }
            return null;
        }
        if (p.rejected() || p.keys() == null) return p;
        if (p.keys().size() == 1) return settleOne(p);
        List<Object[]> keep = new ArrayList<>(p.rows().size());
        List<String> partitions = new ArrayList<>(p.rows().size());
        List<KeySet.Print> keys = p.keys();
        for (int i = 0; i < keys.size(); i++) {
            KeySet.Print key = keys.get(i);
            long first = seenInFile.firstRow(key);
            if (first != 0 || keys.subList(0, i).contains(key)) return duplicate(p, first == 0 ? p.sourceRow() : first);
            if (inLake.contains(key)) continue;
            keep.add(p.rows().get(i));
            partitions.add(p.partitions().get(i));
        }
        for (KeySet.Print k : keys) seenInFile.add(k, p.sourceRow());
        if (keep.isEmpty() && !p.rows().isEmpty()) {
            counters.duplicates++;
            return null;
        }
        return new ProcessedRow(p.sourceRow(), keep, partitions, null, p.errors(), null);
    }

    /**
     * {@link #settle} of a row with one lake row (the usual case): one probe of the keys seen, and the
     * row itself when it is staged.
     */
    private ProcessedRow settleOne(ProcessedRow p) {
        KeySet.Print key = p.keys().get(0);
        long first = seenInFile.putIfAbsent(key, p.sourceRow());
        if (first != 0) return duplicate(p, first);
        if (inLake.contains(key)) {
            counters.duplicates++;
            return null;
        }
        return p;
    }

    private ProcessedRow duplicate(ProcessedRow p, long first) {
        return ProcessedRow.rejected(p.sourceRow(), List.of(new RowError(fileName, sheet, p.sourceRow(), "(row)",
                String.join(", ", contract.naturalKey()), "", "duplicate",
                "the same " + String.join(" + ", contract.naturalKey()) + " as row " + first + "; each appears once")));
    }

    /** Loads the natural keys (with their first source row) of Parquet files into the given set. */
    static void loadKeys(List<Path> files, List<String> keyCols, KeySet keys) throws SQLException {
        if (files.isEmpty() || keyCols.isEmpty()) return;
        StringBuilder cols = new StringBuilder();
        for (String k : keyCols) cols.append(Duck.ident(k)).append(", ");
        String sql = "SELECT " + cols + "source_row FROM read_parquet(" + Duck.fileList(files) + ", union_by_name = true)";
        try (Connection c = Duck.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = keyCols.size();
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            Object[] values = new Object[n];
            while (rs.next()) {
                for (int i = 0; i < n; i++) {
                    Object v = rs.getObject(i + 1);
                    values[i] = v instanceof java.sql.Date d ? d.toLocalDate() : v;
                }
                // the same fingerprint as key() gives the rows being loaded
                keys.add(KeySet.print(values, all), rs.getLong(n + 1));
            }
        }
    }
}
