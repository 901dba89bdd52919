package org.sightline.lake;

/**
 * Test-only fault injection at named points of an ingest, so that the fault-injection tests can stop
 * the process at an exact instant instead of hoping a random kill lands there. With
 * {@code -Dsightline.fault.halt-at=<point>} the JVM halts (as {@code kill -9} would: no shutdown hooks,
 * no finally blocks) with exit code {@link #EXIT} when it reaches that point; a point taking a count
 * ({@code publish-parts:3}) halts at its third occurrence. Unset (always, outside tests), it does nothing.
 */
public final class Faults {
    private Faults() {}

    /** The exit code of an injected halt, which the tests check to prove the halt happened. */
    public static final int EXIT = 86;

    /** Halts if the property names this point. */
    public static void point(String name) {
        String at = System.getProperty("sightline.fault.halt-at");
        if (at != null && at.equals(name)) halt(name);
    }

    /** Halts if the property names this point with this count ({@code name:n}). */
    public static void point(String name, long n) {
        String at = System.getProperty("sightline.fault.halt-at");
        if (at != null && at.equals(name + ":" + n)) halt(name + ":" + n);
    }

    /** Sleeps {@code -Dsightline.fault.<name>-delay-ms} milliseconds, so that a test can kill the process here. */
    public static void delay(String name) {
        long ms = Long.getLong("sightline.fault." + name + "-delay-ms", 0);
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void halt(String where) {
        System.err.println("sightline: injected halt at " + where);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT);
    }
}
