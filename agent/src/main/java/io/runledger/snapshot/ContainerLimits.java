package io.runledger.snapshot;


/** Limits a cgroup puts on the process; null fields are unlimited or unknown. */
public final class ContainerLimits {

    public final int cgroupVersion;
    public final Double cpuQuotaCores;
    public final Long memoryLimitBytes;

    public ContainerLimits(int cgroupVersion, Double cpuQuotaCores, Long memoryLimitBytes) {
        this.cgroupVersion = cgroupVersion;
        this.cpuQuotaCores = cpuQuotaCores;
        this.memoryLimitBytes = memoryLimitBytes;
    }
}
