package cn.partybuilding.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from /proc (Linux). */
final class Memory {
    private Memory() {
    }

    /** Current RSS in MiB, or -1. */
    static long rssMiB(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Peak RSS (high-water mark) in MiB, or -1. */
    static long peakRssMiB(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
