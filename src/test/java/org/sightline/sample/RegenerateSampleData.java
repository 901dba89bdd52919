package org.sightline.sample;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Regenerates the whole of {@code sample-data/} and the three oracles under {@code src/test/resources/}: the MST
 * sites and their fidelity exports ({@link SampleDataGenerator}), the Ofsted workbooks ({@link OfstedSampleGenerator})
 * and the looked-after-children files ({@link LacSampleGenerator}). A test-scope tool, run from the checkout:
 *
 * <pre>./mvnw -B -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.sightline.sample.RegenerateSampleData</pre>
 *
 * Optional argument: the checkout folder (default: the current folder).
 */
public final class RegenerateSampleData {
    private RegenerateSampleData() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String sample = root.resolve("sample-data").toString();
        Path resources = root.resolve("src/test/resources");
        SampleDataGenerator.main(new String[]{sample, resources.resolve("sample-expected.json").toString()});
        OfstedSampleGenerator.main(new String[]{sample, resources.resolve("sample-expected-ofsted.json").toString()});
        LacSampleGenerator.main(new String[]{sample, resources.resolve("sample-expected-lac.json").toString()});
    }
}
