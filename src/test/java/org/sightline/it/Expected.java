package org.sightline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generators' ground truth for sample-data/: {@code src/test/resources/sample-expected.json}
 * (MST referral logs, sites, LAs) merged with every other {@code sample-expected-*.json} (one per
 * further sample generator), whose "datasets" entries are added to the main file's.
 */
public final class Expected {
    private Expected() {}

    public static JsonNode load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path dir = Path.of("src", "test", "resources");
        ObjectNode main = (ObjectNode) json.readTree(dir.resolve("sample-expected.json").toFile());
        ObjectNode datasets = (ObjectNode) main.get("datasets");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("sample-expected-.+\\.json")).sorted().toList()) {
                JsonNode more = json.readTree(p.toFile()).get("datasets");
                if (more != null) more.fields().forEachRemaining(e -> datasets.set(e.getKey(), e.getValue()));
            }
        }
        return main;
    }
}
