package org.sightline.ingest.hooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sightline.codes.Codes;
import org.sightline.contract.Names;

/**
 * {@code jobs/codes/dfe.yml}: DfE's symbols and spreadsheet errors kept as cell markers, the headline
 * measures' canonical names whatever a release calls them, and the signs of a DfE table that is not
 * about children looked after. Read once per file by {@link DfeTableHook}; immutable afterwards.
 */
final class DfeCodes {

    /** Where the lists live, relative to the jobs folder. */
    static final String FILE = Codes.DFE;

    /** A canonical measure: its name, and the unit its figure is in. */
    record Canonical(String measure, String unit) {}

    private final Set<String> symbols = new TreeSet<>();
    private final Set<String> errors = new TreeSet<>();
    /** Names.key(breakdown) -> concept. */
    private final Map<String, String> breakdownConcept = new HashMap<>();
    /** Names.key(wide column without its year) -> concept. */
    private final Map<String, String> wideConcept = new HashMap<>();
    /** Names.key(indicator column) -> [suffix, unit]. */
    private final Map<String, String[]> indicator = new HashMap<>();
    /** Names.key(area name) -> area code, for a wide table's rows that share their region's code. */
    private final Map<String, String> wideAreaCodes = new HashMap<>();
    private final List<String> otherCollections = new ArrayList<>();
    private final List<String> lookedAfter = new ArrayList<>();

    static DfeCodes read(Path jobsDir) {
        Path file = jobsDir.resolve(FILE);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("the DfE code lists " + file + " are missing");
        Codes.Dfe d = Codes.read(file, Codes.Dfe.class);
        if (d == null || d.symbols() == null || d.symbols().isEmpty()) throw new IllegalStateException(file + " lists no symbols");
        DfeCodes c = new DfeCodes();
        d.symbols().keySet().forEach(k -> c.symbols.add(k.toLowerCase(Locale.ROOT)));
        for (String e : list(d.errors())) c.errors.add(e.toLowerCase(Locale.ROOT));
        if (d.measures() != null) {
            d.measures().forEach((name, def) -> {
                if (def == null) throw new IllegalStateException(file + ": measure " + name + " must be a map");
                for (String b : list(def.breakdowns())) c.breakdownConcept.put(Names.key(b), name);
                for (String w : list(def.wideColumns())) c.wideConcept.put(Names.key(w), name);
            });
        }
        if (d.indicators() != null) {
            d.indicators().forEach((unit, def) -> {
                if (def == null) throw new IllegalStateException(file + ": indicator " + unit + " must be a map");
                String suffix = def.suffix() == null ? "" : def.suffix();
                for (String col : list(def.columns())) c.indicator.put(Names.key(col), new String[] {suffix, unit});
            });
        }
        if (d.wideAreaCodes() != null) d.wideAreaCodes().forEach((k, v) -> c.wideAreaCodes.put(Names.key(k), v));
        for (String p : list(d.otherCollections())) c.otherCollections.add(words(p));
        for (String p : list(d.lookedAfter())) c.lookedAfter.add(words(p));
        return c;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    /** The symbol of a suppressed or special cell, or a spreadsheet error, as published; null when the cell is neither. */
    String marker(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) return null;
        String lower = s.toLowerCase(Locale.ROOT);
        if (errors.contains(lower)) return s;
        String bare = lower.startsWith("[") && lower.endsWith("]") && lower.length() > 2 ? lower.substring(1, lower.length() - 1).strip() : lower;
        return symbols.contains(bare) ? s : null;
    }

    /** Whether a marker is a spreadsheet error (#VALUE!) rather than one of DfE's symbols. */
    boolean isError(String marker) {
        return errors.contains(marker.toLowerCase(Locale.ROOT));
    }

    /** The symbols, for messages. */
    String symbolList() {
        return String.join(", ", symbols);
    }

    /** The canonical measure of a figure in a tidy table (indicator column, row's breakdown), or null. */
    Canonical canonical(String indicatorName, String breakdown) {
        String concept = breakdownConcept.get(Names.key(breakdown));
        if (concept == null) return null;
        String[] ind = indicator.get(Names.key(indicatorName));
        return ind == null ? null : new Canonical(concept + ind[0], ind[1]);
    }

    /** The canonical measure of a wide first-release column (its name without the year), or null. */
    Canonical canonicalWide(String columnWithoutYear) {
        String concept = wideConcept.get(Names.key(columnWithoutYear));
        return concept == null ? null : new Canonical(concept, "number");
    }

    /** The code a wide table's area goes by when it shares its region's code (Inner London), or null. */
    String wideAreaCode(String areaName) {
        return areaName == null ? null : wideAreaCodes.get(Names.key(areaName));
    }

    /** "Children in Need" -> " children in need ": lower-case words between single spaces, for phrase matching. */
    static String words(String text) {
        StringBuilder sb = new StringBuilder(" ");
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (!w.isEmpty()) sb.append(w).append(' ');
        return sb.toString();
    }

    /**
     * The phrase that shows a table is another collection's (children in need ...), when some text of
     * the table says one and none says children looked after; null otherwise. {@code texts} are the
     * file name, column names and label values, each already through {@link #words}.
     */
    String otherCollection(Iterable<String> texts) {
        String found = null;
        for (String t : texts) {
            for (String p : lookedAfter) if (t.contains(p)) return null;
            if (found == null) for (String p : otherCollections) if (t.contains(p)) { found = p.strip(); break; }
        }
        return found;
    }
}
