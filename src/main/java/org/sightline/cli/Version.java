package org.sightline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code application.properties} (Maven resource filtering of {@code @project.version@}). */
public final class Version implements IVersionProvider {

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/application.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // fall through: unknown
        }
        String v = p.getProperty("sightline.version", "");
        return v.isEmpty() || v.startsWith("@") ? "unknown (not built by Maven)" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Sightline " + version(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
