package org.sightline.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.lake.Lake;
import org.sightline.lake.Manifest;
import org.sightline.lake.Duck;
import org.sightline.contract.Contract;

/**
 * The guard on destructive loads: a {@code replace} load that would remove more than half of the
 * rows of the snapshot it replaces, or whose file has no values in a column the snapshot has values
 * in, is refused with the numbers, unless the run was started with {@code --replace}.
 */
public final class ReplaceGuard {

    /** Job parameter (not identifying) saying the user means a destructive replace. */
    public static final String ALLOWED = "sightline.replace.allowed";

    private ReplaceGuard() {}

    /**
     * Why this load may not replace what it would supersede, or null when it may.
     *
     * @param supersede the partitions the load replaces ("*": the whole dataset)
     * @param staged    the load's staged Parquet parts
     * @param newRows   lake rows the load would publish
     */
    public static String refusal(Contract contract, Lake lake, Set<String> supersede, List<Lake.Staged> staged, long newRows)
            throws SQLException {
        if (supersede.isEmpty()) return null;
        List<Path> old = new ArrayList<>();
        long oldRows = 0;
        for (Manifest.FileEntry f : lake.read().current(contract.dataset())) {
            if (supersede.contains("*") || supersede.contains(f.partition())) {
                old.add(lake.root().resolve(f.path()));
                oldRows += f.rows();
            }
        }
        if (oldRows == 0) return null;
        List<String> reasons = new ArrayList<>();
        if (newRows * 2 < oldRows) {
            reasons.add(String.format("it would replace %d rows of %s with %d, removing %d (%.0f%%, more than half)",
                    oldRows, where(supersede), newRows, oldRows - newRows, 100.0 * (oldRows - newRows) / oldRows));
        }
        List<Path> fresh = new ArrayList<>();
        // a publish restarted half way has moved some parts into the lake already: read each where it is
        for (Lake.Staged s : staged) fresh.add(java.nio.file.Files.exists(s.file()) ? s.file() : lake.root().resolve(s.relativePath()));
        Map<String, Long> before = valueCounts(old, contract);
        Map<String, Long> after = fresh.isEmpty() ? Map.of() : valueCounts(fresh, contract);
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            if (e.getValue() > 0 && after.getOrDefault(e.getKey(), 0L) == 0) lost.add(e.getKey() + " (" + e.getValue() + " values now)");
        }
        if (!lost.isEmpty()) reasons.add("the file has no values in column(s) the snapshot has: " + String.join(", ", lost));
        if (reasons.isEmpty()) return null;
        return "a replace load refused: " + String.join("; ", reasons)
                + ". Nothing loaded; if this file is meant to replace them, run the ingest again with --replace";
    }

    private static String where(Set<String> supersede) {
        return supersede.contains("*") ? "the whole dataset" : "partition(s) " + String.join(", ", new java.util.TreeSet<>(supersede));
    }

    /** Non-null values per stored column of the contract in the given Parquet files (columns absent from them: not counted). */
    private static Map<String, Long> valueCounts(List<Path> files, Contract contract) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            String from = " FROM read_parquet(" + Duck.fileList(files) + ", union_by_name = true)";
            List<String> present = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT *" + from + " LIMIT 0")) {
                ResultSetMetaData md = rs.getMetaData();
                Set<String> names = new java.util.HashSet<>();
                for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnName(i));
                for (String col : contract.storedColumns().keySet()) if (names.contains(col)) present.add(col);
            }
            if (present.isEmpty()) return out;
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < present.size(); i++) sql.append(i == 0 ? "" : ", ").append("count(").append(Duck.ident(present.get(i))).append(')');
            try (ResultSet rs = st.executeQuery(sql + from)) {
                rs.next();
                for (int i = 0; i < present.size(); i++) out.put(present.get(i), rs.getLong(i + 1));
            }
        }
        return out;
    }
}
