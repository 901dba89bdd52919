package org.sightline.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sightline.ingest.read.SourceRow;

/**
 * Finds a contract's header in the first rows of a sheet, below any title rows, by header aliases
 * (never by position). A header cell under a merged group heading also matches as
 * "group heading + cell", so two-row headers work.
 */
public final class HeaderMatcher {

    public static final int SCAN_ROWS = 30;

    private final Contract contract;
    private final Map<String, Integer> aliasToColumn = new HashMap<>();

    public HeaderMatcher(Contract contract) {
        this.contract = contract;
        List<ColumnSpec> cols = contract.columns();
        for (int i = 0; i < cols.size(); i++) {
            ColumnSpec c = cols.get(i);
            register(c.name(), i);
            for (String h : c.headers()) register(h, i);
        }
    }

    private void register(String alias, int column) {
        Integer prev = aliasToColumn.putIfAbsent(Names.key(alias), column);
        if (prev != null && prev != column) {
            throw new ContractLoader.ContractException(contract.file(), "header alias '" + alias + "' belongs to both "
                    + contract.columns().get(prev).name() + " and " + contract.columns().get(column).name());
        }
    }

    public Contract contract() {
        return contract;
    }

    /** The best header among the given leading rows; null when no row matches any column. */
    public HeaderMap match(List<SourceRow> leading) {
        HeaderMap best = null;
        String[] carried = new String[0];
        for (int r = 0; r < leading.size(); r++) {
            SourceRow row = leading.get(r);
            HeaderMap m = matchRow(row, r + 1, carried);
            if (m != null && (best == null || m.matchedCount() > best.matchedCount())) best = m;
            carried = carryForward(row.cells());
        }
        return best;
    }

    private HeaderMap matchRow(SourceRow row, int rowsBefore, String[] parent) {
        int n = contract.columns().size();
        int[] columns = new int[n];
        String[] labels = new String[n];
        java.util.Arrays.fill(columns, -1);
        List<String> unknown = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        String[] cells = row.cells();
        int matched = 0;
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell == null || cell.isBlank()) continue;
            Integer col = aliasToColumn.get(Names.key(cell));
            if (col == null && i < parent.length && parent[i] != null) {
                col = aliasToColumn.get(Names.key(parent[i] + " " + cell));
            }
            if (col == null) {
                unknown.add(cell.strip());
                continue;
            }
            if (columns[col] >= 0) {
                duplicates.add(contract.columns().get(col).name() + " (columns " + HeaderMap.letter(columns[col]) + " and " + HeaderMap.letter(i) + ")");
                continue;
            }
            columns[col] = i;
            labels[col] = cell.strip();
            matched++;
        }
        if (matched == 0) return null;
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (columns[c] < 0 && contract.columns().get(c).required()) missing.add(contract.columns().get(c).name());
        }
        return new HeaderMap(row.row(), rowsBefore, columns, labels, List.copyOf(unknown), List.copyOf(missing), List.copyOf(duplicates));
    }

    /** A row's values carried right across blank cells: merged group headings cover the cells after them. */
    private static String[] carryForward(String[] cells) {
        String[] out = new String[cells.length];
        String last = null;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && !cells[i].isBlank()) last = cells[i];
            out[i] = last;
        }
        return out;
    }
}
