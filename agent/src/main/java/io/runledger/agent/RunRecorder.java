package io.runledger.agent;

import io.runledger.collect.CodeSourceRecorder;
import io.runledger.collect.DependencyCollector;
import io.runledger.collect.EnvironmentCollector;
import io.runledger.collect.GitCollector;
import io.runledger.collect.HostCollector;
import io.runledger.collect.JvmCollector;
import io.runledger.collect.ProcessCollector;
import io.runledger.config.Config;
import io.runledger.hash.HashCache;
import io.runledger.instrument.JdkExitHooks;
import io.runledger.hash.HashEngine;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.LostRuns;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.EnvironmentInfo;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.HostInfo;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.ProcessInfo;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.RunStatus;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;
import io.runledger.util.Log;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One run: what the hooks report, the environment collected in the background, and the snapshot written
 * from them — at checkpoints while RUNNING and once, atomically, at shutdown. Nothing here runs on the
 * application's threads except the cheap bookkeeping in the hook methods.
 */
final class RunRecorder {

    private final Config config;
    private final Instrumentation inst;
    private final CodeSourceRecorder codeSources;
    private final Path agentJar;
    private final ExitTracker exits;
    private final String id;
    private final String name;
    private final Instant attachedAt;
    private volatile String agentVersion;
    private final long flushDeadlineNanos;

    private final AtomicBoolean begun = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Object writeLock = new Object();
    private final List<TrainingRecord> trainings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private volatile Redactor redactor;
    private volatile Instant startedAt;
    private volatile Ledger ledger;
    private volatile HashEngine hashes;
    private volatile DependencyCollector dependencies;
    private volatile ExecutorService collector;
    private volatile ScheduledExecutorService checkpoints;
    private volatile CompletableFuture<ProcessInfo> process;
    private volatile CompletableFuture<JvmInfo> jvm;
    private volatile CompletableFuture<EnvironmentInfo> environment;
    private volatile CompletableFuture<CodeInfo> code;
    private volatile CompletableFuture<HostInfo> host;
    private volatile CompletableFuture<Path> ledgerReady;

    /** Cheap on purpose: it runs in premain, where every millisecond delays the application's main. */
    RunRecorder(Config config, Instrumentation inst, CodeSourceRecorder codeSources, Path agentJar, Thread mainThread,
                boolean attached, String runId) {
        this.config = config;
        this.inst = inst;
        this.codeSources = codeSources;
        this.agentJar = agentJar;
        this.exits = new ExitTracker(mainThread);
        this.id = runId;
        this.attachedAt = attached ? Instant.now() : null;
        this.name = config.runName().isEmpty() ? defaultName() : config.runName();
        this.flushDeadlineNanos = config.flushTimeout().toNanos();
        warnings.addAll(config.warnings());
    }

    String id() {
        return id;
    }

    /** The main class's simple name, or the jar's name without {@code .jar}. */
    private static String defaultName() {
        String main = ProcessCollector.mainClass();
        if (main.endsWith(".jar")) {
            String file = Paths.get(main).getFileName().toString();
            return file.substring(0, file.length() - 4);
        }
        int dot = main.lastIndexOf('.');
        return main.isEmpty() ? "run" : main.substring(dot + 1);
    }

    /**
     * Starts recording for real: the exit hooks, the ledger directory, the environment collectors and the
     * checkpoints. Called in premain with {@code capture=always}, else at the first training. Idempotent;
     * the calling thread pays only for the exit hooks (about 20 ms, once), which must be in place before
     * it could call {@code System.exit}; everything slow happens on daemon threads.
     */
    void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        redactor = new Redactor(config.redactNames(), config.redactAllow());
        startedAt = ProcessCollector.jvmStart();
        try {
            BootstrapInjector.inject(inst, agentJar.toFile());
            BootstrapConnection.connect(this);   // loaded only now that the bootstrap API exists
            JdkExitHooks.install(inst);
        } catch (Throwable t) {
            warnings.add("exit-status hooks unavailable (" + t + "): exit codes of System.exit calls are not recorded");
        }
        Signals.install(this::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(this::finish, "runledger-shutdown"));
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon("runledger-collect"));
        collector = pool;
        ledgerReady = CompletableFuture.supplyAsync(this::openLedger, pool);
        pool.execute(() -> agentVersion = AgentVersion.of(agentJar));
        process = async(pool, () -> ProcessCollector.collect(redactor));
        jvm = async(pool, JvmCollector::collect);
        environment = async(pool, () -> EnvironmentCollector.collect(redactor));
        code = async(pool, () -> GitCollector.collect(Paths.get(System.getProperty("user.dir", ".")), redactor));
        host = async(pool, HostCollector::collect);
        pool.execute(() -> dependencies().prepare(DependencyCollector.classPath()));
        pool.execute(() -> LostRuns.markAll(ledger()));
        // A first checkpoint as soon as the environment is in: it survives an early SIGKILL and warms
        // Jackson up, so the final flush at shutdown is quick.
        pool.execute(this::checkpoint);
        long interval = config.checkpointInterval().toMillis();
        if (interval > 0) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("runledger-checkpoint"));
            timer.scheduleWithFixedDelay(this::checkpoint, interval, interval, TimeUnit.MILLISECONDS);
            checkpoints = timer;
        }
    }

    private <T> CompletableFuture<T> async(ExecutorService pool, Supplier<T> collect) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return collect.get();
            } catch (Throwable t) {
                warnings.add("collector failed: " + t);
                return null;
            }
        }, pool);
    }

    private Path openLedger() {
        Ledger wanted = new Ledger(config.dir());
        try {
            wanted.ensureWritable();
            ledger = wanted;
        } catch (IOException | RuntimeException e) {
            Path fallback = Paths.get(System.getProperty("java.io.tmpdir"), "runledger-" + System.getProperty("user.name", "user"));
            String message = "ledger directory '" + config.dir() + "' (key 'dir') is not writable (" + e
                    + "); writing to " + fallback + " instead";
            Log.warn(message);
            warnings.add(message);
            ledger = new Ledger(fallback);
            try {
                ledger.ensureWritable();
            } catch (IOException | RuntimeException again) {
                Log.warn("cannot write to " + fallback + " either (" + again + "); this run will not be recorded");
            }
        }
        return ledger.dir();
    }

    private Ledger ledger() {
        if (ledger == null) {
            openLedger();
        }
        return ledger;
    }

    private DependencyCollector dependencies() {
        if (dependencies == null) {
            synchronized (this) {
                if (dependencies == null) {
                    hashes = new HashEngine(new HashCache(ledger().dir().resolve("cache").resolve("hashes.tsv")), config.hashThreads());
                    dependencies = new DependencyCollector(hashes, agentJar);
                }
            }
        }
        return dependencies;
    }

    // ---- hooks (called on application threads: bookkeeping only) ----

    public void onExit(int status) {
        exits.exitCalled(status);
    }

    public void onUncaughtException(Thread thread, Throwable error) {
        exits.uncaught(thread, error);
    }

    void onSignal(String name, int number) {
        exits.signalled(name, number);
    }

    public long onTrainingStart(String framework, Object model, String entryPoint) {
        begin();
        synchronized (trainings) {
            TrainingRecord t = new TrainingRecord(trainings.size(), framework,
                    model == null ? null : model.getClass().getName(), entryPoint, Instant.now());
            trainings.add(t);
            return t.index + 1L;
        }
    }

    public void onTrainingEnd(long handle, Throwable error) {
        if (handle <= 0 || handle > trainings.size()) {
            return;
        }
        trainings.get((int) handle - 1).end(Instant.now(), error == null ? null : FailureInfo.of(error, redactor::redactValue));
    }

    // ---- writing ----

    /** Rewrites the RUNNING snapshot; a later SIGKILL loses at most one interval. */
    void checkpoint() {
        try {
            synchronized (writeLock) {
                if (finished.get() || ledger == null) {
                    return;
                }
                Snapshot s = build(RunStatus.RUNNING, null, null, null, null);
                ledger.writeSnapshot(id, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
                if (hashes != null) {
                    hashes.saveCache();
                }
            }
        } catch (Throwable t) {
            Log.warnOnce("checkpoint", "checkpoint failed (" + t + "); the final snapshot is still written at exit");
        }
    }

    /** The shutdown hook: waits for collection up to {@code flush.timeout}, then writes and chains the final snapshot. */
    void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (!begun.get()) {
            return;   // nothing trained: nothing to record
        }
        long deadline = System.nanoTime() + flushDeadlineNanos;
        try {
            ScheduledExecutorService timer = checkpoints;
            if (timer != null) {
                timer.shutdownNow();
            }
            ExitTracker.Outcome outcome = exits.outcome();
            Instant end = Instant.now();
            await(ledgerReady, deadline);
            for (CompletableFuture<?> f : new CompletableFuture<?>[] {process, jvm, environment, code, host}) {
                await(f, deadline);
            }
            if (ledger == null) {
                Log.warn("run " + id + " not recorded: the ledger directory was not ready within flush.timeout");
                return;
            }
            DependencyCollector deps = dependencies();
            deps.prepare(DependencyCollector.classPath());
            deps.prepare(codeSources.locations());
            deps.awaitHashes(deadline);
            long writeStart = System.nanoTime();
            Snapshot s;
            byte[] json;
            long serialized;
            synchronized (writeLock) {
                s = build(outcome.status, end, outcome.exitCode, outcome.signal, outcome.failure);
                json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
                serialized = System.nanoTime();
                ledger.finish(id, outcome.status.name(), json);
            }
            hashes.saveCache();
            if (config.debug()) {
                Log.warn("flushed run " + id + " (" + json.length + " bytes): build+serialize "
                        + millis(serialized - writeStart) + " ms, write+chain " + millis(System.nanoTime() - serialized)
                        + " ms; waited for collection " + millis(writeStart - (deadline - flushDeadlineNanos)) + " ms; pending: " + s.pending);
            }
        } catch (Throwable t) {
            Log.warn("could not write the final snapshot of run " + id + " (" + t + ")");
        }
    }

    private static double millis(long nanos) {
        return nanos / 100_000 / 10.0;
    }

    private static void await(CompletableFuture<?> f, long deadline) {
        if (f == null) {
            return;
        }
        long left = deadline - System.nanoTime();
        try {
            f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (Exception stillRunning) {
            // written as pending
        }
    }

    private Snapshot build(RunStatus status, Instant end, Integer exitCode, String signal, Throwable failure) {
        List<String> pending = new ArrayList<>();
        ProcessInfo p = done(process, "process", pending);
        JvmInfo j = done(jvm, "jvm", pending);
        HostInfo h = done(host, "host", pending);
        EnvironmentInfo env = done(environment, "environment", pending);
        CodeInfo c = done(code, "code", pending);
        boolean[] depsPending = {false};
        List<Dependency> deps = dependencies().collect(DependencyCollector.classPath(), codeSources.locations(), depsPending);
        if (depsPending[0]) {
            pending.add("dependencies.sha256");
        }
        List<Training> ts = new ArrayList<>();
        synchronized (trainings) {
            for (TrainingRecord t : trainings) {
                ts.add(t.toSnapshot());
            }
        }
        Long duration = end == null ? null : Duration.between(startedAt, end).toMillis();
        RunInfo run = new RunInfo(id, name, config.externalRunId().isEmpty() ? null : config.externalRunId(),
                status.name(), startedAt.toString(), end == null ? null : end.toString(), duration, exitCode, signal,
                failure == null ? null : FailureInfo.of(failure, redactor::redactValue),
                attachedAt == null ? null : attachedAt.toString(),
                config.capture().name().toLowerCase(java.util.Locale.ROOT), agentVersion);
        List<String> w;
        synchronized (warnings) {
            w = new ArrayList<>(warnings);
        }
        if (attachedAt != null) {
            w.add("agent attached at " + attachedAt + ": what happened before that is unknown");
        }
        return new Snapshot(run, p, j, h, c, Collections.unmodifiableList(deps), env, config.effective(),
                Collections.unmodifiableList(ts), Collections.emptyList(), Collections.emptyList(),
                Collections.unmodifiableList(w), Collections.unmodifiableList(pending));
    }

    private static <T> T done(CompletableFuture<T> f, String section, List<String> pending) {
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            return f.join();
        }
        pending.add(section);
        return null;
    }

    /** Daemon threads whose context loader is the agent's own, so libraries using ServiceLoader find their providers. */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        ClassLoader agentLoader = RunRecorder.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(agentLoader);
            return t;
        };
    }
}
