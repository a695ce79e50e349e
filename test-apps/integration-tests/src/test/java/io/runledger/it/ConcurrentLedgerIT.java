package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many JVMs finishing into one ledger directory at once lose nothing and keep the chain intact. */
class ConcurrentLedgerIT {

    @Test
    void sixteenJvmsFinishingAtOnce(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        int n = 16;
        List<Process> processes = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        // All sleep until the same wall-clock moment, so their shutdown hooks race for the ledger.
        for (int i = 0; i < n; i++) {
            Path d = Files.createDirectory(dir.resolve("jvm" + i));
            dirs.add(d);
            processes.add(app("io.runledger.apps.plain.ExitApp", "sleep", "4000").in(d)
                    .jvmArg("-Xshare:auto").jvmArg("-XX:TieredStopAtLevel=1")
                    .agentArgs("capture=always,run.name=jvm" + i + ",dir=" + ledger).start());
        }
        for (int i = 0; i < n; i++) {
            AgentProcess.Result r = AgentProcess.finish(processes.get(i), dirs.get(i));
            assertEquals(0, r.exitCode, r.toString());
        }
        List<Path> snapshots = Ledgers.snapshotFiles(ledger);
        assertEquals(n, snapshots.size());
        Set<String> names = new HashSet<>();
        for (Path p : snapshots) {
            JsonNode s = Ledgers.JSON.readTree(p.toFile());
            Ledgers.assertValid(s);
            assertEquals("SUCCEEDED", s.path("run").path("status").asText());
            names.add(s.path("run").path("name").asText());
        }
        assertEquals(n, names.size(), "every JVM left its own snapshot");
        List<String> lines = Ledgers.ledgerLines(ledger);
        assertEquals(n, lines.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, Ledgers.JSON.readTree(lines.get(i)).path("seq").asInt());
        }
        AgentProcess.Result verify = AgentProcess.cli(dir, "verify", "--dir", ledger.toString());
        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.stdout.contains("OK: 16 ledger line(s), 16 snapshot(s)"), verify.stdout);
    }
}
