package io.runledger.agent;

import io.runledger.config.LedgerMode;
import io.runledger.ledger.Hostname;
import io.runledger.safety.SafeDirectory;
import io.runledger.snapshot.ExecutorInfo;
import io.runledger.util.Json;
import io.runledger.util.Log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the part files the executors of a run's applications wrote ({@link ExecutorRecorder}). At the
 * run's end it waits a little for executors still running to say they ended (a driver's {@code stop()}
 * ends them at the same moment it ends itself); one that is gone from this host without saying so is LOST,
 * and so is one of another host whose part has not been rewritten for {@link #STALE_INTERVALS} checkpoint
 * intervals (a living executor rewrites it every interval; its clock and the driver's must agree to
 * within those intervals).
 */
final class ExecutorParts {

    /** How long the run's end waits for its executors' last words, within {@code flush.timeout}. */
    static final long END_WAIT_MILLIS = 3000;
    /** Checkpoint intervals without a rewrite after which an executor of another host counts as lost. */
    static final int STALE_INTERVALS = 3;
    /** A part is a few kilobytes; anything larger is not one. */
    static final long MAX_PART_BYTES = 4L << 20;

    private ExecutorParts() {
    }

    /**
     * The executors of {@code groups}; {@code atEnd}: wait for running ones up to {@code deadlineNanos} (and
     * {@link #END_WAIT_MILLIS}) and judge those still running ({@code intervalMillis}: the checkpoint interval, 0 if none).
     */
    static List<ExecutorInfo> read(Path ledgerDir, LedgerMode mode, Collection<String> groups, boolean atEnd, long deadlineNanos,
                                   long intervalMillis) {
        if (groups.isEmpty()) {
            return null;
        }
        long until = Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(END_WAIT_MILLIS));
        List<ExecutorInfo> all = readOnce(ledgerDir, mode, groups);
        while (atEnd && anyRunning(all) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            all = readOnce(ledgerDir, mode, groups);
        }
        if (!atEnd) {
            return all;
        }
        List<ExecutorInfo> judged = new ArrayList<>();
        for (ExecutorInfo e : all) {
            judged.add(lost(e, Hostname.get(), Instant.now(), intervalMillis) ? e.withStatus("LOST") : e);
        }
        return judged;
    }

    /** Still RUNNING at the run's end although gone from this host, or silent for too long on another. */
    static boolean lost(ExecutorInfo e, String thisHost, Instant now, long intervalMillis) {
        if (!"RUNNING".equals(e.status)) {
            return false;
        }
        if (thisHost.equals(e.host)) {
            return !ProcessHandle.of(e.pid).map(ProcessHandle::isAlive).orElse(false);
        }
        if (intervalMillis <= 0 || e.updatedAt == null) {
            return false;   // parts are written at start and end only: silence proves nothing
        }
        try {
            return Instant.parse(e.updatedAt).plusMillis(STALE_INTERVALS * intervalMillis).isBefore(now);
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    private static boolean anyRunning(List<ExecutorInfo> all) {
        for (ExecutorInfo e : all) {
            if ("RUNNING".equals(e.status)) {
                return true;
            }
        }
        return false;
    }

    private static List<ExecutorInfo> readOnce(Path ledgerDir, LedgerMode mode, Collection<String> groups) {
        List<ExecutorInfo> out = new ArrayList<>();
        for (String group : groups) {
            Path dir = ExecutorRecorder.partDir(ledgerDir, group);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String unsafe = SafeDirectory.check(dir, mode);
            if (unsafe != null) {
                Log.warnOnce("executor-parts:" + dir, "executor records in " + dir + " are not read: " + unsafe);
                continue;
            }
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.json")) {
                for (Path p : parts) {
                    ExecutorInfo e = part(p);
                    if (e != null && group.equals(e.applicationId)) {
                        out.add(e);
                    }
                }
            } catch (IOException | RuntimeException e) {
                Log.warnOnce("executor-parts-read:" + dir, "executor records in " + dir + " could not be read (" + e + ")");
            }
        }
        out.sort(Comparator.comparing((ExecutorInfo e) -> e.applicationId).thenComparing(e -> e.id.length()).thenComparing(e -> e.id));
        return out;
    }

    /** One part: a regular file (links not followed), size-bounded; null when it is not one. */
    private static ExecutorInfo part(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || ch.size() > MAX_PART_BYTES) {
                return null;
            }
            try (InputStream in = Channels.newInputStream(ch)) {
                return Json.reader().readValue(in, ExecutorInfo.class);
            }
        } catch (IOException | RuntimeException e) {
            return null;   // being replaced this instant, or not a part: the next read sees it
        }
    }
}
