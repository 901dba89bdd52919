package org.sightline.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The generators' oracles ({@code src/test/resources/sample-expected*.json}) as JSON text, written by Jackson:
 * two-space indents, {@code "key": value}, one array element per line, {@code {}} and {@code []} when empty, LF
 * line ends and a final newline, so the files diff well and do not depend on the platform.
 */
final class Json {
    private Json() {}

    static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** A tree of maps (in insertion order), lists, strings, numbers, booleans and nulls as pretty JSON text. */
    static String write(Object root) {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the oracle is not JSON-serialisable: " + e.getMessage(), e);
        }
    }
}
