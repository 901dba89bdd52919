package org.sightline.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The metrics registry, {@code reports/metrics.yml}: every measure the pack's cover and the site
 * comparison show, declared once (its SQL, grain, unit, numerator and denominator, suppression,
 * target and direction, label and definition), bound with Jackson to these records. An unknown key,
 * a missing one or a period, query or target that does not exist is an error naming the file and the
 * measure. {@link MeasureTable} runs the queries; {@link #value} prints a measure the one way.
 */
public record Metrics(Path file, List<Measure> measures, Map<String, Query> queries, List<Relation> relations) {

    /** The periods a measure can be worked out for. */
    public static final List<String> PERIODS = List.of("month", "12 months", "to date");
    public static final String NO_DATA = "no data";

    public enum Unit { COUNT, PERCENT, MEAN }

    public enum Suppression { COUNT, BASE }

    public enum Direction { HIGHER, LOWER }

    /** Where the cover shows a measure. */
    public record Cover(String period, String note, @JsonProperty("hidden_note") String hiddenNote, String suffix) {}

    /** A measure's column in the site comparison. */
    public record Column(String header, List<String> periods) {}

    /** One entry of {@code measures:}, as written in the file. */
    public record Entry(String label, String definition, String query, List<String> grain, Unit unit, String numerator,
                        String denominator, Suppression suppression, String base, String format, String target,
                        Direction direction, Cover cover, Column comparison, List<String> gives) {
        /** The counts of the query's row a mean would give away (e.g. FROI: the cases credited); not shown when one is 1 to 4 or withheld. */
        public List<String> gives() {
            return gives == null ? List.of() : gives;
        }
    }

    /** A measure: its key (the name under {@code measures:}) and its entry. */
    public record Measure(String key, Entry e) {
        public String label() { return e.label(); }
        public String definition() { return e.definition(); }
        public String query() { return e.query(); }
        public String target() { return e.target(); }
        public boolean higherIsBetter() { return e.direction() != Direction.LOWER; }
        public Cover cover() { return e.cover(); }
        public Column comparison() { return e.comparison(); }

        /** The printed value pattern (used for targets too). */
        public String format() {
            if (e.format() != null) return e.format();
            return switch (e.unit()) {
                case PERCENT -> "0%";
                case MEAN -> "0.0";
                case COUNT -> "#,##0";
            };
        }

        /** The pattern of a target's bounds: the value's, without trailing decimal zeros (4–6, 0.61, 90%). */
        public String targetFormat() {
            return format().replaceAll("\\.(0+)$", ".##");
        }

        /** How {@link Cell} prints the value of a row (the mean is put into the row as {@code value}). */
        FigureSpec.Column column() {
            return switch (e.unit()) {
                case COUNT -> new FigureSpec.Column(e.numerator(), label(), FigureSpec.Kind.COUNT, null, null, null, false);
                case PERCENT -> new FigureSpec.Column("value", label(), FigureSpec.Kind.PERCENT, e.numerator(), e.denominator(), null, false);
                case MEAN -> new FigureSpec.Column("value", label(), FigureSpec.Kind.MEAN, null,
                        e.base() != null ? e.base() : e.denominator(), format(), false, e.gives());
            };
        }

        /** The query's row with the measure's value added ({@code value}: numerator / denominator for a mean). */
        Map<String, Object> withValue(Map<String, Object> row) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            if (e.unit() == Unit.MEAN) {
                Object n = row.get(e.numerator()), d = row.get(e.denominator());
                r.put("value", n == null || d == null || Cell.num(d) == 0 ? null : Cell.num(n) / Cell.num(d));
            }
            return r;
        }
    }

    /**
     * An additive structure of the published counts ({@code relations:} in the registry): {@code total} =
     * the sum of {@code parts} (a part starting with {@code -} is subtracted), or, with {@code across_sites},
     * a count measure whose all-sites value is the sum of the sites'. The disclosure control
     * ({@link Disclosure}) reads them. A reference is a figure's cell ({@code figure.column}: every row of
     * the figure; {@code figure[Row label].column}, {@code figure[last].column}: one row) or a measure
     * query's ({@code measure:query.column@period}).
     */
    public record Relation(String name, String table, String total, List<String> parts,
                           @JsonProperty("across_sites") String acrossSites) {}

    /** A measure query: {@code reports/sql/measures/<name>.sql} and the datasets it reads. */
    public record Query(String name, String sql, List<String> requires) {}

    /** One printed value: its text (suppressed), its number (null when not shown) and its RAG. */
    public record Value(String text, Double value, Targets.Rag rag) {}

    public static Metrics load(Path file, Path queryDir) {
        Object yaml;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        if (!(yaml instanceof Map<?, ?> top)) throw new IllegalStateException(file + ": expected a mapping with measures:");
        for (Object k : top.keySet()) if (!"measures".equals(k) && !"relations".equals(k)) throw new IllegalStateException(file + ": unknown key \"" + k + "\" (only measures: and relations:)");
        if (!(top.get("measures") instanceof Map<?, ?> ms)) throw new IllegalStateException(file + ": measures: is not a mapping of measure keys");
        List<Measure> out = new ArrayList<>();
        Map<String, Query> queries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> me : ms.entrySet()) {
            String key = String.valueOf(me.getKey());
            Entry e;
            try {
                e = mapper.convertValue(me.getValue(), Entry.class);
            } catch (IllegalArgumentException ex) {
                String where = ex.getCause() instanceof JsonMappingException jm ? path(jm) : "";
                String why = ex.getCause() instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                        ? "unknown key \"" + u.getPropertyName() + "\"" : String.valueOf(ex.getCause() == null ? ex.getMessage() : ex.getCause().getMessage()).split("\n")[0];
                throw new IllegalStateException(file + ": measure " + key + (where.isEmpty() ? "" : ", " + where) + ": " + why, ex);
            }
            if (e == null) throw new IllegalStateException(file + ": measure " + key + " is empty");
            check(file, key, e, queryDir, queries);
            out.add(new Measure(key, e));
        }
        List<Relation> relations = new ArrayList<>();
        if (top.get("relations") != null) {
            if (!(top.get("relations") instanceof Map<?, ?> rs)) throw new IllegalStateException(file + ": relations: is not a mapping of relation names");
            Path steering = queryDir.getParent() == null ? null : queryDir.getParent().resolve("steering");
            Map<String, FigureSpec> figures = steering != null && Files.isDirectory(steering) ? FigureSpec.loadAll(steering) : Map.of();
            for (Map.Entry<?, ?> re : rs.entrySet()) {
                String name = String.valueOf(re.getKey());
                Relation r;
                try {
                    Map<String, Object> raw = new LinkedHashMap<>();
                    if (re.getValue() instanceof Map<?, ?> m) for (Map.Entry<?, ?> x : m.entrySet()) raw.put(String.valueOf(x.getKey()), x.getValue());
                    raw.put("name", name);
                    r = mapper.convertValue(raw, Relation.class);
                } catch (IllegalArgumentException ex) {
                    String why = ex.getCause() instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                            ? "unknown key \"" + u.getPropertyName() + "\"" : String.valueOf(ex.getMessage()).split("\n")[0];
                    throw new IllegalStateException(file + ": relation " + name + ": " + why, ex);
                }
                checkRelation(file, r, out, queries, figures);
                relations.add(r);
            }
        }
        return new Metrics(file, List.copyOf(out), Map.copyOf(queries), List.copyOf(relations));
    }

    /** A reference of a relation, parsed: a figure's cell(s) or a measure query's cell. */
    public record Ref(int sign, boolean previous, String figure, String row, String query, String column, String period) {
        public boolean measure() { return query != null; }
    }

    private static final java.util.regex.Pattern MEASURE_REF = java.util.regex.Pattern.compile("measure:([a-z_0-9]+)\\.([a-z_0-9]+)@(.+)");
    private static final java.util.regex.Pattern FIGURE_REF = java.util.regex.Pattern.compile("([a-z_0-9]+)(?:\\[([^\\]]+)])?\\.([a-z_0-9]+)");

    /**
     * Parses a reference: {@code -} first to subtract; {@code previous:} for the previous month's pack;
     * {@code measure:q.col@period}; {@code figure.col}, {@code figure[Row label].col}, {@code figure[last].col},
     * {@code figure[*].col} (row by row: one relation per row label, matched with the other side's).
     */
    public static Ref ref(String text) {
        String t = text.trim();
        int sign = 1;
        if (t.startsWith("-")) {
            sign = -1;
            t = t.substring(1).trim();
        }
        boolean previous = t.startsWith("previous:");
        if (previous) t = t.substring("previous:".length());
        java.util.regex.Matcher m = MEASURE_REF.matcher(t);
        if (m.matches()) return new Ref(sign, previous, null, null, m.group(1), m.group(2), m.group(3));
        m = FIGURE_REF.matcher(t);
        if (m.matches()) return new Ref(sign, previous, m.group(1), m.group(2), null, m.group(3), null);
        throw new IllegalArgumentException("\"" + text + "\" is neither figure.column, figure[row].column nor measure:query.column@period");
    }

    private static void checkRelation(Path file, Relation r, List<Measure> measures, Map<String, Query> queries, Map<String, FigureSpec> figures) {
        String at = file + ": relation " + r.name() + ": ";
        if (r.acrossSites() != null) {
            Measure m = measures.stream().filter(x -> x.key().equals(r.acrossSites())).findFirst().orElse(null);
            if (m == null) throw new IllegalStateException(at + "across_sites: no measure " + r.acrossSites() + " in measures:");
            if (m.e().unit() != Unit.COUNT) throw new IllegalStateException(at + "across_sites: " + r.acrossSites() + " is a " + m.e().unit().name().toLowerCase() + ", not a count");
            if (r.total() != null || r.parts() != null) throw new IllegalStateException(at + "across_sites: takes no total: or parts:");
            return;
        }
        if (r.total() == null || r.parts() == null || r.parts().isEmpty()) throw new IllegalStateException(at + "needs total: and parts: (or across_sites:)");
        List<String> all = new ArrayList<>(r.parts());
        all.add(0, r.total());
        for (String s : all) {
            Ref ref;
            try {
                ref = ref(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(at + e.getMessage());
            }
            if (ref.measure()) {
                Query q = queries.get(ref.query());
                if (q == null) throw new IllegalStateException(at + s + ": no measure query " + ref.query() + " (one of " + String.join(", ", new java.util.TreeSet<>(queries.keySet())) + ")");
                if (!java.util.regex.Pattern.compile("\\bAS\\s+" + ref.column() + "\\b").matcher(q.sql()).find())
                    throw new IllegalStateException(at + s + ": the query " + ref.query() + " returns no column " + ref.column());
                if (!PERIODS.contains(ref.period())) throw new IllegalStateException(at + s + ": period " + ref.period() + " is not one of " + String.join(", ", PERIODS));
            } else {
                FigureSpec f = figures.get(ref.figure());
                if (f == null) throw new IllegalStateException(at + s + ": no figure " + ref.figure() + " in reports/sql/steering/");
                FigureSpec.Column c = f.columns().get(ref.column());
                if (c == null) throw new IllegalStateException(at + s + ": figure " + ref.figure() + " has no column " + ref.column());
                if (c.kind() != FigureSpec.Kind.COUNT) throw new IllegalStateException(at + s + ": " + ref.figure() + "." + ref.column() + " is not a count");
            }
        }
    }

    private static String path(JsonMappingException e) {
        List<String> p = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) if (r.getFieldName() != null) p.add(r.getFieldName());
        return String.join(".", p);
    }

    private static void check(Path file, String key, Entry e, Path queryDir, Map<String, Query> queries) {
        String at = file + ": measure " + key + ": ";
        for (String[] f : new String[][]{{"label", e.label()}, {"definition", e.definition()}, {"query", e.query()}, {"numerator", e.numerator()}}) {
            if (f[1] == null || f[1].isBlank()) throw new IllegalStateException(at + "no " + f[0] + ":");
        }
        if (e.unit() == null) throw new IllegalStateException(at + "no unit: (count, percent or mean)");
        if (e.suppression() == null) throw new IllegalStateException(at + "no suppression: (count or base)");
        if (e.unit() != Unit.COUNT && e.denominator() == null) throw new IllegalStateException(at + "a " + e.unit().name().toLowerCase() + " needs a denominator:");
        if (e.unit() == Unit.COUNT && e.suppression() != Suppression.COUNT) throw new IllegalStateException(at + "a count is suppressed as a count (suppression: count)");
        if (e.unit() != Unit.COUNT && e.suppression() != Suppression.BASE) throw new IllegalStateException(at + "a " + e.unit().name().toLowerCase() + " is suppressed on its base (suppression: base)");
        if (e.grain() == null || e.grain().isEmpty()) throw new IllegalStateException(at + "no grain: (periods: " + String.join(", ", PERIODS) + ")");
        for (String g : e.grain()) if (!PERIODS.contains(g)) throw new IllegalStateException(at + "grain " + g + " is not one of " + String.join(", ", PERIODS));
        if (e.cover() != null && !e.grain().contains(e.cover().period())) throw new IllegalStateException(at + "cover.period " + e.cover().period() + " is not in its grain " + e.grain());
        if (e.comparison() != null) {
            if (e.comparison().header() == null) throw new IllegalStateException(at + "comparison: has no header:");
            for (String p : e.comparison().periods() == null ? List.<String>of() : e.comparison().periods()) {
                if (!p.equals("month") && !p.equals("12 months")) throw new IllegalStateException(at + "comparison.periods: " + p + " (the comparison shows month and 12 months)");
                if (!e.grain().contains(p)) throw new IllegalStateException(at + "comparison period " + p + " is not in its grain " + e.grain());
            }
        }
        if (e.target() != null && !Targets.KEYS.contains(e.target())) throw new IllegalStateException(at + "target " + e.target() + " is not a target in jobs/targets.yml (" + String.join(", ", Targets.KEYS) + ")");
        if (!queries.containsKey(e.query())) {
            Path sql = queryDir.resolve(e.query() + ".sql");
            if (!Files.isRegularFile(sql)) throw new IllegalStateException(at + "query " + e.query() + ": no file " + sql);
            try {
                String text = Files.readString(sql, StandardCharsets.UTF_8);
                queries.put(e.query(), new Query(e.query(), text, requires(text)));
            } catch (IOException ex) {
                throw new IllegalStateException("cannot read " + sql + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** The datasets a SQL file reads, from its {@code -- requires: [a, b]} comment line. */
    static List<String> requires(String sql) {
        for (String line : sql.split("\\R")) {
            if (!line.startsWith("--")) break;
            String l = line.substring(2).trim();
            if (l.startsWith("requires:")) {
                String list = l.substring("requires:".length()).trim().replace("[", "").replace("]", "");
                List<String> out = new ArrayList<>();
                for (String s : list.split(",")) if (!s.isBlank()) out.add(s.trim());
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    public Measure measure(String key) {
        for (Measure m : measures) if (m.key().equals(key)) return m;
        return null;
    }

    /** The measures the site comparison shows, in order. */
    public List<Measure> comparison() {
        return measures.stream().filter(m -> m.comparison() != null).toList();
    }

    /** The measures the pack's cover shows, in order. */
    public List<Measure> cover() {
        return measures.stream().filter(m -> m.cover() != null).toList();
    }

    /** Every query's required datasets together (for "which datasets do the measures read?"). */
    public Set<String> datasets() {
        Set<String> s = new java.util.TreeSet<>();
        for (Query q : queries.values()) s.addAll(q.requires());
        return s;
    }

    /**
     * A measure's printed value for a site and period: "no data" when its query could not run for the
     * site; otherwise suppressed as the registry says, with RAG against the site's target.
     */
    public static Value value(Measure m, MeasureTable t, String siteId, String period, Targets targets) {
        return value(m, t, siteId, period, targets, Set.of());
    }

    /**
     * As above, with the disclosure plan's withheld measure cells ({@link Disclosure#measureKey}, for this
     * site): a withheld count prints {@link Cell#WITHHELD}, a percentage or mean of or over one is not shown.
     */
    public static Value value(Measure m, MeasureTable t, String siteId, String period, Targets targets, Set<String> withheld) {
        if (t.unavailable(m.query(), siteId) != null) return new Value(NO_DATA, null, Targets.Rag.NONE);
        if (withheld.contains(Disclosure.measureKey(m.query(), m.e().numerator(), period))) {
            return m.e().unit() == Unit.COUNT ? new Value(Cell.WITHHELD, null, Targets.Rag.NONE) : new Value(Cell.NOT_SHOWN, null, Targets.Rag.NONE);
        }
        if (m.e().unit() != Unit.COUNT && (withheld.contains(Disclosure.measureKey(m.query(), m.e().denominator(), period))
                || m.e().base() != null && withheld.contains(Disclosure.measureKey(m.query(), m.e().base(), period))
                || m.e().gives().stream().anyMatch(g -> withheld.contains(Disclosure.measureKey(m.query(), g, period))))) {
            return new Value(Cell.NOT_SHOWN, null, Targets.Rag.NONE);
        }
        Map<String, Object> row = m.withValue(t.row(m.query(), siteId, period));
        FigureSpec.Column c = m.column();
        if (m.e().unit() == Unit.COUNT && row.get(c.name()) == null) row.put(c.name(), 0L);
        Double v = Cell.value(c, row);
        String text = Cell.text(c, row);
        Targets.Rag rag = m.target() != null ? targets.range(m.target()).rag(v)
                : v == null && m.e().unit() != Unit.COUNT ? Targets.Rag.NONE : Targets.Rag.INFO;
        return new Value(text, v, rag);
    }
}
