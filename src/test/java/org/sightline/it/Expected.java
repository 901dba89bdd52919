package org.sightline.it;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The generator's ground truth for sample-data/ (src/test/resources/sample-expected.json). */
public final class Expected {
    private Expected() {}

    public static JsonNode load() throws IOException {
        try (InputStream in = Expected.class.getResourceAsStream("/sample-expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
