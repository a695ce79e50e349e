package io.runledger.agent;

import io.runledger.snapshot.ExecutorInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a run's end judges an executor whose part still says RUNNING. */
class ExecutorPartsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final long INTERVAL = 30_000;

    private static ExecutorInfo part(String host, long pid, String status, Instant updated) {
        return new ExecutorInfo("1", "app-1", "spark", host, pid, status, "2026-12-02T11:00:00Z", updated.toString(), null,
                null, 1, "00", List.of());
    }

    @Test
    void anExecutorOfThisHostIsLostWhenItsProcessIsGone() {
        long self = ProcessHandle.current().pid();
        assertFalse(ExecutorParts.lost(part("here", self, "RUNNING", NOW), "here", NOW, INTERVAL), "alive");
        assertTrue(ExecutorParts.lost(part("here", Long.MAX_VALUE, "RUNNING", NOW), "here", NOW, INTERVAL), "no such process");
        assertFalse(ExecutorParts.lost(part("here", Long.MAX_VALUE, "ENDED", NOW), "here", NOW, INTERVAL), "it said it ended");
    }

    @Test
    void anExecutorOfAnotherHostIsLostWhenItsPartWentStale() {
        assertFalse(ExecutorParts.lost(part("there", 1, "RUNNING", NOW.minusSeconds(60)), "here", NOW, INTERVAL),
                "rewritten within three intervals");
        assertTrue(ExecutorParts.lost(part("there", 1, "RUNNING", NOW.minusSeconds(91)), "here", NOW, INTERVAL),
                "silent for more than three intervals");
        assertFalse(ExecutorParts.lost(part("there", 1, "RUNNING", NOW.minusSeconds(3600)), "here", NOW, 0),
                "without checkpoints parts are written at start and end only");
    }
}
