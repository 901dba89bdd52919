package org.sightline.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds the configuration files in {@code jobs/} (schedule, inboxes, expected submissions, delivery,
 * holidays, code lists) to typed records with Jackson: an unknown key, a wrong type or a date that is
 * not a date is an error naming the file, the line and the key. Keys are snake_case
 * ({@code retry_delay_seconds} binds {@code retryDelaySeconds}); a single value is taken where a list
 * is expected.
 */
public final class OpsYaml {
    private OpsYaml() {}

    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("sightline-dates").addDeserializer(LocalDate.class, new DateDeserializer()))
            .build();

    /** The file bound to {@code type}; null when the file does not exist or holds nothing. */
    public static <T> T read(Path file, Class<T> type) {
        return read(file, YAML.getTypeFactory().constructType(type));
    }

    /** The file bound to a generic type (a map of lists ...); null when the file does not exist or holds nothing. */
    public static <T> T read(Path file, JavaType type) {
        if (!Files.exists(file)) return null;
        try {
            String text = Files.readString(file);
            if (text.isBlank()) return null;
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw explain(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot be read (" + e.getMessage() + "); check the file's permissions");
        }
    }

    static JavaType mapOf(Class<?> value) {
        return YAML.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class, value);
    }

    static JavaType mapOfLists() {
        var tf = YAML.getTypeFactory();
        return tf.constructMapType(java.util.LinkedHashMap.class, tf.constructType(String.class),
                tf.constructCollectionType(List.class, String.class));
    }

    /** A Jackson error as one line naming the line and the key, and what to do. */
    static ConfigException explain(Path file, JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        String where = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            Collection<Object> ids = u.getKnownPropertyIds();
            if (ids != null) for (Object o : ids) known.add(String.valueOf(o));
            java.util.Collections.sort(known);
            message = "unknown key '" + where + "'" + (known.isEmpty() ? "" : "; the keys allowed there are " + String.join(", ", known))
                    + ": correct the spelling or remove it";
        } else if (e instanceof InvalidFormatException f) {
            message = "'" + f.getValue() + "' for '" + where + "' is not " + describe(f.getTargetType()) + ": correct the value";
        } else if (e instanceof MismatchedInputException m) {
            String original = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            if (original.startsWith("Date ")) {
                message = "'" + where + "': " + original + ": correct the value";
            } else {
                message = "'" + (where.isEmpty() ? "(top level)" : where) + "' must be " + describe(m.getTargetType()) + ": correct the value";
            }
        } else if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            message = "'" + where + "': " + iae.getMessage() + ": correct the value";
        } else {
            String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
            message = "is not valid YAML (" + original + "): check the indentation and quoting";
        }
        return line > 0 ? new ConfigException(file, line, message) : new ConfigException(file, message);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex() + 1).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> t) {
        if (t == null) return "a value of another kind";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "a whole number";
        if (t == Double.class || t == double.class) return "a number";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == LocalDate.class) return "a date (YYYY-MM-DD)";
        if (t == String.class) return "a single value (text)";
        if (Collection.class.isAssignableFrom(t)) return "a list";
        if (Map.class.isAssignableFrom(t) || t.isRecord()) return "a map of settings (key: value)";
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : t.getEnumConstants()) names.add(((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT));
            return "one of " + String.join(", ", names);
        }
        return "a " + t.getSimpleName();
    }

    /** Dates as YYYY-MM-DD (YAML's unquoted 2026-01-01 arrives as text). */
    private static final class DateDeserializer extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) return (LocalDate) ctx.handleUnexpectedToken(LocalDate.class, p);
            String s = p.getText().strip();
            try {
                return LocalDate.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not a date", s, LocalDate.class);
            }
        }
    }
}
