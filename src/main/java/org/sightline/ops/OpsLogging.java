package org.sightline.ops;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Sends log lines to {@code <home>/logs/sightline.log}, as the batch commands' Spring context does,
 * for the commands that log outside one ({@code serve}, {@code run-nightly}, {@code deliver}).
 * Console output stays the commands' own printed lines.
 */
public final class OpsLogging {
    private OpsLogging() {}

    /** Whether log lines already go to a file (a Spring context or {@link #init} set it up). */
    public static boolean fileLoggingActive() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext lc) {
            var it = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            while (it.hasNext()) if (it.next() instanceof ch.qos.logback.core.FileAppender<?>) return true;
        }
        return false;
    }

    public static void init(Path home) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("sightline-logging", Map.of(
                "logging.file.name", home.resolve("logs").resolve("sightline.log").toString(),
                "logging.threshold.console", "OFF",
                // the batch commands' pattern (application.properties), which keeps one event on one line
                "logging.pattern.file", filePattern())));
        LoggingSystem system = LoggingSystem.get(OpsLogging.class.getClassLoader());
        system.beforeInitialize();
        system.initialize(new LoggingInitializationContext(env), null, LogFile.get(env));
        system.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        system.setLogLevel("org.sightline", LogLevel.INFO);
    }

    private static String filePattern() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = OpsLogging.class.getResourceAsStream("/application.properties")) {
            if (in != null) p.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("application.properties cannot be read: " + e.getMessage(), e);
        }
        String pattern = p.getProperty("logging.pattern.file");
        if (pattern == null) throw new IllegalStateException("application.properties has no logging.pattern.file");
        return pattern;
    }
}
