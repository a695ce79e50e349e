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

/** Bad configuration is reported in one line and never stops the application. */
class ConfigurationIT {

    private static final String EXIT_APP = "io.runledger.apps.plain.ExitApp";

    @Test
    void unknownKeyAndMalformedValueAreReportedAndDefaultsUsed(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger") + ",checkpoint.interval=soon,colour=blue")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("sum=500500"));
        assertTrue(r.stderr.contains("[runledger] invalid value 'soon' for 'checkpoint.interval' (agent argument): expected a duration"
                + " such as 500ms, 30s or 2m (0 turns periodic checkpoints off); using 30s"), r.stderr);
        assertTrue(r.stderr.contains("[runledger] unknown configuration key 'colour' (agent argument) ignored; known keys: enabled, dir,"), r.stderr);
        assertEquals(2, r.stderr.lines().filter(l -> l.startsWith("[runledger]")).count(), r.stderr);
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals("30s", s.path("config").path("checkpoint.interval").asText());
        assertEquals(2, s.path("warnings").size());
    }

    @Test
    void agentArgumentsWinOverSystemPropertiesOverEnvironment(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir)
                .agentArgs("capture=always,run.name=from-args")
                .jvmArg("-Drunledger.run.name=from-property")
                .jvmArg("-Drunledger.dir=" + ledger)
                .env("RUNLEDGER_RUN_NAME", "from-env")
                .env("RUNLEDGER_RUN_ID", "pipeline-42")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        JsonNode run = Ledgers.onlySnapshot(ledger).path("run");
        assertEquals("from-args", run.path("name").asText());
        assertEquals("pipeline-42", run.path("externalId").asText());
    }

    @Test
    void unwritableLedgerDirectoryFallsBackToATempDirectory(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir)
                .agentArgs("capture=always,dir=" + blocker.resolve("ledger"))
                .jvmArg("-Djava.io.tmpdir=" + tmp)
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("sum=500500"));
        Path fallback = tmp.resolve("runledger-" + System.getProperty("user.name"));
        assertTrue(r.stderr.contains("cannot be used"), r.stderr);
        assertTrue(r.stderr.contains("writing to " + fallback + " instead"), r.stderr);
        JsonNode s = Ledgers.onlySnapshot(fallback);
        assertEquals("SUCCEEDED", s.path("run").path("status").asText());
    }

    @Test
    void captureTrainingWritesNothingWhenNothingWasTrained(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir).agentArgs("dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("", r.stderr);
        assertFalse(Files.exists(dir.resolve("ledger")), "no ledger activity without a training");
    }

    @Test
    void disabledAgentDoesNothing(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir).agentArgs("enabled=false,capture=always,dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertFalse(Files.exists(dir.resolve("ledger")));
    }

    @Test
    void shutdownWaitsNoLongerThanFlushTimeoutAndWritesWhatIsMissingAsPending(@TempDir Path dir) throws Exception {
        // A 4 GiB file on the class path (sparse: it costs no disk) takes seconds to hash, the program ends
        // at once, and the agent may wait 1 ms: the dependency hashes cannot be ready, whatever the machine.
        Path big = dir.resolve("big-model-bundle.jar");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        long started = System.nanoTime();
        AgentProcess.Result r = app(EXIT_APP, "normal").in(dir).classPath(AgentProcess.PLAIN_JAR + ":" + big)
                .agentArgs("capture=always,flush.timeout=1ms,dir=" + dir.resolve("ledger")).run();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, r.exitCode, r.toString());
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals("SUCCEEDED", s.path("run").path("status").asText());
        assertFalse(s.path("pending").isEmpty(), "sections not collected in time are named: " + s);
        assertTrue(s.path("pending").toString().contains("dependencies"), "the class path hashes are pending: " + s.path("pending"));
        assertTrue(tookMillis < 20_000, "the JVM did not wait for the hashing to finish: " + tookMillis + " ms");
        for (JsonNode section : s.path("pending")) {
            String name = section.asText();
            if (!name.contains(".")) {
                assertTrue(s.path(name).isMissingNode() || s.path(name).isNull(), name + " is pending, so absent");
            }
        }
        assertEquals(0, AgentProcess.cli(dir, "verify", "--dir", dir.resolve("ledger").toString()).exitCode);
    }

    @Test
    void nothingHeavyIsLoadedWhenNothingIsTrained(@TempDir Path dir) throws Exception {
        // Start-up cost stays small only if premain loads none of the agent's libraries (the benchmark
        // measures the time; this pins the cause): they load when the first framework class does. The
        // file-read hooks are woven in premain: the first start on a machine patches the JDK classes with
        // the plain ASM ByteBuddy bundles, later starts take the patches from the cache and load no ASM.
        Path home = Files.createDirectories(dir.resolve("home"));
        for (String start : new String[] {"first", "second"}) {
            Path log = dir.resolve(start + "-classes.log");
            AgentProcess.Result r = app(EXIT_APP, "normal").in(dir).jvmArg("-Xlog:class+load=info:file=" + log)
                    .jvmArg("-Duser.home=" + home).agentArgs("dir=" + dir.resolve("ledger")).run();
            assertEquals(0, r.exitCode, r.toString());
            // each framework module's descriptor (name and arming prefixes) is read in premain; its readers,
            // type instrumentation and advice load only when the framework arms the agent
            String loaded = Files.readString(log).replaceAll(" io\\.runledger\\.instrument\\.\\w+\\.\\w+Module ", " (module descriptor) ");
            assertTrue(loaded.contains("io.runledger.agent.Agent "), "the agent did start");
            assertTrue(loaded.contains("java.io.FileInputStream source: __VM_RedefineClasses__"), "the file hooks are in");
            String allowed = start.equals("first") ? loaded.replace(" net.bytebuddy.jar.asm.", " ASM.") : loaded;
            assertFalse(allowed.contains(" net.bytebuddy."), "ByteBuddy loaded although nothing was trained (" + start + " start)");
            for (String heavy : new String[] {"com.fasterxml.jackson.", "oshi.", "com.sun.jna.", "io.runledger.instrument.dl4j.",
                "io.runledger.instrument.tribuo.", "io.runledger.instrument.smile.", "io.runledger.agent.RunRecorder "}) {
                assertFalse(loaded.contains(" " + heavy), heavy + " loaded although nothing was trained");
            }
        }
    }
}
