package io.runledger.collect;

import io.runledger.snapshot.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OSHI is asked for graphics cards only where sysfs shows a display controller (or cannot tell). */
class HostCollectorTest {

    private static void device(Path devices, String name, String pciClass) throws Exception {
        Files.writeString(Files.createDirectories(devices.resolve(name)).resolve("class"), pciClass + "\n");
    }

    @Test
    void aDisplayControllerOrAnUnreadableListSendsTheQuestionToOshi(@TempDir Path dir) throws Exception {
        Path devices = Files.createDirectories(dir.resolve("devices"));
        assertFalse(HostCollector.noDisplayController(dir.resolve("absent")), "no list: OSHI looks");
        assertFalse(HostCollector.noDisplayController(devices), "an empty list says nothing");
        device(devices, "0000:00:01.0", "0x020000");   // network
        device(devices, "0000:00:02.0", "0x060000");   // bridge
        assertTrue(HostCollector.noDisplayController(devices));
        device(devices, "0000:01:00.0", "0x030200");   // 3D controller (a datacenter GPU)
        assertFalse(HostCollector.noDisplayController(devices));
    }

    @Test
    void theHostSectionIsCompleteWithoutOshiOnLinux() {
        HostInfo h = HostCollector.collect();
        assertNotNull(h.cpuModel);
        assertTrue(h.logicalCores > 0 && h.memoryBytes > 0, h.logicalCores + " " + h.memoryBytes);
        if (HostCollector.noPciDisplayController()) {
            assertEquals(0, h.gpus.size(), "no display controller, no card");
        }
    }
}
