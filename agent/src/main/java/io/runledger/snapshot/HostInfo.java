package io.runledger.snapshot;

import java.util.List;

/** The machine, read through OSHI, with container limits from cgroups. */
public final class HostInfo {

    public final String hostname;
    public final String cpuModel;
    public final int physicalCores;
    public final int logicalCores;
    public final long memoryBytes;
    public final String os;
    public final String osVersion;
    public final String kernel;
    public final String arch;
    public final List<Gpu> gpus;
    public final ContainerLimits container;

    public HostInfo(String hostname, String cpuModel, int physicalCores, int logicalCores, long memoryBytes, String os, String osVersion, String kernel, String arch, List<Gpu> gpus, ContainerLimits container) {
        this.hostname = hostname;
        this.cpuModel = cpuModel;
        this.physicalCores = physicalCores;
        this.logicalCores = logicalCores;
        this.memoryBytes = memoryBytes;
        this.os = os;
        this.osVersion = osVersion;
        this.kernel = kernel;
        this.arch = arch;
        this.gpus = gpus;
        this.container = container;
    }
}
