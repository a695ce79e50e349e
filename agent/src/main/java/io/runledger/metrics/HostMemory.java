package io.runledger.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.runledger.collect.HostCollector;

import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Host memory gauges, read at scrape time from {@code /proc/meminfo} — the file OSHI's Linux memory
 * class reads, without OSHI's JNA (which JDK 24+ reports on the application's stderr). CPU and load
 * come from Micrometer's processor binder. Elsewhere than Linux no host memory gauges are registered.
 */
final class HostMemory {

    private HostMemory() {
    }

    static void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(Paths.get("/proc/meminfo"))) {
            return;
        }
        Gauge.builder("runledger.host.memory.total", () -> bytes("MemTotal")).baseUnit("bytes")
                .description("Physical memory of the host").register(registry);
        Gauge.builder("runledger.host.memory.available", () -> bytes("MemAvailable")).baseUnit("bytes")
                .description("Memory available to start new applications without swapping (MemAvailable)").register(registry);
    }

    /** NaN rather than 0 when the value cannot be read: a gap in the graph, not a false reading. */
    private static double bytes(String key) {
        long value = HostCollector.meminfoBytes(key);
        return value > 0 ? value : Double.NaN;
    }
}
