package io.runledger.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Host memory gauges, read at scrape time from {@code /proc/meminfo} — the file OSHI's Linux memory
 * class reads, without OSHI's JNA (which JDK 24+ reports on the application's stderr). CPU and load
 * come from Micrometer's processor binder. Elsewhere than Linux no host memory gauges are registered.
 */
final class HostMemory {

    private static final Path MEMINFO = Paths.get("/proc/meminfo");

    private HostMemory() {
    }

    static void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(MEMINFO)) {
            return;
        }
        Gauge.builder("runledger.host.memory.total", () -> kilobytes("MemTotal:") * 1024.0).baseUnit("bytes")
                .description("Physical memory of the host").register(registry);
        Gauge.builder("runledger.host.memory.available", () -> kilobytes("MemAvailable:") * 1024.0).baseUnit("bytes")
                .description("Memory available to start new applications without swapping (MemAvailable)").register(registry);
    }

    /** The value of one /proc/meminfo line, in kB; NaN when absent or unreadable. */
    private static double kilobytes(String prefix) {
        try {
            List<String> lines = Files.readAllLines(MEMINFO, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return Long.parseLong(line.substring(prefix.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as NaN
        }
        return Double.NaN;
    }
}
