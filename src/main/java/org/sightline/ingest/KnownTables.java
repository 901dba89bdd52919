package org.sightline.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.ingest.read.SourceRow;
import org.sightline.contract.ContractLoader;
import org.sightline.contract.Names;

/**
 * Tables Sightline recognises but does not load ({@code jobs/known-tables.yml}): a sheet that fits
 * one of them is refused by the table's name rather than filed as another dataset (an SSDA903 uasc
 * table has CHILD, SEX and DOB like the header table, but is not it).
 */
public final class KnownTables {

    public static final String FILE = "known-tables.yml";

    /** One table: its name, the columns that must be there, one of which must be there, and all of its columns. */
    public record Table(String name, List<String> signature, List<String> anyOf, List<String> columns, String why) {}

    /** A sheet's header that fits a table: the row, and how many of the table's columns it has. */
    public record Hit(Table table, long headerRow, int score, List<String> found) {
        public String refusal() {
            return table.name() + ": not loaded by Sightline" + (table.why() == null ? "" : " (" + table.why() + ")")
                    + "; recognised by its header at row " + headerRow + " (" + String.join(", ", found) + ")";
        }
    }

    public static final KnownTables NONE = new KnownTables(List.of());

    private final List<Table> tables;

    public KnownTables(List<Table> tables) {
        this.tables = List.copyOf(tables);
    }

    public List<Table> tables() {
        return tables;
    }

    /** The tables in {@code <jobs>/known-tables.yml}; none when there is no such file. */
    public static KnownTables load(Path jobsDir) {
        Path f = jobsDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return NONE;
        Map<String, Object> y = ContractLoader.readYaml(f);
        List<Table> out = new ArrayList<>();
        for (String k : y.keySet()) {
            if (!k.equals("tables")) throw new ContractLoader.ContractException(f, "unknown key '" + k + "' (expected: tables)");
        }
        Object list = y.get("tables");
        if (!(list instanceof List<?> l)) throw new ContractLoader.ContractException(f, "'tables' must be a list");
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m)) throw new ContractLoader.ContractException(f, "each table must be a mapping: " + o);
            for (Object k : m.keySet()) {
                if (!Set.of("table", "signature", "any_of", "columns", "why").contains(String.valueOf(k))) {
                    throw new ContractLoader.ContractException(f, "unknown key '" + k + "' in the table " + m.get("table")
                            + " (expected: table, signature, any_of, columns, why)");
                }
            }
            Object name = m.get("table");
            if (name == null) throw new ContractLoader.ContractException(f, "a table needs 'table:' (its name): " + o);
            List<String> signature = strings(m.get("signature"));
            if (signature.isEmpty()) throw new ContractLoader.ContractException(f, "the table " + name + " needs a signature");
            List<String> columns = new ArrayList<>(new LinkedHashSet<>(concat(signature, strings(m.get("any_of")), strings(m.get("columns")))));
            out.add(new Table(String.valueOf(name), signature, strings(m.get("any_of")), List.copyOf(columns),
                    m.get("why") == null ? null : String.valueOf(m.get("why"))));
        }
        return new KnownTables(out);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) out.add(String.valueOf(x));
        else if (o != null) out.add(String.valueOf(o));
        return out;
    }

    /** The table the leading rows' header fits best (most of its columns), or null when none fits. */
    public Hit best(List<SourceRow> leading) {
        Hit best = null;
        for (SourceRow row : leading) {
            for (Table t : tables) {
                Hit h = fit(t, row);
                if (h != null && (best == null || h.score() > best.score())) best = h;
            }
        }
        return best;
    }

    private static Hit fit(Table t, SourceRow row) {
        Set<String> keys = new java.util.HashSet<>();
        Set<String> normalised = new java.util.HashSet<>();
        for (String cell : row.cells()) {
            if (cell == null || cell.isBlank()) continue;
            keys.add(Names.key(cell));
            normalised.add(HeaderMatcher.normalised(cell));
        }
        for (String s : t.signature()) if (!has(keys, normalised, s)) return null;
        if (!t.anyOf().isEmpty() && t.anyOf().stream().noneMatch(a -> has(keys, normalised, a))) return null;
        List<String> found = new ArrayList<>();
        for (String c : t.columns()) if (has(keys, normalised, c)) found.add(c);
        return new Hit(t, row.row(), found.size(), found);
    }

    private static boolean has(Set<String> keys, Set<String> normalised, String column) {
        return keys.contains(Names.key(column)) || normalised.contains(HeaderMatcher.normalised(column));
    }
}
