package io.runledger.agent;

import io.runledger.collect.CodeSourceRecorder;
import io.runledger.collect.DependencyCollector;
import io.runledger.collect.ProcessCollector;
import io.runledger.config.Config;
import io.runledger.config.LedgerMode;
import io.runledger.files.FileReads;
import io.runledger.files.PathReads;
import io.runledger.hash.HashCache;
import io.runledger.hash.HashEngine;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.JdkExitHooks;
import io.runledger.instrument.PatchCache;
import io.runledger.instrument.Modules;
import io.runledger.instrument.ObjectStreamHook;
import io.runledger.instrument.WovenClassCache;
import io.runledger.instrument.jdbc.JdbcQueries;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.LedgerKey;
import io.runledger.ledger.LostRuns;
import io.runledger.ledger.ModelStatement;
import io.runledger.metrics.MetricsExport;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.RunStatus;
import io.runledger.lineage.LineageEmitter;
import io.runledger.snapshot.ExecutorInfo;
import io.runledger.snapshot.Snapshot;
import io.runledger.util.Log;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run's lifecycle: created cheaply in premain, begun at the first training (or at once with
 * {@code capture=always}), checkpointed while RUNNING, finished once at shutdown. The parts it wires
 * together: {@link TrainingEvents} (framework events into the registries {@link Trainings},
 * {@link DataSources}, {@link Artifacts}), {@link EnvironmentCollection} (context sections),
 * {@link SnapshotAssembler} (state into a snapshot), {@link SnapshotWriter} (to the ledger) and the
 * metrics as a {@link RunListener}. Nothing here runs on the application's threads except begin().
 */
final class RunRecorder {

    /** Epochs can be a few milliseconds long: checkpoint at an epoch end only if the last one is this old. */
    private static final long EPOCH_CHECKPOINT_GAP_NANOS = 1_000_000_000L;

    private final Config config;
    private final Instrumentation inst;
    private final CodeSourceRecorder codeSources;
    private final Path agentJar;
    private final ExitTracker exits;
    private final SnapshotAssembler.Identity identity;
    private final long flushDeadlineNanos;
    /** Files read through the JDK (null when that capture is off); tracked from premain on. */
    private final FileReads fileReads;
    private final JdbcQueries queries;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Trainings trainings = new Trainings();
    private final DataSources dataSources;
    private final Artifacts artifacts = new Artifacts();
    private final EnvironmentCollection environment = new EnvironmentCollection();
    private final TrainingEvents events;
    private final SnapshotAssembler assembler;
    private final SnapshotWriter writer;

    private final AtomicBoolean begun = new AtomicBoolean();
    private final AtomicBoolean firstCheckpointQueued = new AtomicBoolean();
    private final Object exitHooksLock = new Object();
    private boolean exitHooksInstalled;   // guarded by exitHooksLock
    /** The longest a run goes without a RUNNING snapshot on disk (shorter when checkpoint.interval is). */
    static final long FIRST_CHECKPOINT_MILLIS = 1000;

    private LineageEmitter lineage;
    private boolean lineageChecked;
    private final AtomicBoolean prepared = new AtomicBoolean();
    private ExecutorService collectPool;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** What the JVM first did with a model before any recording began (null: nothing). */
    private final AtomicReference<String> unrecordedSave = new AtomicReference<>();
    private volatile Redactor redactor;
    private volatile Instant startedAt;
    private volatile String agentVersion;
    private volatile Ledger ledger;
    /** Neither the configured directory nor the fallback is a safe place: this run is not written. */
    private volatile boolean unwritable;
    /** Never released: the OS releases it when this JVM ends. */
    @SuppressWarnings("unused")
    private volatile java.nio.channels.FileLock runLock;
    private volatile HashEngine hashes;
    private volatile DependencyCollector dependencies;
    private volatile ScheduledExecutorService checkpoints;
    private volatile MetricsExport metrics;
    private volatile long lastCheckpointNanos;
    private boolean connected;

    /** Cheap on purpose: it runs in premain, where every millisecond delays the application's main. */
    RunRecorder(Config config, Instrumentation inst, CodeSourceRecorder codeSources, Path agentJar, Thread mainThread,
                boolean attached, String runId, FileReads fileReads) {
        this.config = config;
        this.fileReads = fileReads;
        this.queries = new JdbcQueries(config.jdbcHashRows());
        this.inst = inst;
        this.codeSources = codeSources;
        this.agentJar = agentJar;
        this.exits = new ExitTracker(mainThread);
        this.identity = new SnapshotAssembler.Identity(runId, config.runName().isEmpty() ? defaultName() : config.runName(),
                attached ? Instant.now() : null);
        this.flushDeadlineNanos = config.flushTimeout().toNanos();
        this.dataSources = new DataSources(config.hashRemote());
        this.events = new TrainingEvents(new EventsRecorder(), attached, trainings, dataSources, artifacts);
        this.assembler = new SnapshotAssembler(config, identity, trainings, dataSources, artifacts, queries, fileReads,
                environment, this::dependencies, codeSources, warnings);
        this.writer = new SnapshotWriter(runId, this::redactor);
        warnings.addAll(config.warnings());
    }

    String id() {
        return identity.id;
    }

    /** This recorder as the training events see it. */
    private final class EventsRecorder implements TrainingEvents.Recorder {
        @Override
        public void begin() {
            RunRecorder.this.begin();
        }

        @Override
        public Redactor redactor() {
            return RunRecorder.this.redactor();
        }

        @Override
        public void epochEnded() {
            RunRecorder.this.epochEnded();
        }

        @Override
        public void trainingEnded() {
            firstCheckpoint();
        }

        @Override
        public void modelUsed(String what) {
            RunRecorder.this.modelUsed(what);
        }

        @Override
        public java.util.concurrent.Executor background() {
            return collectPool();
        }
    }

    JdbcQueries queries() {
        return queries;
    }

    TrainingEvents events() {
        return events;
    }

    ExitTracker exits() {
        return exits;
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
     * the calling thread pays at most for the exit hooks, which must be in place before it could call
     * {@code System.exit} (usually the collection thread has put them in already); everything slow
     * happens on daemon threads.
     */
    void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        ExecutorService pool = collectPool();
        if (MetricsExport.wanted(config)) {
            events.expectListener();
            pool.execute(this::startMetrics);   // first: the endpoint should be up while the training runs
        }
        prepare();
        installExitHooks();   // at once when the collection thread has not done it yet
        Signals.install(exits::signalled);
        Runtime.getRuntime().addShutdownHook(new Thread(this::finish, "runledger-shutdown"));
        // The rest is the collection thread's, as one task: each method reference or lambda linked here cost
        // the program's thread about half a millisecond on its first use, and the timer's classes more.
        pool.execute(this::beginInBackground);
    }

    /** What {@link #begin} leaves to the collection thread, in order; a step that fails does not stop the next. */
    private void beginInBackground() {
        step("start time", this::startedAt);   // the management beans cost 25-30 ms on their first use: not the program's
        step("ledger", this::ledger);
        step("agent version", () -> agentVersion = AgentVersion.of(agentJar));
        step("data hashing", () -> dataSources.startHashing(hashes(), singleThread("runledger-files")));
        if (fileReads != null) {
            step("file reads", () -> fileReads.listen(this::onFileRead));   // replays what was read before this run began
        }
        step("lost runs", () -> {
            Ledger l = ledger();
            if (l != null) {
                LostRuns.markAfterKills(l);
            }
        });
        step("checkpoints", this::startCheckpoints);
    }

    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            Log.warnOnce("begin-" + what, "recording: " + what + " failed (" + e + ")");
        }
    }

    private void startCheckpoints() {
        // The checkpoint thread also serves epoch ends, so it exists even when periodic checkpoints are off.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("runledger-checkpoint"));
        long interval = config.checkpointInterval().toMillis();
        // A first checkpoint once the environment is in (queued behind the collectors), so a SIGKILL leaves a
        // record: when the first training ends (its record is then worth keeping, and the program's core is
        // free of it), or FIRST_CHECKPOINT (or the interval, if shorter) into a training that goes on.
        long first = interval > 0 ? Math.min(interval, FIRST_CHECKPOINT_MILLIS) : FIRST_CHECKPOINT_MILLIS;
        timer.schedule(this::firstCheckpoint, first, TimeUnit.MILLISECONDS);
        if (interval > 0) {
            timer.scheduleWithFixedDelay(this::checkpoint, interval, interval, TimeUnit.MILLISECONDS);
        }
        checkpoints = timer;
        if (finished.get()) {
            timer.shutdownNow();   // the run ended before this step ran: no checkpoint after the final snapshot
        }
    }

    /**
     * Starts what takes longest and does not depend on a training — the environment collectors and the
     * class path's hashes — on the collection thread, once. Called when a framework's first class loads
     * (the program is still loading data and building its model then, so the work overlaps that rather
     * than the training) and by {@link #begin}. Nothing is written unless a run begins.
     */
    void prepare() {
        if (!prepared.compareAndSet(false, true)) {
            return;
        }
        Redactor r = new Redactor(config.redactNames(), config.redactAllow());
        redactor = r;
        Log.redactWith(r);
        ExecutorService pool = collectPool();
        pool.execute(this::installExitHooks);   // first: a training may begin soon, and it must find them in place
        environment.start(pool, r, warnings::add);
        pool.execute(() -> dependencies().prepare(DependencyCollector.classPath()));
    }

    /**
     * Reports {@code System.exit} codes and uncaught exceptions to this recorder, and models written with
     * Java serialization when a module's framework does that: retransforms JDK classes (20-40 ms), once.
     * Done on the collection thread once a framework loads, so the first training seldom waits for it;
     * {@link #begin} makes sure of it all the same, since the program may call {@code System.exit} next.
     * Until a run begins, what the hooks report is kept and written nowhere.
     */
    private void installExitHooks() {
        synchronized (exitHooksLock) {
            if (exitHooksInstalled) {
                return;
            }
            exitHooksInstalled = true;
            try {
                connect();
                PatchCache patches = PatchCache.shared(agentJar == null ? null : agentJar.toFile());
                JdkExitHooks.install(inst, patches);
                if (Modules.javaSerializedModels(config)) {
                    ObjectStreamHook.install(inst, patches);
                }
            } catch (Throwable t) {
                warnings.add("exit-status hooks unavailable (" + t + "): exit codes of System.exit calls are not recorded");
            }
        }
    }

    /** Queues {@link #prepare} on the collection thread, so a class-loading thread pays nothing for it. */
    void prepareSoon() {
        if (!prepared.get()) {
            collectPool().execute(this::prepare);
        }
    }

    private synchronized ExecutorService collectPool() {
        if (collectPool == null) {
            collectPool = singleThread("runledger-collect");
        }
        return collectPool;
    }

    private void startMetrics() {
        MetricsExport m = MetricsExport.start(config, identity.id, identity.name, ProcessCollector.mainClass());
        if (m != null) {
            metrics = m;
            dataSources.listen(m.metrics());
        }
        events.listen(m == null ? null : m.metrics());
    }

    /** Puts the bootstrap API in the boot loader (once per JVM) and routes it here. */
    synchronized void connect() throws IOException {
        if (!connected) {
            BootstrapInjector.inject(inst, agentJar.toFile());
            BootstrapConnection.connect(fileReads, this);   // loaded only now that the bootstrap API exists
            connected = true;
        }
    }

    /** A file the application read through the JDK (first read; the application's thread). */
    private void onFileRead(PathReads reads) {
        dataSources.add(Paths.get(reads.path), "jdk", reads);
    }

    /**
     * A model was saved or loaded ({@code what}: e.g. "saved a dl4j model", "loaded a tribuo model"). If
     * nothing has been recorded by the time the JVM exits (capture=training and no training), the user is
     * told once, naming the first, why there is no run rather than finding none.
     */
    private void modelUsed(String what) {
        if (!begun.get() && unrecordedSave.compareAndSet(null, what)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!begun.get()) {
                    Log.warn("this JVM " + what + " but trained nothing, so no run was recorded (capture=training); "
                            + "add capture=always to the agent arguments to record it");
                }
            }, "runledger-unrecorded"));
        }
    }

    /**
     * Queues the run's first checkpoint behind the collectors, once. Besides keeping the record, it loads
     * and runs the snapshot's writing code while the program still works, so the final flush at exit,
     * which the program waits for, finds that code ready (a short job's flush 110 -> 60 ms).
     */
    private void firstCheckpoint() {
        ExecutorService pool = collectPool;   // called at every training's end: after the first, one volatile read
        if (pool != null && !firstCheckpointQueued.get() && firstCheckpointQueued.compareAndSet(false, true)) {
            pool.execute(this::checkpoint);
            pool.execute(() -> ModelStatement.warmUp(redactor()));   // the rest of what the final flush runs
        }
    }

    private void epochEnded() {
        ScheduledExecutorService timer = checkpoints;
        if (timer != null && System.nanoTime() - lastCheckpointNanos > EPOCH_CHECKPOINT_GAP_NANOS) {
            lastCheckpointNanos = System.nanoTime();
            timer.execute(this::checkpoint);   // an epoch end is worth a checkpoint; never on the training thread
        }
    }

    /**
     * The configured directory when it is writable and safe, else the user's own temp directory under the
     * same rules; when neither is, the run is not written (one line says why) and the application runs on.
     */
    private void openLedger() {
        Ledger wanted = new Ledger(config.dir(), config.ledgerMode());
        try {
            wanted.ensureWritable();
            ledger = signed(wanted);
        } catch (IOException | RuntimeException e) {
            Path fallback = Config.userTempDir();
            Ledger other = new Ledger(fallback, LedgerMode.PRIVATE);
            try {
                other.ensureWritable();
                ledger = signed(other);
                String message = "ledger directory '" + config.dir() + "' (key 'dir') cannot be used (" + e.getMessage()
                        + "); writing to " + fallback + " instead";
                Log.warn(message);
                warnings.add(message);
            } catch (IOException | RuntimeException again) {
                Log.warn("this run will not be recorded: ledger directory '" + config.dir() + "' (key 'dir') cannot be used ("
                        + e.getMessage() + ") and neither can " + fallback + " (" + again.getMessage() + ")");
                unwritable = true;
            }
        }
    }

    /**
     * The ledger with the configured signing key, and this run's liveness lock taken: held until the JVM
     * exits, it is how a later writer knows this run is alive, whatever PID namespace it looks from.
     */
    private Ledger signed(Ledger l) {
        runLock = l.holdRunLock(identity.id);
        String keyFile = config.ledgerSigningKey();
        if (!keyFile.isEmpty()) {
            try {
                LedgerKey key = LedgerKey.fromSetting(keyFile);
                key.warmUp();   // opened on the collection thread: the exit's flush then signs with warm code
                l.signWith(key);
            } catch (Exception e) {
                String message = "the ledger signing key (key 'ledger.signing-key') cannot be used (" + e.getMessage()
                        + "); this run's entry is unsigned";
                Log.warn(message);
                warnings.add(message);
            }
        }
        return l;
    }

    /** The ledger, opened on first use; null when no safe place to write exists. */
    private synchronized Ledger ledger() {   // the shutdown hook waits for an opening under way, and for its warning
        if (ledger == null && !unwritable) {
            openLedger();
        }
        return ledger;
    }

    /** The OpenLineage emitter when a file or URL is configured (made once), else null. */
    private synchronized LineageEmitter lineage() {
        if (lineage == null && !lineageChecked) {
            lineageChecked = true;
            if (config.openLineageFile().isEmpty() && config.openLineageUrl().isEmpty()) {
                return null;   // the emitter's class (and the JSON tree classes it uses) are never loaded
            }
            Ledger l = ledger;
            lineage = LineageEmitter.of(config.openLineageFile(), config.openLineageUrl(), config.openLineageNamespace(),
                    l == null ? config.ledgerMode() : l.mode(), this::redactor);
        }
        return lineage;
    }

    private DependencyCollector dependencies() {
        if (dependencies == null) {
            synchronized (this) {
                if (dependencies == null) {
                    Ledger l = ledger();
                    hashes = new HashEngine(new HashCache(l == null ? null : l.dir().resolve("cache").resolve("hashes.tsv"), l == null
                            ? LedgerMode.PRIVATE : l.mode()), config.hashThreads(), config.hashSampleAbove());
                    dependencies = new DependencyCollector(hashes, agentJar);
                }
            }
        }
        return dependencies;
    }

    private HashEngine hashes() {
        dependencies();
        return hashes;
    }

    private Redactor redactor() {
        Redactor r = redactor;
        return r == null ? Redactor.defaults() : r;
    }

    /** When the JVM started (the run's start), read once off the program's thread. */
    private Instant startedAt() {
        Instant s = startedAt;
        if (s == null) {
            s = ProcessCollector.jvmStart();
            startedAt = s;
        }
        return s;
    }

    /** Rewrites the RUNNING snapshot; a later SIGKILL loses at most one interval. */
    void checkpoint() {
        try {
            Ledger l = ledger;
            if (finished.get() || l == null) {
                return;
            }
            trainings.workOutLateFingerprints();
            if (writer.checkpoint(l, () -> assembler.build(RunStatus.RUNNING, startedAt(), null, null, null, null, agentVersion,
                    redactor(), ExecutorParts.read(l.dir(), l.mode(), trainings.workerGroups(), false, 0L, 0L)))) {
                LineageEmitter lineage = lineage();
                if (lineage != null) {
                    lineage.start(() -> assembler.build(RunStatus.RUNNING, startedAt(), null, null, null, null, agentVersion, redactor(),
                            null), agentVersion);
                }
                MetricsExport m = metrics;
                if (m != null) {
                    m.checkpoint();
                }
                lastCheckpointNanos = System.nanoTime();
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
        if (!finished.compareAndSet(false, true) || !begun.get()) {
            return;   // already done, or nothing trained: nothing to record
        }
        long deadline = System.nanoTime() + flushDeadlineNanos;
        try {
            writer.close();
            ScheduledExecutorService timer = checkpoints;
            if (timer != null) {
                timer.shutdownNow();
            }
            ExitTracker.Outcome outcome = exits.outcome();
            Instant end = Instant.now();
            trainings.endUnobserved(end);
            if (ledger() == null) {   // a mkdir and a probe: not worth losing the run over, whatever flush.timeout says
                return;   // no safe place: said when the directories were tried
            }
            environment.await(deadline);
            trainings.awaitDescriptions(deadline);
            DependencyCollector deps = dependencies();
            deps.prepare(DependencyCollector.classPath());
            deps.prepare(codeSources.locations());
            dataSources.startHashing(hashes, null);
            if (fileReads != null) {
                events.linkModelBytes(fileReads.writtenPaths());
            }
            artifacts.startHashing(hashes);   // model files only now: whoever wrote them is done
            deps.awaitHashes(deadline);
            awaitFiles(deadline);
            events.settleHandEvaluations();   // their figures are final now
            trainings.workOutLateFingerprints();
            long writeStart = System.nanoTime();
            List<ExecutorInfo> executors = ExecutorParts.read(ledger.dir(), ledger.mode(), trainings.workerGroups(), true, deadline,
                    config.checkpointInterval().toMillis());
            Snapshot s = assembler.build(outcome.status, startedAt(), end, outcome.exitCode, outcome.signal, outcome.failure,
                    agentVersion, redactor(), executors);
            long built = System.nanoTime();
            byte[] json = writer.writeFinal(ledger, s);
            LineageEmitter lineage = lineage();
            if (lineage != null) {
                lineage.finish(s, agentVersion, deadline);
            }
            hashes.saveCache();
            MetricsExport m = metrics;
            if (m != null) {
                m.finish(outcome.status == RunStatus.SUCCEEDED, deadline);
            }
            if (config.debug()) {
                Log.warn("flushed run " + identity.id + " (" + json.length + " bytes) in " + millis(System.nanoTime() - writeStart)
                        + " ms (assembled in " + millis(built - writeStart) + " ms); waited for collection "
                        + millis(writeStart - (deadline - flushDeadlineNanos)) + " ms; pending: " + s.pending);
            }
        } catch (Throwable t) {
            Log.warn("could not write the final snapshot of run " + identity.id + " (" + t + ")");
        } finally {
            WovenClassCache.saveAll();   // classes loaded while reading the program's objects just now
        }
    }

    private void awaitFiles(long deadline) {
        List<FileRecord> all = new ArrayList<>(dataSources.all());
        all.addAll(artifacts.all());
        for (FileRecord r : all) {
            EnvironmentCollection.awaitDone(r.hash(), deadline);
        }
    }

    private static double millis(long nanos) {
        return nanos / 100_000 / 10.0;
    }

    /**
     * One daemon thread with an unbounded queue, as {@code Executors.newSingleThreadExecutor} makes it but
     * without the wrapper class that has a finalizer: the first class with a finalizer the JVM loads
     * throws away compiled code of the program's that was optimised on there being none.
     */
    static ExecutorService singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemon(name));
    }

    /** Daemon threads whose context loader is the agent's own, so libraries using ServiceLoader find their providers. */
    static ThreadFactory daemon(String name) {
        ClassLoader agentLoader = RunRecorder.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(agentLoader);
            return t;
        };
    }
}
