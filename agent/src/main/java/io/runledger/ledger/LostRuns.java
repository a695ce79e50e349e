package io.runledger.ledger;

import io.runledger.redact.RedactedJson;
import io.runledger.util.FlatJson;
import io.runledger.util.JsonValues;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a writer repairs before it adds to a ledger (the agent when a run begins, or the {@code recover}
 * command; readers never do): every state a kill at any instant of a flush can leave.
 * <ul>
 *   <li>A RUNNING snapshot whose writer is gone was killed (SIGKILL, OOM killer, power loss): it becomes
 *   KILLED with {@code lost: true} and the checkpoint's time as its end, and is chained. Whether the
 *   writer is gone is decided by the lock it held on {@code runs/<id>.lock} for its whole life, which the
 *   OS releases at death, whatever PID namespace or host clock the reader has.</li>
 *   <li>A finished snapshot that no ledger line records (killed between the rename and the append) is
 *   chained, with a note saying so.</li>
 *   <li>Temporary files older than {@link #STALE_TMP} are removed.</li>
 * </ul>
 * A torn last ledger line is set aside by the next append itself ({@link Ledger#appendLocked}).
 */
public final class LostRuns {

    static final Duration STALE_TMP = Duration.ofMinutes(10);

    private LostRuns() {
    }

    /** Repairs {@code ledger}; returns how many runs were marked or chained. Never throws. */
    public static int markAll(Ledger ledger) {
        try {
            return ledger.withLock(() -> repairLocked(ledger));
        } catch (Exception ignored) {
            return 0;   // best effort: the next writer tries again
        }
    }

    /**
     * The repair a run does as it begins: the whole of {@link #markAll} only when a kill left a trace,
     * which every state above does: a run lock that nobody holds (a writer holds its lock from its first
     * snapshot until its line is appended, and removes it then) or a torn last line. Otherwise only stale
     * temporaries go, and no line or snapshot is read: a run's start does not grow with its ledger
     * (30 ms with 30 runs, more with thousands). Snapshots written before run locks existed are repaired
     * by {@code recover}. Never throws.
     */
    public static int markAfterKills(Ledger ledger) {
        try {
            return ledger.withLock(() -> {
                if (ledger.hasTornTail() || anyFreeRunLock(ledger)) {
                    return repairLocked(ledger);
                }
                removeStaleTemporaryFiles(ledger.runsDir());
                removeStaleTemporaryFiles(ledger.dir());
                return 0;
            });
        } catch (Exception ignored) {
            return 0;
        }
    }

    private static boolean anyFreeRunLock(Ledger ledger) throws IOException {
        for (Path lock : runLocks(ledger)) {
            if (lockState(lock) == LockState.FREE) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> runLocks(Ledger ledger) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(ledger.runsDir())) {
            // every start lists the runs directory, which holds every run's snapshot: names are compared as
            // strings, not by a glob (a regular expression run per file: 11 ms for 356 runs on a cold JVM)
            try (DirectoryStream<Path> files = Files.newDirectoryStream(ledger.runsDir())) {
                for (Path f : files) {
                    if (f.getFileName().toString().endsWith(".lock")) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    private enum LockState { HELD, FREE, MISSING }

    /** Whether a live process holds {@code lock}; this JVM's own is tested without opening it (that would release it). */
    private static LockState lockState(Path lock) {
        if (Ledger.holdsRunLock(lock)) {
            return LockState.HELD;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            FileLock held = ch.tryLock();
            if (held == null) {
                return LockState.HELD;   // another process holds it: alive
            }
            held.release();
            return LockState.FREE;
        } catch (OverlappingFileLockException thisJvm) {
            return LockState.HELD;
        } catch (NoSuchFileException finishedMeanwhile) {
            return LockState.MISSING;
        } catch (IOException e) {
            return LockState.HELD;   // cannot tell: leave it be
        }
    }

    /**
     * Removes run locks nobody holds whose run is chained or never wrote a snapshot (a JVM killed before
     * its first one, or between its append and the lock's removal), so they stop looking like kills. A
     * lock younger than a minute is left: its writer may be about to take it.
     */
    private static void removeStaleRunLocks(Ledger ledger, Set<String> chained) throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(Duration.ofMinutes(1)));
        for (Path lock : runLocks(ledger)) {
            String id = lock.getFileName().toString().replaceFirst("\\.lock$", "");
            try {
                if ((chained.contains(id) || !Files.exists(ledger.snapshotFile(id))) && Files.getLastModifiedTime(lock).compareTo(before) < 0
                        && lockState(lock) == LockState.FREE) {
                    Files.deleteIfExists(lock);
                }
            } catch (IOException gone) {
                // removed meanwhile
            }
        }
    }

    private static int repairLocked(Ledger ledger) throws IOException {
        removeStaleTemporaryFiles(ledger.runsDir());
        removeStaleTemporaryFiles(ledger.dir());
        Set<String> chained = new HashSet<>();
        for (String line : ledger.readLines()) {
            try {
                chained.add(FlatJson.read(line).getOrDefault("runId", ""));
            } catch (IOException torn) {
                // set aside by the next append
            }
        }
        int repaired = 0;
        for (Path file : ledger.snapshotFiles()) {
            String id = file.getFileName().toString().replaceFirst("\\.json$", "");
            if (chained.contains(id)) {
                continue;   // final and recorded: only a snapshot no line names can need repair
            }
            byte[] bytes;
            Object snapshot;
            try {
                bytes = Files.readAllBytes(file);
                snapshot = JsonValues.parse(bytes);
            } catch (IOException | RuntimeException unreadable) {
                continue;   // verify names it
            }
            Object status = JsonValues.member(JsonValues.member(snapshot, "run"), "status");
            if ("RUNNING".equals(status)) {
                if (isLost(ledger, id, snapshot)) {
                    markKilled(ledger, file, snapshot);
                    repaired++;
                }
            } else {
                LedgerLine entry = ledger.appendLocked(id, JsonValues.text(status), io.runledger.util.Hex.sha256(bytes),
                        "chained by recovery: its writer stopped between writing the snapshot and appending this line");
                ledger.attestModels(entry, bytes);
                chained.add(id);
                repaired++;
            }
        }
        removeStaleRunLocks(ledger, chained);
        return repaired;
    }

    /** The writer of a RUNNING snapshot is gone when nobody holds its run lock. */
    static boolean isLost(Ledger ledger, String id, Object snapshot) {
        Path lock = ledger.runLockFile(id);
        if (Ledger.holdsRunLock(lock) || Files.exists(lock)) {
            return lockState(lock) == LockState.FREE;
        }
        return lostByProcess(snapshot);
    }

    /** Snapshots written before run locks existed: judged by pid, start time and host, as then. */
    private static boolean lostByProcess(Object snapshot) {
        Object process = JsonValues.member(snapshot, "process");
        String host = JsonValues.text(JsonValues.member(process, "hostname"));
        if (!host.isEmpty() && !host.equals(Hostname.get())) {
            return false;
        }
        Object recordedPid = JsonValues.member(process, "pid");
        long pid = recordedPid instanceof Number ? ((Number) recordedPid).longValue() : -1;
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (!handle.isPresent() || !handle.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = handle.get().info().startInstant();
        String recorded = JsonValues.text(JsonValues.member(process, "startedAt"));
        try {
            return started.isPresent() && !recorded.isEmpty()
                    && Duration.between(Instant.parse(recorded), started.get()).abs().toMillis() > 2000;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static void markKilled(Ledger ledger, Path file, Object snapshot) throws IOException {
        Object member = JsonValues.member(snapshot, "run");
        if (!(member instanceof Map)) {
            return;
        }
        Map<String, Object> run = (Map<String, Object>) member;
        String id = JsonValues.text(run.get("id"));
        Instant lastCheckpoint = Files.getLastModifiedTime(file).toInstant();
        run.put("status", "KILLED");
        run.put("lost", Boolean.TRUE);
        run.put("endedAt", lastCheckpoint.toString());
        String started = JsonValues.text(run.get("startedAt"));
        if (!started.isEmpty()) {
            try {
                run.put("durationMillis", Duration.between(Instant.parse(started), lastCheckpoint).toMillis());
            } catch (RuntimeException ignored) {
                // an unparsable start stays as it is
            }
        }
        byte[] json = RedactedJson.unredacted(snapshot, true);   // written as read: redacted when it was first written
        String sha = ledger.writeSnapshot(id, json);
        ledger.appendLocked(id, "KILLED", sha);
        Files.deleteIfExists(ledger.runLockFile(id));
    }

    private static void removeStaleTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        FileTime before = FileTime.from(Instant.now().minus(STALE_TMP));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {   // not a glob: see runLocks
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() < 5 || !name.startsWith(".") || !name.endsWith(".tmp")) {   // what ".*.tmp" matched
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(f).compareTo(before) < 0) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException gone) {
                    // another writer removed it
                }
            }
        }
    }
}
