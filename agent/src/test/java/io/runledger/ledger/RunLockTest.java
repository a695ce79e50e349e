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
}
