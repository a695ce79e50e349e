package io.runledger.snapshot;

import java.util.List;

/** The Java runtime and its memory settings. */
public final class JvmInfo {

    public final String vendor;
    public final String version;
    public final String runtimeName;
    public final String runtimeVersion;
    public final String vmName;
    public final String vmVersion;
    public final String javaHome;
    public final List<String> garbageCollectors;
    public final long heapInitBytes;
    public final long heapMaxBytes;
    public final int availableProcessors;

    public JvmInfo(String vendor, String version, String runtimeName, String runtimeVersion, String vmName, String vmVersion, String javaHome, List<String> garbageCollectors, long heapInitBytes, long heapMaxBytes, int availableProcessors) {
        this.vendor = vendor;
        this.version = version;
        this.runtimeName = runtimeName;
        this.runtimeVersion = runtimeVersion;
        this.vmName = vmName;
        this.vmVersion = vmVersion;
        this.javaHome = javaHome;
        this.garbageCollectors = garbageCollectors;
        this.heapInitBytes = heapInitBytes;
        this.heapMaxBytes = heapMaxBytes;
        this.availableProcessors = availableProcessors;
    }
}
