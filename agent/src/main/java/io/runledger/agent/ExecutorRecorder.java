package io.runledger.agent;

import io.runledger.collect.DependencyCollector;
import io.runledger.collect.JvmCollector;
import io.runledger.config.Config;
import io.runledger.files.FileReads;
import io.runledger.files.PathReads;
import io.runledger.hash.HashCache;
import io.runledger.hash.HashEngine;
import io.runledger.instrument.WorkerJvm;
import io.runledger.ledger.AtomicFiles;
import io.runledger.ledger.Hostname;
import io.runledger.redact.Redactor;
import io.runledger.redact.RedactedJson;
import io.runledger.safety.SafeDirectory;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.ExecutorFile;
import io.runledger.snapshot.ExecutorInfo;
import io.runledger.snapshot.JvmInfo;
import io.runledger.util.Hex;
import io.runledger.util.Log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent in a JVM that works for another JVM's run (a Spark executor): no run of its own, only one
 * part file, {@code <ledger>/executors/<group>/<id>.json}, written when its environment is collected,
 * again at every checkpoint interval and at exit, atomically, redacted, with the ledger's modes. The
 * run's JVM merges the parts of its group at its end ({@link ExecutorParts}).
 *
 * <p>Why files beside the ledger and not a connection to the driver: the ledger directory is the one
 * place both already write (on a cluster it must be shared storage for the ledger to be one), it needs
 * no port, no listener and no protocol of ours on the network, and a part outlives a crashed driver.
 */
final class ExecutorRecorder {

    /** Files listed per executor (the count of bytes covers only those listed). */
    static final int MAX_FILES = 1000;

    private final Config config;
    private final WorkerJvm who;
    private final Path part;
    private final Redactor redactor;
    private final List<PathReads> reads = Collections.synchronizedList(new ArrayList<>());
    private final Instant startedAt = Instant.now();
    private final Path agentJar;
    private volatile JvmInfo jvm;
    private volatile Integer classPathEntries;
    private volatile String classPathSha256;

    private ExecutorRecorder(Config config, WorkerJvm who, Path part, Path agentJar) {
        this.config = config;
        this.who = who;
        this.part = part;
        this.agentJar = agentJar;
        this.redactor = new Redactor(config.redactNames(), config.redactAllow());
    }

    /** The directory of one application's parts under {@code ledgerDir}: names reduced to safe characters. */
    static Path partDir(Path ledgerDir, String group) {
        return ledgerDir.resolve("executors").resolve(safe(group));
    }

    static Path partFile(Path ledgerDir, String group, String id) {
        return partDir(ledgerDir, group).resolve(safe(id) + ".json");
    }

    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s : s;
    }

    /** Starts recording this worker JVM; nothing is written when no safe directory exists (one line says so). */
    static void start(Config config, WorkerJvm who, FileReads files, Path agentJar) {
        Path part = partFile(config.dir(), who.group, who.id);
        String unsafe = SafeDirectory.prepare(part.getParent(), config.ledgerMode());
        if (unsafe != null) {
            Log.warn(who.framework + " executor " + who.id + " is not recorded: " + part.getParent() + " " + unsafe);
            return;
        }
        ExecutorRecorder r = new ExecutorRecorder(config, who, part, agentJar);
        if (files != null) {
            files.listen(r.reads::add);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(RunRecorder.daemon("runledger-executor"));
        timer.execute(r::collect);
        long interval = config.checkpointInterval().toMillis();
        if (interval > 0) {
            timer.scheduleWithFixedDelay(() -> r.write(null), interval, interval, TimeUnit.MILLISECONDS);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            r.write(Instant.now());
        }, "runledger-executor-exit"));
    }

    /** The JVM and the class path's hashes (through the ledger's hash cache), then the first part. */
    private void collect() {
        try {
            jvm = JvmCollector.collect();
            write(null);   // early: an executor killed before its class path is hashed is still listed
            HashEngine hashes = new HashEngine(new HashCache(config.dir().resolve("cache").resolve("hashes.tsv"), config.ledgerMode()),
                    config.hashThreads(), config.hashSampleAbove());
            DependencyCollector deps = new DependencyCollector(hashes, agentJar);
            List<Path> classPath = DependencyCollector.classPath();
            deps.prepare(classPath);
            deps.awaitHashes(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            List<String> lines = new ArrayList<>();
            for (Dependency d : deps.collect(classPath, Collections.<Path>emptyList(), new boolean[1])) {
                lines.add(d.file + "\t" + d.sha256 + "\n");
            }
            Collections.sort(lines);
            MessageDigest digest = Hex.sha256();
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            classPathEntries = lines.size();
            classPathSha256 = Hex.of(digest.digest());
            hashes.saveCache();
            write(null);
        } catch (Throwable t) {
            Log.warnOnce("executor-collect", "executor environment not collected (" + t + ")");
        }
    }

    /** Rewrites the part: RUNNING, or ENDED with {@code endedAt}. Never throws. */
    private synchronized void write(Instant endedAt) {
        try {
            List<ExecutorFile> files = new ArrayList<>();
            synchronized (reads) {
                for (PathReads r : reads) {
                    if (files.size() >= MAX_FILES) {
                        break;
                    }
                    files.add(new ExecutorFile(r.path, r.bytesRead(), String.valueOf(r.firstReadAt()), String.valueOf(r.lastReadAt())));
                }
            }
            ExecutorInfo info = new ExecutorInfo(who.id, who.group, who.framework, Hostname.get(), ProcessHandle.current().pid(),
                    endedAt == null ? "RUNNING" : "ENDED", startedAt.toString(), Instant.now().toString(),
                    endedAt == null ? null : endedAt.toString(), jvm, classPathEntries, classPathSha256, files);
            AtomicFiles.write(part, RedactedJson.compact(info, redactor), endedAt != null, config.ledgerMode());
        } catch (Throwable t) {
            Log.warnOnce("executor-part", "could not write " + part + " (" + t + ")");
        }
    }
}
