package io.runledger.collect;

import io.runledger.ledger.Hostname;
import io.runledger.snapshot.ContainerLimits;
import io.runledger.snapshot.Gpu;
import io.runledger.snapshot.HostInfo;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.util.GlobalConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The machine through OSHI (CPU, memory, OS, kernel, GPUs) and the cgroup limits of a container. */
public final class HostCollector {

    private static final Path CGROUP = Paths.get("/sys/fs/cgroup");

    private HostCollector() {
    }

    public static HostInfo collect() {
        // OSHI's Linux CPU, memory and OS classes (and udev) load JNA's native library, which JDK 24+ reports
        // with a warning on the application's stderr. On Linux, /proc and os-release give the same facts
        // without native code; OSHI is kept for graphics cards there, and for everything elsewhere.
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        SystemInfo si = linux ? null : new SystemInfo();
        // OSHI finds graphics cards by running lspci/lshw: where a child process would change the JVM, unknown (null)
        List<Gpu> gpus = ChildProcesses.wouldChangeTheHost() ? null : new ArrayList<>();
        if (gpus != null && !(linux && noPciDisplayController())) {
            try {
                if (linux) {
                    GlobalConfig.set(GlobalConfig.OSHI_OS_LINUX_ALLOWUDEV, false);
                }
                for (GraphicsCard card : (si != null ? si : new SystemInfo()).getHardware().getGraphicsCards()) {
                    gpus.add(new Gpu(card.getName(), card.getVendor(), card.getVRam() > 0 ? card.getVRam() : null));
                }
            } catch (RuntimeException | LinkageError e) {
                // some platforms cannot enumerate graphics cards; the rest still counts
            }
        }
        String os;
        String osVersion;
        String kernel = System.getProperty("os.version");
        if (linux) {
            Map<String, String> release = osRelease();
            os = release.getOrDefault("NAME", "Linux") + (release.containsKey("VERSION_ID") ? " " + release.get("VERSION_ID") : "");
            osVersion = release.getOrDefault("PRETTY_NAME", os);
        } else {
            OperatingSystem system = si.getOperatingSystem();
            os = system.getFamily() + " " + system.getVersionInfo().getVersion();
            osVersion = system.getVersionInfo().toString();
            if (system.getVersionInfo().getBuildNumber() != null) {
                kernel = system.getVersionInfo().getBuildNumber();
            }
        }
        String cpuModel;
        int physical;
        int logical;
        long memory;
        if (linux) {
            ProcCpu procCpu = ProcCpu.read();
            cpuModel = procCpu.model;
            physical = procCpu.physicalCores;
            logical = procCpu.logicalCores;
            memory = memTotal();
        } else {
            HardwareAbstractionLayer hw = si.getHardware();
            CentralProcessor cpu = hw.getProcessor();
            cpuModel = cpu.getProcessorIdentifier().getName().trim();
            physical = cpu.getPhysicalProcessorCount();
            logical = cpu.getLogicalProcessorCount();
            memory = hw.getMemory().getTotal();
        }
        return new HostInfo(
                Hostname.get(),
                cpuModel,
                physical,
                logical,
                memory,
                os,
                osVersion,
                kernel,
                System.getProperty("os.arch"),
                gpus == null ? null : Collections.unmodifiableList(gpus),
                containerLimits());
    }

    /**
     * True when sysfs lists the PCI devices and none is a display controller (class 0x03…): lspci, which
     * OSHI would run, reads the same list, so there is no card to find and OSHI (about 90 ms and its native
     * library on a cold JVM) is not loaded. False when the list cannot be read: then OSHI looks.
     */
    static boolean noPciDisplayController() {
        return noDisplayController(Paths.get("/sys/bus/pci/devices"));
    }

    static boolean noDisplayController(Path devices) {
        if (!Files.isDirectory(devices)) {
            return false;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(devices)) {
            boolean any = false;
            for (Path device : all) {
                String pciClass = read(device.resolve("class")).trim();
                if (pciClass.isEmpty()) {
                    return false;   // unreadable: let OSHI judge
                }
                if (pciClass.startsWith("0x03")) {
                    return false;
                }
                any = true;
            }
            return any;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** CPU facts from {@code /proc/cpuinfo}. */
    static final class ProcCpu {
        final String model;
        final int logicalCores;
        final int physicalCores;

        private ProcCpu(String model, int logicalCores, int physicalCores) {
            this.model = model;
            this.logicalCores = logicalCores;
            this.physicalCores = physicalCores;
        }

        static ProcCpu read() {
            String model = null;
            int logical = 0;
            java.util.Set<String> cores = new java.util.HashSet<>();
            String physicalId = "0";
            for (String line : HostCollector.read(Paths.get("/proc/cpuinfo")).split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("processor")) {
                    logical++;
                } else if (model == null && (key.equals("model name") || key.equals("Hardware") || key.equals("cpu model"))) {
                    model = value;
                } else if (key.equals("physical id")) {
                    physicalId = value;
                } else if (key.equals("core id")) {
                    cores.add(physicalId + ":" + value);
                }
            }
            int available = Runtime.getRuntime().availableProcessors();
            logical = logical > 0 ? logical : available;
            return new ProcCpu(model == null ? System.getProperty("os.arch") : model, logical, cores.isEmpty() ? logical : cores.size());
        }
    }

    /** {@code MemTotal} from {@code /proc/meminfo}, in bytes (0 when unreadable). */
    static long memTotal() {
        return meminfoBytes("MemTotal");
    }

    /** One {@code /proc/meminfo} value ({@code MemTotal}, {@code MemAvailable}, ...) in bytes; 0 when absent or unreadable. */
    public static long meminfoBytes(String key) {
        String prefix = key + ":";
        for (String line : read(Paths.get("/proc/meminfo")).split("\n")) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024L;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** {@code /etc/os-release} as a map (quotes removed). */
    static Map<String, String> osRelease() {
        Map<String, String> out = new HashMap<>();
        for (String line : read(Paths.get("/etc/os-release")).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
            }
        }
        return out;
    }

    /** cgroup v2 ({@code cpu.max}, {@code memory.max}) or v1 (CFS quota, memory limit); null outside Linux. */
    static ContainerLimits containerLimits() {
        if (Files.isRegularFile(CGROUP.resolve("cgroup.controllers"))) {
            Double cpu = null;
            String[] max = read(CGROUP.resolve("cpu.max")).split(" ");
            if (max.length == 2 && !max[0].equals("max") && !max[0].isEmpty()) {
                cpu = Double.parseDouble(max[0]) / Double.parseDouble(max[1]);
            }
            return new ContainerLimits(2, cpu, limit(read(CGROUP.resolve("memory.max"))));
        }
        if (Files.isDirectory(CGROUP.resolve("cpu")) || Files.isDirectory(CGROUP.resolve("memory"))) {
            Double cpu = null;
            String quota = read(CGROUP.resolve("cpu/cpu.cfs_quota_us"));
            String period = read(CGROUP.resolve("cpu/cpu.cfs_period_us"));
            if (!quota.isEmpty() && !quota.startsWith("-") && !period.isEmpty()) {
                cpu = Double.parseDouble(quota) / Double.parseDouble(period);
            }
            Long memory = limit(read(CGROUP.resolve("memory/memory.limit_in_bytes")));
            // v1 reports "no limit" as a huge page-aligned number
            return new ContainerLimits(1, cpu, memory != null && memory > (1L << 60) ? null : memory);
        }
        return null;
    }

    private static Long limit(String text) {
        if (text.isEmpty() || text.equals("max")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
