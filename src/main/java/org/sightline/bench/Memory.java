package org.sightline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak heap and peak resident memory of this process, printed at exit for the benchmark. */
public final class Memory {
    private Memory() {}

    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** VmHWM from /proc/self/status, in bytes; -1 where there is no /proc. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }

    public static void printAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("sightline-memory peak-heap=" + peakHeapBytes() + " peak-rss=" + peakRssBytes())));
    }
}
