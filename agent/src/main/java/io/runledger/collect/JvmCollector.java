package io.runledger.collect;

import io.runledger.snapshot.JvmInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Java runtime: vendor and versions, garbage collectors, heap limits, processors it sees. */
public final class JvmCollector {

    private JvmCollector() {
    }

    public static JvmInfo collect() {
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new JvmInfo(
                System.getProperty("java.vendor"),
                System.getProperty("java.version"),
                System.getProperty("java.runtime.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                System.getProperty("java.home"),
                Collections.unmodifiableList(gcs),
                heap.getInit(),
                heap.getMax(),
                Runtime.getRuntime().availableProcessors());
    }
}
