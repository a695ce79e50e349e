package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own libraries are invisible to the application and never clash with its own. */
class IsolationIT {

    @Test
    void applicationWithoutJacksonCannotSeeTheAgentsLibraries(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app("io.runledger.apps.plain.IsolationProbe").in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("com.fasterxml.jackson.databind.ObjectMapper absent"), r.stdout);
        // issue 14: not as resources either, nor as entries a class-path scanner lists
        assertTrue(r.stdout.contains("resource io/runledger/agent/Agent.class absent"), r.stdout);
        assertTrue(r.stdout.contains("scan of runledger-agent.jar: ") && r.stdout.contains("none beyond the API"), r.stdout);
        assertFalse(r.stdout.contains("visible"), "an agent class or library leaked to the application:\n" + r.stdout);
        // ... while the agent did use them to write its snapshot
        assertTrue(Ledgers.onlySnapshot(dir.resolve("ledger")).path("host").path("cpuModel").isTextual());
    }

    @Test
    void applicationBundlingAnOlderJacksonGetsItsOwn(@TempDir Path dir) throws Exception {
        Path appDir = Path.of(System.getProperty("runledger.jackson.dir", AgentProcess.ROOT + "/test-apps/jackson-conflict-app/target"));
        String classPath = appDir.resolve("jackson-conflict-app-0.1.0-SNAPSHOT.jar") + ":" + Files.readString(appDir.resolve("classpath.txt")).trim();
        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        AgentProcess.Result plain = app("io.runledger.apps.jackson.JacksonVersionApp").classPath(classPath).in(plainDir).withoutAgent().run();
        AgentProcess.Result r = app("io.runledger.apps.jackson.JacksonVersionApp").classPath(classPath).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("jackson 2.12.7"), r.stdout);
        assertTrue(r.stdout.contains("jackson-databind-2.12.7.jar"), r.stdout);
        assertEquals(plain.stdout, r.stdout);
        // The agent serialized its snapshot with its own Jackson (2.23) in the same JVM.
        assertEquals("SUCCEEDED", Ledgers.onlySnapshot(dir.resolve("ledger")).path("run").path("status").asText());
    }

    /** Issue 14: the application cannot reach the live recorder nor make a run that exits 0 say it failed. */
    @Test
    void theApplicationCannotReachTheRecorderNorForgeItsExit(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app("io.runledger.apps.plain.RecorderReach").in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("called RunLedger.onExit(3)") && r.stdout.contains("done"), r.stdout);
        assertFalse(r.stdout.contains("IsolatedClassLoader\n") || r.stdout.matches("(?s).*= io\\.runledger\\..*"),
                "a launcher class holds agent state:\n" + r.stdout);
        assertFalse(r.stdout.contains("my hook saw"), "the application's hooks replaced the agent's:\n" + r.stdout);
        JsonNode run = Ledgers.onlySnapshot(dir.resolve("ledger")).path("run");
        assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
        assertEquals(0, run.path("exitCode").asInt(-1), run.toString());
    }
}
