package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every way a JVM can end leaves a snapshot with the right status, exit data and environment. */
class ExitPathsIT {

    private static final String EXIT_APP = "io.runledger.apps.plain.ExitApp";

    static Stream<Path> jvms() {
        return Stream.of(Path.of(System.getProperty("java.home")), AgentProcess.JAVA_25);
    }

    private static AgentProcess exitApp(Path javaHome, Path dir, String... args) {
        assumeTrue(Files.isDirectory(javaHome), "JVM not installed: " + javaHome);
        return app(EXIT_APP, args).javaHome(javaHome).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger"));
    }

    @ParameterizedTest(name = "normal exit on {0}")
    @MethodSource("jvms")
    void normalExitRecordsSuccessAndTheWholeEnvironment(Path javaHome, @TempDir Path dir) throws Exception {
        AgentProcess.Result plain = exitApp(javaHome, Files.createDirectory(dir.resolve("plain")), "normal").withoutAgent().run();
        AgentProcess.Result r = exitApp(javaHome, dir, "normal")
                .env("SERVICE_API_TOKEN", "tok-3f9a8b7c6d5e4f3a2b1c")
                .env("KEYBOARD_LAYOUT", "de-nodeadkeys")
                .jvmArg("-Ddb.password=hunter2")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(plain.stdout, r.stdout, "the agent must not change what the application prints");
        assertFalse(r.stderr.contains("Sharing is only supported"), "no JVM warning caused by the agent: " + r.stderr);
        assertFalse(r.stderr.contains("restricted method"), "no native-access warning (JDK 24+) caused by the agent: " + r.stderr);
        assertEquals(plain.stderr, r.stderr, "nothing on stderr either");

        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode run = s.path("run");
        assertEquals("SUCCEEDED", run.path("status").asText());
        assertEquals(0, run.path("exitCode").asInt());
        assertEquals("ExitApp", run.path("name").asText());
        assertTrue(run.path("durationMillis").asLong() > 0);
        assertEquals(1, s.path("schemaVersion").asInt());
        assertEquals(EXIT_APP, s.path("process").path("mainClass").asText());
        assertEquals(List.of("normal"), Ledgers.JSON.convertValue(s.path("process").path("arguments"), List.class));
        assertEquals(dir.toString(), s.path("process").path("workingDirectory").asText());
        assertTrue(s.path("process").path("pid").asLong() > 0);
        assertTrue(s.path("jvm").path("version").asText().startsWith(javaHome.equals(AgentProcess.JAVA_25) ? "25" : System.getProperty("java.specification.version")),
                s.path("jvm").toString());
        assertFalse(s.path("host").path("cpuModel").asText().isEmpty());
        assertTrue(s.path("host").path("logicalCores").asInt() >= 1);
        assertTrue(s.path("host").path("memoryBytes").asLong() > 0);
        assertFalse(s.path("host").path("kernel").asText().isEmpty());

        // The application jar is a dependency, with its real hash.
        String jarSha = sha256(AgentProcess.PLAIN_JAR);
        boolean found = false;
        for (JsonNode d : s.path("dependencies")) {
            if (d.path("path").asText().equals(AgentProcess.PLAIN_JAR.toString())) {
                found = true;
                assertEquals(jarSha, d.path("sha256").asText());
                assertEquals("io.runledger", d.path("group").asText());
                assertEquals("plain-app", d.path("artifact").asText());
                assertEquals("0.1.0-SNAPSHOT", d.path("version").asText());
            }
        }
        assertTrue(found, "plain-app jar missing from dependencies: " + s.path("dependencies"));

        // Redaction: secrets gone, near-misses kept.
        JsonNode env = s.path("environment");
        assertEquals("[REDACTED]", env.path("variables").path("SERVICE_API_TOKEN").asText());
        assertEquals("de-nodeadkeys", env.path("variables").path("KEYBOARD_LAYOUT").asText());
        assertEquals("[REDACTED]", env.path("systemProperties").path("db.password").asText());
        String text = Files.readString(Ledgers.snapshotFiles(dir.resolve("ledger")).get(0));
        assertFalse(text.contains("hunter2"), "a secret reached the disk");
        assertFalse(text.contains("tok-3f9a8b7c6d5e4f3a2b1c"), "a secret reached the disk");
        assertTrue(s.path("pending").isEmpty(), "everything collected within flush.timeout: " + s.path("pending"));

        List<String> lines = Ledgers.ledgerLines(dir.resolve("ledger"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains(run.path("id").asText()));
        AgentProcess.Result verify = AgentProcess.cli(dir, "verify", "--dir", dir.resolve("ledger").toString());
        assertEquals(0, verify.exitCode, verify.toString());
    }

    @ParameterizedTest(name = "System.exit(3) on {0}")
    @MethodSource("jvms")
    void systemExitRecordsItsStatus(Path javaHome, @TempDir Path dir) throws Exception {
        AgentProcess.Result r = exitApp(javaHome, dir, "exit", "3").run();
        assertEquals(3, r.exitCode, r.toString());
        JsonNode run = Ledgers.onlySnapshot(dir.resolve("ledger")).path("run");
        assertEquals("FAILED", run.path("status").asText());
        assertEquals(3, run.path("exitCode").asInt());
    }

    @ParameterizedTest(name = "uncaught exception on {0}")
    @MethodSource("jvms")
    void uncaughtExceptionInMainRecordsTheFailure(Path javaHome, @TempDir Path dir) throws Exception {
        AgentProcess.Result r = exitApp(javaHome, dir, "throw").run();
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Exception in thread \"main\" java.lang.IllegalStateException"),
                "the JVM's own handler still reports the exception: " + r.stderr);
        JsonNode run = Ledgers.onlySnapshot(dir.resolve("ledger")).path("run");
        assertEquals("FAILED", run.path("status").asText());
        assertEquals(1, run.path("exitCode").asInt());
        JsonNode failure = run.path("failure");
        assertEquals("java.lang.IllegalStateException", failure.path("type").asText());
        assertEquals("training data is broken (connection password=[REDACTED])", failure.path("message").asText());
        assertTrue(failure.path("stack").get(0).asText().contains("ExitApp.main"), failure.toString());
    }

    @Test
    void sigtermRecordsKilled(@TempDir Path dir) throws Exception {
        AgentProcess p = exitApp(Path.of(System.getProperty("java.home")), dir, "sleep", "60000");
        Process process = p.start();
        AgentProcess.awaitOutput(dir, "ready", 30_000);
        process.destroy();   // SIGTERM
        AgentProcess.Result r = AgentProcess.finish(process, dir);
        assertEquals(143, r.exitCode, r.toString());
        JsonNode run = Ledgers.onlySnapshot(dir.resolve("ledger")).path("run");
        assertEquals("KILLED", run.path("status").asText());
        assertEquals("SIGTERM", run.path("signal").asText());
        assertEquals(143, run.path("exitCode").asInt());
        assertEquals(1, Ledgers.ledgerLines(dir.resolve("ledger")).size());
    }

    @Test
    void sigkillLeavesACheckpointThatTheNextWriterMarksKilled(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        AgentProcess p = exitApp(Path.of(System.getProperty("java.home")), dir, "sleep", "60000")
                .agentArgs("capture=always,checkpoint.interval=200ms,dir=" + ledger);
        Process process = p.start();
        AgentProcess.awaitOutput(dir, "ready", 30_000);
        JsonNode checkpoint = awaitCheckpoint(ledger);
        assertEquals("RUNNING", checkpoint.path("run").path("status").asText());
        assertNotNull(checkpoint.path("host").path("cpuModel").textValue(), "the checkpoint holds the environment");
        process.destroyForcibly();   // SIGKILL: no shutdown hook runs
        AgentProcess.Result r = AgentProcess.finish(process, dir);
        assertEquals(137, r.exitCode);
        assertEquals("RUNNING", Ledgers.onlySnapshot(ledger).path("run").path("status").asText());
        assertTrue(Ledgers.ledgerLines(ledger).isEmpty(), "nothing finished yet");

        AgentProcess.Result list = AgentProcess.cli(dir, "list", "--dir", ledger.toString());
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.stdout.contains("RUNNING"), "readers write nothing: " + list.stdout);
        AgentProcess.Result recover = AgentProcess.cli(dir, "recover", "--dir", ledger.toString());
        assertEquals(0, recover.exitCode, recover.toString());
        assertTrue(recover.stdout.startsWith("recovered 1 run(s)"), recover.stdout);
        JsonNode marked = Ledgers.onlySnapshot(ledger);
        assertEquals("KILLED", marked.path("run").path("status").asText());
        assertTrue(marked.path("run").path("lost").asBoolean());
        assertEquals(checkpoint.path("host"), marked.path("host"), "nothing else in the snapshot changes");
        assertEquals(checkpoint.path("environment"), marked.path("environment"));
        assertEquals(1, Ledgers.ledgerLines(ledger).size());
        assertEquals(0, AgentProcess.cli(dir, "verify", "--dir", ledger.toString()).exitCode);
    }

    @Test
    void agentStartsNoNonDaemonThreads(@TempDir Path dir) throws Exception {
        AgentProcess.Result plain = exitApp(Path.of(System.getProperty("java.home")), Files.createDirectory(dir.resolve("plain")), "threads")
                .withoutAgent().run();
        AgentProcess.Result r = exitApp(Path.of(System.getProperty("java.home")), dir, "threads").run();
        assertEquals(plain.stdout, r.stdout);
        assertTrue(r.stdout.contains("non-daemon threads besides main: []"), r.stdout);
    }

    private static JsonNode awaitCheckpoint(Path ledger) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<Path> files = Ledgers.snapshotFiles(ledger);
            if (!files.isEmpty()) {
                JsonNode s = Ledgers.JSON.readTree(files.get(0).toFile());
                if (s.path("host").isObject()) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint written");
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
