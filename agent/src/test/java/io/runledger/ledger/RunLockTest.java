package io.runledger.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run's liveness lock is a POSIX lock: closing any descriptor of the file in this process releases it.
 * Lost-run repair in the JVM that holds the lock must not open the file to test it, or every other JVM
 * would from then on take the live run for a killed one. Another process checks.
 */
class RunLockTest {

    /** Run in a child JVM: prints "free" when it could lock the file, else "held". */
    public static void main(String[] args) throws IOException {
        try (FileChannel ch = FileChannel.open(Paths.get(args[0]), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            System.out.println(lock == null ? "held" : "free");
        }
    }

    private static String probe(Path lockFile) throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunLockTest.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void repairInTheJvmThatHoldsARunLockLeavesItHeld(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir.resolve("ledger"));
        l.ensureWritable();
        l.writeCheckpoint("r1", ("{\"run\":{\"id\":\"r1\",\"status\":\"RUNNING\",\"startedAt\":\"2026-01-01T00:00:00Z\"},"
                + "\"process\":{\"pid\":1,\"hostname\":\"elsewhere\"}}").getBytes(StandardCharsets.UTF_8));
        FileLock held = l.holdRunLock("r1");
        try {
            assertEquals("held", probe(l.runLockFile("r1")), "the run lock is taken");
            assertEquals(0, LostRuns.markAll(l), "its own live run is not lost");
            assertEquals("held", probe(l.runLockFile("r1")), "after repair, another process still finds the run alive");
        } finally {
            held.channel().close();
        }
    }

    /** A run's start repairs only when a kill left a trace (a free run lock, a torn last line): otherwise it reads nothing. */
    @Test
    void aRunsStartRepairsWhatKillsLeftAndScansNothingElse(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir.resolve("ledger"));
        l.ensureWritable();
        l.finish("done", "SUCCEEDED", "{\"run\":{\"id\":\"done\",\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8));
        // a writer killed between its snapshot's rename and its append: its lock file stays, free
        l.holdRunLock("killed").channel().close();
        l.writeSnapshot("killed", "{\"run\":{\"id\":\"killed\",\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8));
        // a snapshot no line names and no lock points to (as a writer before run locks left it): only recover sees it
        l.writeSnapshot("legacy", "{\"run\":{\"id\":\"legacy\",\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8));
        // a JVM killed before its first snapshot, long ago: a free lock and nothing else
        Path orphan = l.runLockFile("orphan");
        java.nio.file.Files.write(orphan, new byte[0]);
        java.nio.file.Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        java.nio.file.Files.setLastModifiedTime(l.runLockFile("killed"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        assertEquals(2, LostRuns.markAfterKills(l), "the trace leads to the full repair: 'killed' and 'legacy' are chained");
        assertEquals(java.util.List.of(false, false), java.util.List.of(java.nio.file.Files.exists(orphan),
                java.nio.file.Files.exists(l.runLockFile("killed"))), "locks of chained or snapshot-less runs are gone");

        l.writeSnapshot("legacy2", "{\"run\":{\"id\":\"legacy2\",\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, LostRuns.markAfterKills(l), "no trace: nothing is read");
        FileLock live = l.holdRunLock("live");
        try {
            assertEquals(0, LostRuns.markAfterKills(l), "a held lock is no trace");
        } finally {
            live.channel().close();
        }
        byte[] all = java.nio.file.Files.readAllBytes(l.ledgerFile());
        java.nio.file.Files.write(l.ledgerFile(), java.util.Arrays.copyOf(all, all.length - 5));   // a torn last line
        assertEquals(2, LostRuns.markAfterKills(l), "the torn line's run and 'legacy2' are chained");
        assertEquals(0, LostRuns.markAll(l), "nothing is left for recover");
    }
}
