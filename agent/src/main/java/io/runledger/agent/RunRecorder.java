package io.runledger.agent;

import io.runledger.files.FileReads;
import io.runledger.files.PathReads;
import io.runledger.files.DirectorySources;
import io.runledger.instrument.jdbc.JdbcQueries;
import io.runledger.hash.FileHash;
import io.runledger.metrics.RunMetrics;
import io.runledger.metrics.Pushgateway;
import io.runledger.metrics.MetricsServer;
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
import io.runledger.instrument.ObjectStreamHook;
import io.runledger.hash.HashEngine;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.LostRuns;
import io.runledger.redact.Redactor;
import io.runledger.instrument.FrameworkInspector;
import io.runledger.instrument.Frameworks;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.FeatureStep;
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
import io.runledger.util.Reflect;

import java.io.IOException;
import java.nio.file.Files;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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
    /** Files read through the JDK (null when that capture is off); tracked from premain on. */
    private final FileReads fileReads;
    private final JdbcQueries queries;

    private final AtomicBoolean begun = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Object writeLock = new Object();
    private final List<TrainingRecord> trainings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<FileRecord> dataFiles = new ArrayList<>();
    private final Map<Path, FileRecord> dataFileByPath = new HashMap<>();
    private final Map<Object, List<Path>> readerFiles = Collections.synchronizedMap(new WeakHashMap<>());
    private final List<FeatureStep> featureSteps = new ArrayList<>();
    private final List<FileRecord> artifacts = new ArrayList<>();

    private volatile Redactor redactor;
    private volatile Instant startedAt;
    private volatile Ledger ledger;
    private volatile HashEngine hashes;
    private volatile DependencyCollector dependencies;
    private volatile ExecutorService collector;
    private volatile ScheduledExecutorService checkpoints;
    /** Takes stats and hash starts of files read through the JDK off the reading thread. */
    private volatile ExecutorService fileStarts;
    private volatile CompletableFuture<ProcessInfo> process;
    private volatile CompletableFuture<JvmInfo> jvm;
    private volatile CompletableFuture<EnvironmentInfo> environment;
    private volatile CompletableFuture<CodeInfo> code;
    private volatile CompletableFuture<HostInfo> host;
    private volatile TrainingRecord active;
    /** Null unless prometheus.port is set; the Micrometer classes load only then. */
    private volatile RunMetrics metrics;
    private volatile Pushgateway pushgateway;
    /** Epochs can be a few milliseconds long: checkpoint at an epoch end only if the last one is this old. */
    private static final long EPOCH_CHECKPOINT_GAP_NANOS = 1_000_000_000L;
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
        this.id = runId;
        this.attachedAt = attached ? Instant.now() : null;
        this.name = config.runName().isEmpty() ? defaultName() : config.runName();
        this.flushDeadlineNanos = config.flushTimeout().toNanos();
        warnings.addAll(config.warnings());
    }

    String id() {
        return id;
    }

    JdbcQueries queries() {
        return queries;
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
        if (fileReads != null) {
            fileStarts = Executors.newSingleThreadExecutor(daemon("runledger-files"));
            fileReads.listen(this::onFileRead);   // replays what was read before this run began
        }
        try {
            connect();
            JdkExitHooks.install(inst);
            if (config.instrumentationEnabled("tribuo") || config.instrumentationEnabled("smile")) {
                ObjectStreamHook.install(inst);   // Tribuo and Smile models are also saved with plain Java serialization
            }
        } catch (Throwable t) {
            warnings.add("exit-status hooks unavailable (" + t + "): exit codes of System.exit calls are not recorded");
        }
        Signals.install(this::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(this::finish, "runledger-shutdown"));
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon("runledger-collect"));
        collector = pool;
        if (config.prometheusPort() > 0 || !config.pushgatewayUrl().isEmpty()) {
            pool.execute(this::startMetrics);   // first: the endpoint should be up while the training runs
        }
        pool.execute(this::ledger);
        pool.execute(() -> agentVersion = AgentVersion.of(agentJar));
        process = async(pool, () -> ProcessCollector.collect(redactor));
        jvm = async(pool, JvmCollector::collect);
        environment = async(pool, () -> EnvironmentCollector.collect(redactor));
        code = async(pool, () -> GitCollector.collect(Paths.get(System.getProperty("user.dir", ".")), redactor));
        host = async(pool, HostCollector::collect);
        pool.execute(() -> dependencies().prepare(DependencyCollector.classPath()));
        pool.execute(this::hashRecordedFiles);
        pool.execute(() -> LostRuns.markAll(ledger()));
        // A first checkpoint as soon as the environment is in: it survives an early SIGKILL and warms
        // Jackson up, so the final flush at shutdown is quick.
        pool.execute(this::checkpoint);
        // The checkpoint thread also serves epoch ends, so it exists even when periodic checkpoints are off.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("runledger-checkpoint"));
        long interval = config.checkpointInterval().toMillis();
        if (interval > 0) {
            timer.scheduleWithFixedDelay(this::checkpoint, interval, interval, TimeUnit.MILLISECONDS);
        }
        checkpoints = timer;
    }

    private void startMetrics() {
        try {
            RunMetrics m = new RunMetrics(id, name, ProcessCollector.mainClass());
            if (config.prometheusPort() > 0) {
                MetricsServer.start(m, config.prometheusHost(), config.prometheusPort());
            }
            if (!config.pushgatewayUrl().isEmpty()) {
                pushgateway = new Pushgateway(config.pushgatewayUrl(), config.pushgatewayJob(), name,
                        config.pushgatewayAuthEnv());
            }
            metrics = m;
            List<FileRecord> before;
            synchronized (dataFiles) {
                before = new ArrayList<>(dataFiles);
            }
            for (FileRecord r : before) {
                countFile(r, m);   // read before the metrics existed (e.g. a reader opened before fit)
            }
        } catch (Throwable t) {
            Log.warn("metrics unavailable (" + t + "); the snapshot is recorded as usual");
        }
    }

    /** Puts the bootstrap API in the boot loader (once per JVM) and routes it here. */
    synchronized void connect() throws IOException {
        if (!connected) {
            BootstrapInjector.inject(inst, agentJar.toFile());
            BootstrapConnection.connect(fileReads, this);   // loaded only now that the bootstrap API exists
            connected = true;
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
            Path fallback = Config.userTempDir();
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
                    hashes = new HashEngine(new HashCache(ledger().dir().resolve("cache").resolve("hashes.tsv")), config.hashThreads(),
                            config.hashSampleAbove());
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

    public long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        TrainingRecord current = active;
        if (current != null && current.running() && current.isFor(model) && current.entryPoint.startsWith("(already running")) {
            // the outer call began before the agent attached (e.g. fit(iterator, epochs) looping over
            // fit(iterator)): its inner calls are that same training, not new ones
            return 0L;
        }
        begin();
        TrainingRecord t;
        synchronized (trainings) {
            t = new TrainingRecord(trainings.size(), framework, model, entryPoint, Instant.now());
            trainings.add(t);
        }
        active = t;
        FrameworkInspector inspector = Frameworks.inspector(framework);
        if (inspector != null) {
            List<FeatureStep> steps;
            synchronized (featureSteps) {
                steps = new ArrayList<>(featureSteps);
            }
            inspector.watchLoss((iteration, loss) -> onLoggedLoss(framework, iteration, loss));
            for (Path file : inspector.trainingFiles(model, arguments)) {
                addDataFile(file, framework);
            }
            t.describe(inspector.version(model), inspector.hyperparameters(model, entryPoint, arguments), inspector.seeds(model),
                    inspector.dataInputs(model, arguments, this::filesOf), steps, inspector.details(model));
            for (String w : inspector.warnings(model, arguments)) {
                t.warn(w);
                Log.warnOnce("training-warning:" + w, w);
            }
        }
        return t.index + 1L;
    }

    public void onTrainingEnd(long handle, Object result, Throwable error) {
        TrainingRecord t = training(handle);
        if (t == null) {
            return;
        }
        FrameworkInspector inspector = Frameworks.inspector(t.framework);
        if (inspector != null && result != null) {
            t.describeResult(inspector.resultDetails(result), inspector.resultFeatureSteps(result), result);
        }
        Instant now = Instant.now();
        t.end(now, error == null ? null : FailureInfo.of(error, redactor::redactValue));
        RunMetrics m = metrics;
        if (m != null) {
            m.trainingEnded(t.framework, t.modelType, Duration.between(t.startedAt, now), error != null);
        }
    }

    public void onNestedCall(String framework, Object method, Object[] arguments) {
        TrainingRecord t = active;
        FrameworkInspector inspector = Frameworks.inspector(framework);
        if (t != null && t.running() && inspector != null) {
            t.addHyperparameters(inspector.nestedCall(method, arguments));
        }
    }

    /** Series fed from a framework's log (Tribuo's SGD trainers log their loss), for the active training. */
    void onLoggedLoss(String framework, long iteration, double loss) {
        TrainingRecord t = active;
        if (t != null && t.running() && framework.equals(t.framework)) {
            t.iterationScores.add(iteration, -1, loss);
            RunMetrics m = metrics;
            if (m != null) {
                m.iteration(framework, t.modelType, loss);
            }
        }
    }

    private TrainingRecord training(long handle) {
        synchronized (trainings) {
            return handle <= 0 || handle > trainings.size() ? null : trainings.get((int) handle - 1);
        }
    }

    /** The latest training of {@code model}, else the latest training at all. */
    private TrainingRecord trainingOf(Object model) {
        TrainingRecord a = active;
        if (a != null && a.isFor(model)) {
            return a;
        }
        synchronized (trainings) {
            for (int i = trainings.size() - 1; i >= 0; i--) {
                if (trainings.get(i).isFor(model)) {
                    return trainings.get(i);
                }
            }
            return trainings.isEmpty() ? null : trainings.get(trainings.size() - 1);
        }
    }

    /** Hot path (every optimisation step): one identity check and a reflective read of three numbers. */
    public void onIteration(String framework, Object model) {
        TrainingRecord t = active;
        if (t == null || !t.isFor(model)) {
            t = trainingOf(model);
        }
        if ((t == null || !t.isFor(model)) && attachedAt != null) {
            // a training that was already running when the agent attached: record it from here on
            onTrainingStart(framework, model, "(already running when the agent attached)", null);
            t = active;
        }
        FrameworkInspector inspector = Frameworks.inspector(framework);
        if (t == null || inspector == null) {
            return;
        }
        double[] p = inspector.progress(model);
        if (p != null) {
            t.iterationScores.add((long) p[1], (int) p[2], p[0]);
            RunMetrics m = metrics;
            if (m != null) {
                m.iteration(framework, t.modelType, p[0]);
            }
        }
    }

    public void onEpochEnd(String framework, Object model) {
        TrainingRecord t = trainingOf(model);
        FrameworkInspector inspector = Frameworks.inspector(framework);
        if (t != null && inspector != null) {
            double[] p = inspector.progress(model);
            if (p != null) {
                t.epochScores.add((long) p[2], (int) p[2], p[0]);
            }
            RunMetrics m = metrics;
            if (m != null) {
                m.epoch(framework, t.modelType);
            }
        }
        ScheduledExecutorService timer = checkpoints;
        if (timer != null && System.nanoTime() - lastCheckpointNanos > EPOCH_CHECKPOINT_GAP_NANOS) {
            lastCheckpointNanos = System.nanoTime();
            timer.execute(this::checkpoint);   // an epoch end is worth a checkpoint; never on the training thread
        }
    }

    public void onDataSource(String framework, Object reader, Object source) {
        FrameworkInspector inspector = Frameworks.inspector(framework);
        if (inspector == null) {
            return;
        }
        List<Path> files = inspector.files(reader, source);
        if (files == null || files.isEmpty()) {
            return;
        }
        readerFiles.put(reader, files);
        for (Path f : files) {
            addDataFile(f, framework);
        }
    }

    /** A file the application read through the JDK (first read; the application's thread). */
    private void onFileRead(PathReads reads) {
        addDataFile(Paths.get(reads.path), "jdk", reads);
    }

    private void addDataFile(Path f, String framework) {
        addDataFile(f, framework, null);
    }

    /** Records a data file once (readers re-open their source on every reset()) and hashes it once recording has begun. */
    private void addDataFile(Path file, String framework, PathReads reads) {
        Path f = file.toAbsolutePath().normalize();
        HashEngine engine = begun.get() ? hashes() : null;
        FileRecord r;
        synchronized (dataFiles) {
            FileRecord known = dataFileByPath.get(f);
            if (known != null) {
                if (reads != null) {
                    known.reads = reads;   // a framework named it first; the JDK saw what was read of it
                }
                return;
            }
            r = new FileRecord(f, "file", framework, null, null);
            r.reads = reads;
            dataFileByPath.put(f, r);
            dataFiles.add(r);
        }
        ExecutorService starts = fileStarts;
        if (reads != null && starts != null) {
            // a file read through the JDK: its stat and hash start leave the reading thread at once
            starts.execute(() -> fileRecorded(r, engine));
        } else {
            fileRecorded(r, engine);
        }
    }

    private void fileRecorded(FileRecord r, HashEngine engine) {
        countFile(r, metrics);
        if (engine != null && r.startHashing(engine)) {
            timeHash(r);
        }
    }

    private static void countFile(FileRecord r, RunMetrics m) {
        if (m != null && r.counted.compareAndSet(false, true)) {
            try {
                m.dataFile(Files.size(r.path));
            } catch (IOException | RuntimeException ignored) {
                m.dataFile(0);
            }
        }
    }

    /** Feeds the data-hash-time metric when a data file's hash is done. */
    private void timeHash(FileRecord r) {
        CompletableFuture<FileHash> f = r.hash();
        if (f != null && metrics != null) {
            f.thenAccept(h -> {
                RunMetrics m = metrics;
                if (m != null && !h.fromCache && h.hashNanos > 0) {
                    m.dataHashed(h.hashNanos);
                }
            });
        }
    }

    List<Path> filesOf(Object reader) {
        List<Path> files = reader == null ? null : readerFiles.get(reader);
        return files == null ? Collections.emptyList() : files;
    }

    public void onFeatureStep(String framework, Object step, Object input) {
        FrameworkInspector inspector = Frameworks.inspector(framework);
        FeatureStep f = inspector == null ? null : inspector.featureStep(step, input);
        if (f == null) {
            return;
        }
        synchronized (featureSteps) {
            featureSteps.add(f);
        }
        TrainingRecord t = active;
        if (t != null && t.running()) {
            t.addFeatureStep(f);
        }
    }

    public void onEvaluation(String framework, Object model, Object result) {
        FrameworkInspector inspector = Frameworks.inspector(framework);
        TrainingRecord t = trainingOf(model);
        if (inspector != null && t != null) {
            if (t.running() && inspector.evaluationsDuringTrainingAreInternal()) {
                return;
            }
            List<io.runledger.snapshot.Evaluation> evaluations = inspector.evaluations(result);
            t.addEvaluations(evaluations);
            RunMetrics m = metrics;
            if (m != null) {
                for (io.runledger.snapshot.Evaluation e : evaluations) {
                    e.metrics.forEach((k, v) -> {
                        if (v instanceof Number) {
                            m.evaluation(framework, k, ((Number) v).doubleValue());
                        }
                    });
                }
            }
        }
        if (inspector != null) {
            for (Path file : inspector.evaluationFiles(result)) {
                addDataFile(file, framework);
            }
        }
    }

    public void onModelWritten(String framework, Object model, Object target, Throwable error) {
        FrameworkInspector inspector = Frameworks.inspector(framework);
        Path file = inspector == null ? null : inspector.modelFile(target);
        TrainingRecord t = trainingOf(model);
        FileRecord r = new FileRecord(file, file == null ? "model-stream" : "model", framework, t == null ? null : t.index,
                error == null ? null : error.getClass().getName() + ": " + redactor().redactValue(String.valueOf(error.getMessage())));
        synchronized (artifacts) {
            for (FileRecord a : artifacts) {
                if (file != null && file.equals(a.path) && error == null && a.error == null) {
                    return;   // the same file through two layers (e.g. Smile's Write.object uses ObjectOutputStream)
                }
            }
            artifacts.add(r);   // hashed at the final flush: the writer's stream may still be open now
        }
    }

    /**
     * Plain Java serialization of a framework model (Tribuo models are Serializable): recorded when the
     * object is a model of an instrumented framework and this was the top-level write on the stream.
     * Everything else returns after one string comparison.
     */
    public void onObjectWritten(Object stream, Object object) {
        String framework = object == null ? null : object.getClass().getName().startsWith("org.tribuo.") ? "tribuo"
                : object.getClass().getName().startsWith("smile.") ? "smile" : null;
        if (framework == null || !(Reflect.isA(object, "org.tribuo.Model") || Reflect.isA(object, "smile.classification.Classifier")
                || Reflect.isA(object, "smile.regression.Regression") || Reflect.isA(object, "smile.classification.DataFrameClassifier"))) {
            return;
        }
        if (!Integer.valueOf(0).equals(Reflect.field(stream, "depth"))) {
            return;   // a model nested inside another object being written
        }
        Path file = JavaStreams.fileOf(stream);
        onModelWritten(framework, object, file == null ? (Object) stream : file, null);
    }

    private Redactor redactor() {
        Redactor r = redactor;
        return r == null ? Redactor.defaults() : r;
    }

    private HashEngine hashes() {
        dependencies();
        return hashes;
    }

    /** Starts hashing the data files read before recording began. */
    private void hashRecordedFiles() {
        HashEngine engine = hashes();
        synchronized (dataFiles) {
            for (FileRecord r : dataFiles) {
                if (r.startHashing(engine)) {
                    timeHash(r);
                }
            }
        }
    }

    /** Model files are hashed only at the final flush, when whoever wrote them is done. */
    private void hashArtifacts() {
        HashEngine engine = hashes();
        synchronized (artifacts) {
            for (FileRecord r : artifacts) {
                r.startHashing(engine);
            }
        }
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
                ledger.writeCheckpoint(id, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
                RunMetrics m = metrics;
                if (m != null) {
                    m.flush(true);
                    Pushgateway gateway = pushgateway;
                    if (gateway != null) {
                        gateway.push(m.text(), System.nanoTime() + 2_000_000_000L);
                    }
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
            synchronized (trainings) {
                for (TrainingRecord t : trainings) {
                    if (t.running() && t.entryPoint.startsWith("(already running")) {
                        t.warn("the end of this training was not observed: it started before the agent attached");
                        t.end(end, null);
                    }
                }
            }
            if (ledger == null) {
                openLedger();   // a mkdir and a probe: not worth losing the run over, whatever flush.timeout says
            }
            for (CompletableFuture<?> f : new CompletableFuture<?>[] {process, jvm, environment, code, host}) {
                await(f, deadline);
            }
            DependencyCollector deps = dependencies();
            deps.prepare(DependencyCollector.classPath());
            deps.prepare(codeSources.locations());
            hashRecordedFiles();
            hashArtifacts();
            deps.awaitHashes(deadline);
            awaitFiles(deadline);
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
            pushFinal(outcome.status == RunStatus.SUCCEEDED, deadline);
            if (config.debug()) {
                Log.warn("flushed run " + id + " (" + json.length + " bytes): build+serialize "
                        + millis(serialized - writeStart) + " ms, write+chain " + millis(System.nanoTime() - serialized)
                        + " ms; waited for collection " + millis(writeStart - (deadline - flushDeadlineNanos)) + " ms; pending: " + s.pending);
            }
        } catch (Throwable t) {
            Log.warn("could not write the final snapshot of run " + id + " (" + t + ")");
        }
    }

    /** The batch job's last push: final values plus its success or failure time, within the flush bound. */
    private void pushFinal(boolean succeeded, long deadline) {
        RunMetrics m = metrics;
        Pushgateway gateway = pushgateway;
        if (m == null || gateway == null) {
            return;
        }
        m.flush(true);
        m.finished(succeeded);
        gateway.push(m.text(), deadline);   // retried within flush.timeout; exit is never held longer
        if (config.pushgatewayDeleteOnExit()) {
            gateway.delete(1000);
        }
    }

    private void awaitFiles(long deadline) {
        List<FileRecord> all = new ArrayList<>();
        synchronized (dataFiles) {
            all.addAll(dataFiles);
        }
        synchronized (artifacts) {
            all.addAll(artifacts);
        }
        for (FileRecord r : all) {
            await(r.hash(), deadline);
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
        Map<String, DataSource> sourcesByUri = new HashMap<>();
        List<DataSource> sources = new ArrayList<>();
        synchronized (dataFiles) {
            for (FileRecord r : dataFiles) {
                DataSource d = r.toDataSource();
                sourcesByUri.put(d.uri, d);
                sources.add(d);
                if (r.pending()) {
                    addOnce(pending, "dataSources.sha256");
                }
            }
        }
        List<Training> ts = new ArrayList<>();
        synchronized (trainings) {
            for (TrainingRecord t : trainings) {
                ts.add(t.toSnapshot(sourcesByUri::get));
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
        if (queries.limitReached()) {
            w.add("more than " + JdbcQueries.MAX_QUERIES + " distinct queries ran: later ones are not recorded");
        }
        if (fileReads != null && fileReads.limitReached()) {
            w.add("more than " + fileReads.maxFiles() + " distinct files were opened (files.max): later ones are not recorded");
        }
        sources = DirectorySources.group(sources, config.directoryThreshold());
        sources.addAll(queries.sources(redactor()));
        List<Artifact> written = new ArrayList<>();
        synchronized (artifacts) {
            for (FileRecord r : artifacts) {
                written.add(r.toArtifact());
                if (r.pending()) {
                    addOnce(pending, "artifacts.sha256");
                }
            }
        }
        return new Snapshot(run, p, j, h, c, Collections.unmodifiableList(deps), env, config.effective(),
                Collections.unmodifiableList(ts), Collections.unmodifiableList(sources), Collections.unmodifiableList(written),
                Collections.unmodifiableList(w), Collections.unmodifiableList(pending));
    }

    private static void addOnce(List<String> list, String item) {
        if (!list.contains(item)) {
            list.add(item);
        }
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
