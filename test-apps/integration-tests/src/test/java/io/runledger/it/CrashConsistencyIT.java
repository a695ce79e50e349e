package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's fault injection: 100 JVMs finishing into one ledger, each SIGKILLed at a random instant
 * around its end (before, during or after the final flush), two at a time. Whatever state each kill
 * leaves, the next writer recovers it: verify passes and no finished snapshot stays unchained.
 */
class CrashConsistencyIT {

    @Test
    void killsAtRandomInstantsOfTheFinalFlushLeaveARecoverableLedger(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Random random = new Random(15);
        int kills = 0;
        for (int round = 0; round < 50; round++) {
            List<Process> pair = new ArrayList<>();
            List<Long> killAt = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                Path out = Files.createDirectories(dir.resolve("p" + round + "-" + j));
                pair.add(app("io.runledger.apps.plain.ExitApp", "normal").in(out)
                        .agentArgs("capture=always,checkpoint.interval=0,dir=" + ledger).start());
                killAt.add(System.nanoTime() + (200 + random.nextInt(700)) * 1_000_000L);
            }
            for (int j = 0; j < 2; j++) {
                long wait = killAt.get(j) - System.nanoTime();
                if (wait > 0) {
                    pair.get(j).waitFor(wait, TimeUnit.NANOSECONDS);
                }
                pair.get(j).destroyForcibly();   // SIGKILL, or nothing if it already ended
                kills++;
            }
            for (Process p : pair) {
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(100, kills);
        AgentProcess.Result recover = AgentProcess.cli(dir, "recover", "--dir", ledger.toString());
        assertEquals(0, recover.exitCode, recover.toString());
        AgentProcess.Result verify = AgentProcess.cli(dir, "verify", "--dir", ledger.toString(), "--json");
        JsonNode v = Ledgers.JSON.readTree(verify.stdout);
        assertTrue(v.path("ok").asBoolean(), verify.stdout);
        int finished = 0;
        for (Path snapshot : Ledgers.snapshotFiles(ledger)) {
            String status = Ledgers.JSON.readTree(snapshot.toFile()).path("run").path("status").asText();
            assertTrue(!status.equals("RUNNING"), "a run nobody holds is marked by the writer: " + snapshot);
            finished++;
        }
        assertEquals(finished, v.path("ledgerLines").asInt(), "every snapshot is chained exactly once");
        System.out.println("crash consistency: 100 kills, " + finished + " runs recorded, "
                + Files.list(ledger).filter(p -> p.getFileName().toString().startsWith("ledger.torn-")).count() + " torn lines set aside");
    }
}
