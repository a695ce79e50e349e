package io.runledger.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command on a fresh clone with nothing beside it: the repository (its committed
 * state) is cloned into an empty temporary directory, where no ../shared exists, and ./demo.sh must build,
 * train under the agent, show the run and verify the ledger.
 */
class FreshCloneIT {

    @Test
    void theDemoRunsInAFreshCloneWithNothingBesideIt(@TempDir Path dir) throws Exception {
        Programs.require("git", "git");
        Path clone = dir.resolve("runledger");
        run(dir, dir.resolve("clone.log"), "git", "clone", "--quiet", AgentProcess.ROOT.toString(), clone.toString());
        assertFalse(Files.exists(dir.resolve("shared")), "nothing beside the clone");
        Path log = dir.resolve("demo.log");
        int code = run(clone, log, "./demo.sh");
        String out = Files.readString(log);
        assertEquals(0, code, out);
        assertTrue(out.contains("Training #0  dl4j 1.0.0-M2.1  MultiLayerNetwork"), out);
        assertTrue(out.contains("  evaluations   Evaluation: accuracy "), out);
        assertTrue(out.contains("iris.txt  sha256 "), out);
        assertTrue(out.contains("OK: 1 ledger line(s), 1 snapshot(s) verified"), out);
        assertFalse(out.contains("\u001b["), "no terminal escape codes: " + out);

        Path again = dir.resolve("again.log");
        assertEquals(0, run(clone, again, "./demo.sh"));
        assertTrue(Files.readString(again).startsWith("== the agent jar is up to date"), Files.readString(again));
    }

    private static int run(Path where, Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes: " + Files.readString(log));
        }
        return p.exitValue();
    }
}
