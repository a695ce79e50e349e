package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A RUNNING snapshot whose process is gone was killed (SIGKILL, OOM killer, power loss): its last
 * checkpoint is all there is. This marks it KILLED (with {@code lost: true} and the checkpoint's time
 * as its end) and records it in the ledger, changing nothing else in it.
 */
public final class LostRuns {

    private LostRuns() {
    }

    /** Marks every lost run in {@code ledger}; returns how many were marked. Never throws. */
    public static int markAll(Ledger ledger) {
        int marked = 0;
        try {
            for (Path file : ledger.snapshotFiles()) {
                if (isLost(file)) {
                    marked += markLocked(ledger, file) ? 1 : 0;
                }
            }
        } catch (Exception ignored) {
            // best effort: the next agent start or CLI call tries again
        }
        return marked;
    }

    private static boolean isLost(Path file) {
        try {
            JsonNode snapshot = Json.MAPPER.readTree(file.toFile());
            if (!"RUNNING".equals(snapshot.path("run").path("status").asText())) {
                return false;
            }
            JsonNode process = snapshot.path("process");
            String host = process.path("hostname").asText("");
            if (!host.isEmpty() && !host.equals(Hostname.get())) {
                return false;   // another machine's run: we cannot see its process
            }
            long pid = process.path("pid").asLong(-1);
            if (pid == ProcessHandle.current().pid()) {
                return false;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (!handle.isPresent() || !handle.get().isAlive()) {
                return true;
            }
            // The pid may have been reused by another process since.
            Optional<Instant> started = handle.get().info().startInstant();
            String recorded = process.path("startedAt").asText("");
            if (started.isPresent() && !recorded.isEmpty()) {
                return Duration.between(Instant.parse(recorded), started.get()).abs().toMillis() > 2000;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean markLocked(Ledger ledger, Path file) throws Exception {
        return ledger.withLock(() -> {
            if (!isLost(file)) {
                return false;   // someone else marked it meanwhile
            }
            ObjectNode snapshot = (ObjectNode) Json.MAPPER.readTree(file.toFile());
            ObjectNode run = (ObjectNode) snapshot.path("run");
            String id = run.path("id").asText();
            Instant lastCheckpoint = Files.getLastModifiedTime(file).toInstant();
            run.put("status", "KILLED");
            run.put("lost", true);
            run.put("endedAt", lastCheckpoint.toString());
            String started = run.path("startedAt").asText("");
            if (!started.isEmpty()) {
                run.put("durationMillis", Duration.between(Instant.parse(started), lastCheckpoint).toMillis());
            }
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
            String sha = ledger.writeSnapshot(id, json);
            ledger.appendLocked(id, "KILLED", sha);
            return true;
        });
    }
}
