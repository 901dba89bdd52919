package org.sightline.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the operations files in {@code jobs/} (schedule, inboxes, expected submissions, delivery, holidays). */
final class OpsYaml {
    private OpsYaml() {}

    /** The file's top-level map; an empty map when the file does not exist. */
    static Map<String, Object> load(Path file) {
        if (!Files.exists(file)) return Map.of();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (o == null) return Map.of();
            if (!(o instanceof Map<?, ?> m)) throw new OpsConfigException(file, "expected a map of settings at the top level");
            return cast(m);
        } catch (IOException e) {
            throw new OpsConfigException(file, "cannot be read: " + e.getMessage());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new OpsConfigException(file, "is not valid YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
        return out;
    }

    static Map<String, Object> map(Path file, Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) return Map.of();
        if (!(o instanceof Map<?, ?> mm)) throw new OpsConfigException(file, "'" + key + "' must be a map");
        return cast(mm);
    }

    static String string(Map<String, Object> m, String key, String def) {
        Object o = m.get(key);
        return o == null ? def : String.valueOf(o);
    }

    static long number(Path file, Map<String, Object> m, String key, long def) {
        Object o = m.get(key);
        if (o == null) return def;
        if (o instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(o).strip());
        } catch (NumberFormatException e) {
            throw new OpsConfigException(file, "'" + key + "' must be a whole number, not '" + o + "'");
        }
    }

    static boolean bool(Map<String, Object> m, String key, boolean def) {
        Object o = m.get(key);
        if (o == null) return def;
        if (o instanceof Boolean b) return b;
        return Boolean.parseBoolean(String.valueOf(o));
    }

    static List<String> strings(Path file, Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) return List.of();
        if (o instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object x : l) out.add(String.valueOf(x));
            return out;
        }
        return List.of(String.valueOf(o));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Path file, Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) return List.of();
        if (!(o instanceof List<?> l)) throw new OpsConfigException(file, "'" + key + "' must be a list");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : l) {
            if (!(x instanceof Map<?, ?> mm)) throw new OpsConfigException(file, "each entry of '" + key + "' must be a map, not '" + x + "'");
            out.add(cast(mm));
        }
        return out;
    }

    /** A date as YAML gives it: a timestamp (unquoted 2026-01-01) or a string. */
    static LocalDate date(Path file, Object o) {
        if (o == null) return null;
        if (o instanceof Date d) return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        try {
            return LocalDate.parse(String.valueOf(o).strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new OpsConfigException(file, "'" + o + "' is not a date (yyyy-mm-dd)");
        }
    }

    /** A problem in one of the operations files, naming the file. */
    public static final class OpsConfigException extends RuntimeException {
        public OpsConfigException(Path file, String message) {
            super(file + ": " + message);
        }
    }
}
