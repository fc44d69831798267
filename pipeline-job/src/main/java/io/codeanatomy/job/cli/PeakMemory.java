package io.codeanatomy.job.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Peak resident memory of this process (Linux VmHWM), for summaries and benchmarks. */
public final class PeakMemory {
    private PeakMemory() {
    }

    public static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // not available on this platform
        }
        return OptionalLong.empty();
    }
}
