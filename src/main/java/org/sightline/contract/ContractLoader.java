package org.sightline.contract;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the dataset contracts (YAML) from {@code jobs/contracts}. */
public final class ContractLoader {

    private static final Pattern COMPARISON = Pattern.compile("^\\s*(\\w+)\\s*(>=|<=|!=|=|<|>)\\s*(.+?)\\s*$");
    private static final Pattern NULL_CHECK = Pattern.compile("^\\s*(\\w+)\\s+is\\s+(not\\s+)?null\\s*$", Pattern.CASE_INSENSITIVE);

    private final Path jobsDir;
    private final ValueParser parser;

    public ContractLoader(Path jobsDir, LocalDate today) {
        this.jobsDir = jobsDir;
        this.parser = new ValueParser(today);
    }

    /** All contracts, keyed by dataset name, in name order. */
    public Map<String, Contract> loadAll() {
        Map<String, Contract> out = new TreeMap<>();
        Path dir = jobsDir.resolve("contracts");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                Contract c = load(f);
                if (out.put(c.dataset(), c) != null) throw new ContractException(f, "dataset '" + c.dataset() + "' is declared twice");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read contracts in " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new IllegalStateException("no dataset contracts found in " + dir);
        applyLocalAliases(out);
        for (Contract c : out.values()) {
            for (String after : c.loadAfter()) {
                if (!out.containsKey(after)) throw new ContractException(c.file(), "load_after names an unknown dataset '" + after + "'");
            }
            loadRank(c, out, new java.util.ArrayList<>());
        }
        return out;
    }

    /** The local overlay of header spellings, relative to the jobs folder. */
    public static final String LOCAL_ALIASES = "local/aliases.yml";

    /**
     * Adds a data officer's own header spellings ({@code <jobs>/local/aliases.yml}: dataset -> column
     * -> extra headers) to the shipped contracts, so that no shipped contract need be edited. An
     * unknown dataset or column there is an error naming the file.
     */
    private void applyLocalAliases(Map<String, Contract> contracts) {
        Path f = jobsDir.resolve(LOCAL_ALIASES);
        if (!Files.isRegularFile(f)) return;
        Map<String, Object> y;
        try {
            if (Files.readString(f, StandardCharsets.UTF_8).lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) return;
        } catch (IOException e) {
            throw new ContractException(f, "cannot read: " + e.getMessage());
        }
        y = readYaml(f);
        for (Map.Entry<String, Object> d : y.entrySet()) {
            Contract c = contracts.get(d.getKey());
            if (c == null) throw new ContractException(f, "line " + lineOf(f, d.getKey()) + ": no dataset named '" + d.getKey() + "'; known: " + String.join(", ", contracts.keySet()));
            if (!(d.getValue() instanceof Map<?, ?>)) throw new ContractException(f, "line " + lineOf(f, d.getKey()) + ": " + d.getKey() + " must map columns to lists of headers");
            Map<String, Object> byColumn = asMap(d.getValue());
            List<ColumnSpec> columns = new ArrayList<>();
            for (ColumnSpec col : c.columns()) {
                Object extra = byColumn.get(col.name());
                if (extra == null) {
                    columns.add(col);
                    continue;
                }
                List<String> headers = new ArrayList<>(col.headers());
                if (extra instanceof List<?> l) for (Object h : l) headers.add(String.valueOf(h));
                else headers.add(String.valueOf(extra));
                columns.add(col.withHeaders(List.copyOf(headers)));
            }
            for (String name : byColumn.keySet()) {
                if (c.column(name) == null) {
                    List<String> names = new ArrayList<>();
                    for (ColumnSpec col : c.columns()) names.add(col.name());
                    throw new ContractException(f, "line " + lineOf(f, name) + ": " + d.getKey() + " has no column '" + name + "'; its columns: " + String.join(", ", names));
                }
            }
            Contract merged = c.withColumns(List.copyOf(columns));
            merged.checkHeaderAliases();   // a local header that another column already has is an error now, not at ingest
            contracts.put(c.dataset(), merged);
        }
    }

    /** The first line of a YAML file where {@code key:} appears (1-based), or "?" . */
    static String lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Pattern p = Pattern.compile("(^|[\\s{,\\-])['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int hash = l.indexOf(" #");
                if (p.matcher(hash < 0 ? l : l.substring(0, hash)).find()) return String.valueOf(i + 1);
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    private static final java.util.Set<String> CONTRACT_KEYS = java.util.Set.of("dataset", "title", "description", "grain", "hook", "load",
            "load_after", "natural_key", "partition_by", "source", "columns", "rules", "output");
    private static final java.util.Set<String> COLUMN_KEYS = java.util.Set.of("name", "type", "required", "headers", "codes", "codes_file",
            "privacy", "event", "store_as", "min", "max", "pattern", "item_pattern", "description");
    private static final java.util.Set<String> LOAD_KEYS = java.util.Set.of("mode", "scope");
    private static final java.util.Set<String> SOURCE_KEYS = java.util.Set.of("sheets", "max_reject_share", "max_file_mb", "max_rows", "max_cell_length");
    private static final java.util.Set<String> RULE_KEYS = java.util.Set.of("name", "check", "when", "message");
    private static final java.util.Set<String> OUTPUT_KEYS = java.util.Set.of("name", "type", "description");

    /** A key the contract format does not have is an error naming the file, the key and its line (a misspelt key would be ignored). */
    private static void checkKeys(Path file, Map<String, Object> m, java.util.Set<String> allowed, String where) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new ContractException(file, "line " + lineOf(file, k) + ": unknown key '" + k + "'" + where
                        + " (expected one of: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /**
     * How many layers of {@code load_after} a dataset sits on: 0 for none, else one more than the
     * deepest dataset it names. An ingest run loads lower ranks first. A cycle is a contract error.
     */
    public static int loadRank(Contract c, Map<String, Contract> all, List<String> path) {
        if (path.contains(c.dataset())) {
            path.add(c.dataset());
            throw new ContractException(c.file(), "load_after forms a cycle: " + String.join(" -> ", path));
        }
        path.add(c.dataset());
        int rank = 0;
        for (String after : c.loadAfter()) {
            Contract d = all.get(after);
            if (d != null) rank = Math.max(rank, 1 + loadRank(d, all, path));
        }
        path.remove(path.size() - 1);
        return rank;
    }

    public Contract load(Path file) {
        Map<String, Object> y = readYaml(file);
        checkKeys(file, y, CONTRACT_KEYS, "");
        checkKeys(file, map(y, "load"), LOAD_KEYS, " in load:");
        checkKeys(file, map(y, "source"), SOURCE_KEYS, " in source:");
        for (Object o : list(y, "columns")) if (o instanceof Map<?, ?>) checkKeys(file, asMap(o), COLUMN_KEYS, " in a column");
        for (Object o : list(y, "rules")) if (o instanceof Map<?, ?>) checkKeys(file, asMap(o), RULE_KEYS, " in a rule");
        for (Object o : list(y, "output")) if (o instanceof Map<?, ?>) checkKeys(file, asMap(o), OUTPUT_KEYS, " in output:");
        try {
            String dataset = str(y, "dataset", true);
            if (!dataset.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("dataset name must be snake_case: " + dataset);
            Map<String, Object> load = map(y, "load");
            Map<String, Object> source = map(y, "source");
            List<ColumnSpec> columns = new ArrayList<>();
            for (Object o : list(y, "columns")) columns.add(column(asMap(o)));
            if (columns.isEmpty()) throw new IllegalArgumentException("a contract needs columns");
            Map<String, ColumnSpec> byName = new LinkedHashMap<>();
            for (ColumnSpec c : columns) {
                if (byName.put(c.name(), c) != null) throw new IllegalArgumentException("column '" + c.name() + "' is declared twice");
            }
            List<RowRule> rules = new ArrayList<>();
            for (Object o : list(y, "rules")) {
                Map<String, Object> r = asMap(o);
                String check = str(r, "check", true);
                String when = str(r, "when", false);
                rules.add(new RowRule(
                        str(r, "name", false) != null ? str(r, "name", false) : check,
                        when == null ? null : condition(when, byName),
                        condition(check, byName),
                        str(r, "message", false) != null ? str(r, "message", false) : "fails the rule " + check));
            }
            List<Contract.OutputColumn> output = new ArrayList<>();
            for (Object o : list(y, "output")) {
                Map<String, Object> om = asMap(o);
                output.add(new Contract.OutputColumn(str(om, "name", true), ColumnType.of(str(om, "type", true)),
                        str(om, "description", false) == null ? "" : str(om, "description", false).strip()));
            }
            String hook = str(y, "hook", false);
            if (!output.isEmpty() && hook == null) throw new IllegalArgumentException("an 'output:' list needs a 'hook:' that builds the rows");
            List<String> naturalKey = strings(y, "natural_key");
            List<String> partitionBy = strings(y, "partition_by");
            List<String> scope = strings(load, "scope");
            Contract contract = new Contract(
                    dataset,
                    str(y, "title", false) != null ? str(y, "title", false) : dataset,
                    str(y, "description", false) != null ? str(y, "description", false).strip() : "",
                    str(y, "grain", false) != null ? str(y, "grain", false) : "",
                    Contract.LoadMode.valueOf(String.valueOf(load.getOrDefault("mode", "append")).toUpperCase()),
                    scope, naturalKey, partitionBy,
                    strings(source, "sheets"),
                    source.containsKey("max_reject_share") ? ((Number) source.get("max_reject_share")).doubleValue() : 0.5,
                    List.copyOf(columns), List.copyOf(rules), List.copyOf(output), hook,
                    new Contract.Limits(
                            source.containsKey("max_file_mb") ? ((Number) source.get("max_file_mb")).longValue() * 1024 * 1024 : null,
                            source.containsKey("max_rows") ? ((Number) source.get("max_rows")).longValue() : null,
                            source.containsKey("max_cell_length") ? ((Number) source.get("max_cell_length")).intValue() : null),
                    file, strings(y, "load_after"));
            Map<String, ColumnType> stored = contract.storedColumns();
            if (contract.loadMode() == Contract.LoadMode.REPLACE && !scope.isEmpty() && !scope.equals(partitionBy)) {
                throw new IllegalArgumentException("a replace dataset's scope must equal its partition_by (or be empty for the whole dataset)");
            }
            if (hook != null) checkHookClass(contract);
            for (List<String> names : List.of(naturalKey, partitionBy, scope)) {
                for (String n : names) {
                    if (!stored.containsKey(n)) throw new IllegalArgumentException("'" + n + "' is used as a key, partition or scope but is not a stored column");
                }
            }
            return contract;
        } catch (RuntimeException e) {
            if (e instanceof ContractException) throw e;
            throw new ContractException(file, e.getMessage());
        }
    }

    private ColumnSpec column(Map<String, Object> m) {
        String name = str(m, "name", true);
        ColumnType type = ColumnType.of(str(m, "type", false) == null ? "string" : str(m, "type", false));
        Map<String, List<String>> codes = new LinkedHashMap<>();
        Object inline = m.get("codes");
        if (inline != null) addCodes(codes, asMap(inline));
        String codesFile = str(m, "codes_file", false);
        if (codesFile != null) addCodes(codes, readYaml(jobsDir.resolve(codesFile)));
        Map<String, String> lookup = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : codes.entrySet()) {
            lookup.put(Names.key(e.getKey()), e.getKey());
            for (String alias : e.getValue()) {
                String prev = lookup.put(Names.key(alias), e.getKey());
                if (prev != null && !prev.equals(e.getKey())) {
                    throw new IllegalArgumentException("column " + name + ": alias '" + alias + "' maps to both " + prev + " and " + e.getKey());
                }
            }
        }
        if (type == ColumnType.CODE && codes.isEmpty()) throw new IllegalArgumentException("code column '" + name + "' lists no codes");
        Privacy privacy = Privacy.of(str(m, "privacy", false));
        String event = str(m, "event", false);
        if (privacy == Privacy.AGE_AT && event == null) throw new IllegalArgumentException("column " + name + ": age-at needs an event column");
        ColumnSpec probe = new ColumnSpec(name, type, false, List.of(), codes, lookup, Privacy.NONE, null, null, null, null, null, null, "");
        return new ColumnSpec(
                name, type,
                Boolean.TRUE.equals(m.get("required")),
                strings(m, "headers"),
                codes, lookup, privacy, event,
                str(m, "store_as", false),
                bound(probe, m.get("min")),
                bound(probe, m.get("max")),
                pattern(str(m, "pattern", false)),
                pattern(str(m, "item_pattern", false)),
                str(m, "description", false) == null ? "" : str(m, "description", false).strip());
    }

    private Comparable<?> bound(ColumnSpec probe, Object raw) {
        if (raw == null) return null;
        if (raw instanceof java.util.Date d) raw = new java.sql.Date(d.getTime()).toLocalDate().toString();
        String text = String.valueOf(raw);
        if (probe.type() == ColumnType.DATE && text.trim().equalsIgnoreCase("today")) return parser.today();
        try {
            return (Comparable<?>) parser.parse(probe, text);
        } catch (ValueParser.Failure e) {
            throw new IllegalArgumentException("column " + probe.name() + ": bound '" + text + "': " + e.getMessage());
        }
    }

    private RowRule.Condition condition(String text, Map<String, ColumnSpec> columns) {
        Matcher n = NULL_CHECK.matcher(text);
        if (n.matches()) {
            requireColumn(n.group(1), columns, text);
            return new RowRule.Condition(n.group(1), n.group(2) == null ? RowRule.Op.IS_NULL : RowRule.Op.NOT_NULL, null, null);
        }
        Matcher c = COMPARISON.matcher(text);
        if (!c.matches()) throw new IllegalArgumentException("cannot read the rule '" + text + "'");
        ColumnSpec left = requireColumn(c.group(1), columns, text);
        RowRule.Op op = switch (c.group(2)) {
            case "=" -> RowRule.Op.EQ;
            case "!=" -> RowRule.Op.NE;
            case "<" -> RowRule.Op.LT;
            case "<=" -> RowRule.Op.LE;
            case ">" -> RowRule.Op.GT;
            default -> RowRule.Op.GE;
        };
        String right = c.group(3);
        if (columns.containsKey(right)) return new RowRule.Condition(left.name(), op, right, null);
        String literal = right.replaceAll("^['\"]|['\"]$", "");
        try {
            return new RowRule.Condition(left.name(), op, null, parser.parse(left, literal));
        } catch (ValueParser.Failure e) {
            throw new IllegalArgumentException("rule '" + text + "': " + e.getMessage());
        }
    }

    private static ColumnSpec requireColumn(String name, Map<String, ColumnSpec> columns, String rule) {
        ColumnSpec c = columns.get(name);
        if (c == null) throw new IllegalArgumentException("rule '" + rule + "' names an unknown column '" + name + "'");
        return c;
    }

    private static void addCodes(Map<String, List<String>> codes, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            List<String> aliases = new ArrayList<>();
            if (e.getValue() instanceof List<?> l) for (Object a : l) aliases.add(String.valueOf(a));
            else if (e.getValue() != null) aliases.add(String.valueOf(e.getValue()));
            codes.put(String.valueOf(e.getKey()), aliases);
        }
    }

    private static Pattern pattern(String p) {
        return p == null ? null : Pattern.compile(p);
    }

    public static Map<String, Object> readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object o = new Yaml(new SafeConstructor(options)).load(r);
            if (!(o instanceof Map)) throw new ContractException(file, "expected a YAML mapping");
            return asMap(o);
        } catch (IOException e) {
            throw new ContractException(file, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof ContractException) throw e;
            throw new ContractException(file, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (o == null) return Map.of();
        if (!(o instanceof Map)) throw new IllegalArgumentException("expected a mapping but found: " + o);
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) o).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return asMap(m.get(key));
    }

    private static List<?> list(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) return List.of();
        if (!(o instanceof List<?> l)) throw new IllegalArgumentException("'" + key + "' must be a list");
        return l;
    }

    private static List<String> strings(Map<String, Object> m, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key)) out.add(String.valueOf(o));
        return List.copyOf(out);
    }

    private static String str(Map<String, Object> m, String key, boolean required) {
        Object o = m.get(key);
        if (o == null) {
            if (required) throw new IllegalArgumentException("'" + key + "' is required");
            return null;
        }
        return String.valueOf(o);
    }

    /** A contract that cannot be used, naming its file. */
    public static final class ContractException extends RuntimeException {
        public ContractException(Path file, String message) {
            super("contract " + file + ": " + message);
        }
    }

    /**
     * A hook named in a contract must be a class that can be created (a misspelt name is an error at load);
     * that it is a hook of the right kind is checked by ingest when it creates it.
     */
    private static void checkHookClass(Contract contract) {
        String name = contract.hookClassName();
        try {
            Class.forName(name).getDeclaredConstructor();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("hook class " + name + " cannot be created: " + e, e);
        }
    }
}
