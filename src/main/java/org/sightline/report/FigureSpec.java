package org.sightline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One figure of a pack: a named {@code .sql} file whose leading comment block is YAML saying what the
 * figure is (title, definition), which datasets it needs, and how each column is shown (label, kind).
 * The kind decides small-number suppression: see {@link Cell}.
 *
 * <pre>
 * -- title: Referrals by source, last 12 months
 * -- definition: Referrals received in the twelve months ...
 * -- requires: [referral]
 * -- columns:
 * --   source:    {label: Source}
 * --   referrals: {label: Referrals, kind: count}
 * --   share:     {label: Share, kind: percent, of: referrals, base: total}
 * -- layout: numbers        # table layout: numbers (default), text, kv, pairs
 * -- empty: No referrals were received.   # printed when the query returns no rows
 * SELECT ...
 * </pre>
 */
public record FigureSpec(String name, String title, String definition, List<String> requires,
                         Map<String, Column> columns, String layout, String empty, String sql) {

    /** How a column is printed. */
    public enum Kind {
        /** As is. */
        TEXT,
        /** A count of children, cases, rows: 1 to 4 print as {@code <5}. */
        COUNT,
        /** {@code of} / {@code base} as a percentage; not printed when the base is under 5. */
        PERCENT,
        /** An average or ratio over {@code base} cases: not printed when the base is under 5. */
        MEAN,
        /** A money amount over {@code base} cases: not printed when the base is under 5. */
        MONEY,
        /** A share from configuration or a published statistic (0 to 1), printed as a percentage. */
        RATE,
        /** A number that is not a count of people (FTE, rates per 10,000, thresholds). */
        DECIMAL,
        /** A date. */
        DATE
    }

    /**
     * A column: {@code of} and {@code base} name other columns of the same row. {@code gives}: for a mean or an
     * amount, the counts of the row it would give away (an amount that is a sum of per-case values of several
     * groups); it is not shown when one of them is 1 to 4 or withheld, as if over that count.
     */
    public record Column(String name, String label, Kind kind, String of, String base, String format, boolean hidden, List<String> gives) {
        public Column(String name, String label, Kind kind, String of, String base, String format, boolean hidden) {
            this(name, label, kind, of, base, format, hidden, List.of());
        }
    }

    public static FigureSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".sql".length());
        // The header: top-level "key: value" lines with indented continuation lines. title, definition,
        // layout and empty are plain text (a definition may contain colons); requires and columns are YAML.
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\\R")) {
            if (!line.startsWith("--")) break;
            String l = line.length() > 3 ? line.substring(3) : "";
            java.util.regex.Matcher km = java.util.regex.Pattern.compile("^([a-z_]+):(.*)$").matcher(l);
            if (km.matches()) {
                current = km.group(1);
                blocks.put(current, new StringBuilder(km.group(2)));
            } else if (current != null) {
                blocks.get(current).append('\n').append(l);
            }
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        java.util.function.Function<String, String> plain = k -> blocks.containsKey(k) ? blocks.get(k).toString().trim().replaceAll("\\s+", " ") : null;
        java.util.function.Function<String, Object> yamlOf = k -> blocks.containsKey(k) ? yaml.load(k + ":" + blocks.get(k)) instanceof Map<?, ?> m ? m.get(k) : null : null;
        if (plain.apply("title") == null) throw new IllegalStateException(file + ": the leading comment block has no title:");
        String title = plain.apply("title");
        String definition = plain.apply("definition") == null ? "" : plain.apply("definition");
        List<String> requires = new ArrayList<>();
        if (yamlOf.apply("requires") instanceof List<?> l) for (Object o : l) requires.add(String.valueOf(o));
        Map<Object, Object> h = new LinkedHashMap<>();
        h.put("columns", yamlOf.apply("columns"));
        h.put("layout", plain.apply("layout"));
        h.put("empty", plain.apply("empty"));
        Map<String, Column> columns = new LinkedHashMap<>();
        if (!(h.get("columns") instanceof Map<?, ?> cols)) throw new IllegalStateException(file + ": no columns: block in the header");
        for (Map.Entry<?, ?> e : cols.entrySet()) {
            String col = String.valueOf(e.getKey());
            Map<?, ?> c = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
            for (Map.Entry<?, ?> a : c.entrySet()) {
                if (a.getValue() == null) throw new IllegalStateException(file + ": column " + col + " has \"" + a.getKey()
                        + "\" without a value; quote a label that contains a comma");
            }
            Kind kind = c.get("kind") == null ? Kind.TEXT : Kind.valueOf(String.valueOf(c.get("kind")).toUpperCase());
            String of = c.get("of") == null ? null : String.valueOf(c.get("of"));
            String base = c.get("base") == null ? null : String.valueOf(c.get("base"));
            if (kind == Kind.PERCENT && (of == null || base == null)) throw new IllegalStateException(file + ": column " + col + " is a percent and needs of: and base:");
            if ((kind == Kind.MEAN || kind == Kind.MONEY) && base == null) throw new IllegalStateException(file + ": column " + col + " needs base: (the number of cases it is over)");
            List<String> gives = new ArrayList<>();
            if (c.get("gives") instanceof List<?> g) for (Object x : g) gives.add(String.valueOf(x));
            else if (c.get("gives") != null) gives.add(String.valueOf(c.get("gives")));
            if (!gives.isEmpty() && kind != Kind.MEAN && kind != Kind.MONEY) throw new IllegalStateException(file + ": column " + col + " has gives: but is not a mean or money");
            columns.put(col, new Column(col, c.get("label") == null ? col : String.valueOf(c.get("label")), kind, of, base,
                    c.get("format") == null ? null : String.valueOf(c.get("format")), Boolean.TRUE.equals(c.get("hidden")), List.copyOf(gives)));
        }
        String layout = h.get("layout") == null ? "numbers" : String.valueOf(h.get("layout"));
        String empty = h.get("empty") == null ? null : String.valueOf(h.get("empty")).trim();
        return new FigureSpec(name, title, definition, List.copyOf(requires), columns, layout, empty, text);
    }

    /** The columns shown in the PDF, in order. */
    public List<Column> visibleColumns() {
        return columns.values().stream().filter(c -> !c.hidden()).toList();
    }

    /** Every figure in a folder (files starting with _ are setup, not figures), by name. */
    public static Map<String, FigureSpec> loadAll(Path dir) {
        Map<String, FigureSpec> out = new LinkedHashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".sql") && !f.getFileName().toString().startsWith("_")).sorted().toList()) {
                FigureSpec spec = load(p);
                out.put(spec.name(), spec);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
