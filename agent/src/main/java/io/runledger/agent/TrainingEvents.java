package io.runledger.agent;

import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.Modules;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.Versions;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.FeatureStep;
import io.runledger.util.Log;
import io.runledger.util.LateText;
import io.runledger.util.Pending;
import io.runledger.util.JavaStreams;
import io.runledger.util.Reflect;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Receives the framework events of the bootstrap API on the application's threads and turns them into
 * registry entries, asking the event's module for its readers. Bookkeeping only: anything slow (hashing,
 * collection, writing) happens elsewhere, on the agent's threads.
 */
final class TrainingEvents {

    /**
     * What the events ask of the run's recorder. One object rather than a lambda each: they are made on the
     * program's thread when a framework's first class loads, where each lambda's first link cost about half a
     * millisecond.
     */
    interface Recorder {
        /** Starts recording (idempotent). */
        void begin();

        Redactor redactor();

        void epochEnded();

        /** Told after each training's end (the recorder checkpoints after the first). */
        void trainingEnded();

        /** A model was saved or loaded ({@code what}: e.g. "saved a dl4j model"). */
        void modelUsed(String what);

        /** The recorder's collection thread: slow model descriptions queue there, so the agent never takes a second core from training. */
        Executor background();
    }

    private final Recorder recorder;
    private final boolean attached;
    private final Trainings trainings;
    private final DataSources dataSources;
    private final Artifacts artifacts;
    private volatile RunListener listener;
    private final HandEvaluations handEvaluations = new HandEvaluations();
    /** Seeds the program set per framework, in the order set (the last value of each name wins). */
    private final Map<String, Map<String, Object>> programSeeds = new ConcurrentHashMap<>();
    private final RandomSeeds randomSeeds = new RandomSeeds();
    private final ModelBytes modelBytes = new ModelBytes();

    TrainingEvents(Recorder recorder, boolean attached, Trainings trainings, DataSources dataSources, Artifacts artifacts) {
        this.recorder = recorder;
        this.attached = attached;
        this.trainings = trainings;
        this.dataSources = dataSources;
        this.artifacts = artifacts;
    }

    /** Orders {@link #listen} with the steps taken while there is no listener, so each is counted once. */
    private final Object listening = new Object();
    /** True from {@link #expectListener}: until the listener is set, steps take the lock (false again if it never comes). */
    private volatile boolean listenerComing;

    /** Metrics are starting: until they listen, steps are recorded under {@link #listening}. */
    void expectListener() {
        listenerComing = true;
    }

    /**
     * The metrics, once they are up (on the collection thread, maybe after the first steps): the steps
     * recorded so far are told first, then each new one.
     */
    void listen(RunListener l) {
        if (l == null) {   // the metrics did not start: no listener is coming after all
            listenerComing = false;
            return;
        }
        synchronized (listening) {
            for (TrainingRecord t : trainings.all()) {
                long before = t.iterationScores.count();
                if (before > 0) {
                    l.iterationsBefore(t.framework, t.modelType, before);
                }
            }
            listener = l;   // from now on steps see it and take no lock
        }
    }

    /** One step into the training's score series, and to the listener exactly once (see {@link #listen}). */
    void step(TrainingRecord t, String framework, long iteration, int epoch, double score) {
        RunListener l = listener;
        if (l == null && listenerComing) {   // without metrics, no lock on the hot path
            synchronized (listening) {
                t.iterationScores.add(iteration, epoch, score);
                l = listener;   // set meanwhile: listen() told the steps before this one, so this one is ours to tell
            }
        } else {
            t.iterationScores.add(iteration, epoch, score);
        }
        if (l != null) {
            l.iteration(framework, t.modelType, score);
        }
    }

    long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        TrainingRecord current = trainings.active();
        if (current != null && current.running() && current.isFor(model) && current.startedBeforeAttach()) {
            // the outer call began before the agent attached (e.g. fit(iterator, epochs) looping over
            // fit(iterator)): its inner calls are that same training, not new ones
            return 0L;
        }
        FrameworkModule module = Modules.named(framework);
        TrainingReader reader = module == null ? null : module.trainingReader();
        if (current != null && current.running() && framework.equals(current.framework) && reader != null
                && reader.nestsTrainingsOfOtherThreads(current.model())) {
            return 0L;   // e.g. a CrossValidator's grid fitted on its own pool: part of that training
        }
        recorder.begin();
        Object token = reader == null ? null : reader.continuity(model);
        TrainingRecord continued = trainings.continuation(model, token);
        if (continued != null) {
            // the next call of a loop over fit(..) on the same model: the same training, described once
            DataReader data = module.dataReader();
            continued.resume(data == null ? null : data.dataInputs(model, arguments, dataSources::filesOf));
            return continued.index + 1L;
        }
        TrainingRecord t = trainings.start(framework, model, entryPoint, reader == null ? null : reader.modelType(model, entryPoint), token);
        if (module != null) {
            describe(t, module, model, entryPoint, arguments);
        }
        return t.index + 1L;
    }

    private void describe(TrainingRecord t, FrameworkModule module, Object model, String entryPoint, Object[] arguments) {
        ProgressReader progress = module.progressReader();
        if (progress != null) {
            progress.watchLoss((iteration, loss) -> onLoggedLoss(module.name(), iteration, loss));
        }
        DataReader data = module.dataReader();
        if (data != null) {
            for (Path file : data.trainingFiles(model, arguments)) {
                dataSources.add(file, module.name(), null);
            }
            if (dataSources.hashesRemoteFiles()) {
                for (io.runledger.instrument.RemoteFile file : data.remoteTrainingFiles(model, arguments)) {
                    dataSources.addRemote(file, module.name());
                }
            }
        }
        trainings.workerGroup(module.workerGroup(model, arguments));
        TrainingReader reader = module.trainingReader();
        if (reader != null) {
            String version = reader.version(model, arguments);
            if (reader.describesInBackground()) {
                // the program's seeds and data as of now; the model's own description follows from the collection thread
                t.describe(version, null, seeds(module.name(), null), data == null ? null : data.dataInputs(model, arguments, dataSources::filesOf),
                        trainings.featureSteps(), null);
                reader.holdStartState(model);
                t.describeLater(Pending.supply(() -> ModelDescription.read(reader, model, entryPoint, arguments), recorder.background()));
            } else {
                ModelDescription d = ModelDescription.read(reader, model, entryPoint, arguments);
                t.describe(version, d.hyperparameters, seeds(module.name(), d.seeds),
                        data == null ? null : data.dataInputs(model, arguments, dataSources::filesOf), trainings.featureSteps(), d.details);
            }
            List<String> warnings = new ArrayList<>(reader.warnings(model, arguments));
            String range = Versions.outOfRange(module.name(), version, module.testedVersions());
            if (range != null) {
                warnings.add(range);
            }
            for (String w : warnings) {
                t.warn(w);
                Log.warnOnce("training-warning:" + w, w);
            }
        }
    }

    void onTrainingEnd(long handle, Object result, Throwable error) {
        TrainingRecord t = trainings.byHandle(handle);
        if (t == null) {
            return;
        }
        FrameworkModule module = Modules.named(t.framework);
        if (module != null && result != null) {
            TrainingReader reader = module.trainingReader();
            FeatureStepReader steps = module.featureStepReader();
            t.describeResult(reader == null ? null : reader.resultDetails(result), steps == null ? null : steps.resultFeatureSteps(result),
                    result);
        }
        EvaluationReader evaluations = module == null || result == null ? null : module.evaluationReader();
        if (evaluations != null) {
            addEvaluations(t.framework, t, evaluations.resultEvaluations(result));
        }
        ProgressReader progress = module == null || result == null ? null : module.progressReader();
        if (progress != null) {
            for (ProgressReader.RoundMetrics r : progress.resultRounds(result)) {
                t.addRoundMetrics(r.round, r.values);
            }
        }
        Instant now = Instant.now();
        t.end(now, error == null ? null : FailureInfo.of(error, recorder.redactor()::redactValue));
        RunListener l = listener;
        if (l != null) {
            l.trainingEnded(t.framework, t.modelType, Duration.between(t.startedAt, now), error != null);
        }
        recorder.trainingEnded();
    }

    /** A call inside a training (its values join the training's), or before one (the reader may remember it). */
    void onNestedCall(String framework, Object method, Object[] arguments) {
        TrainingRecord t = trainings.active();
        TrainingReader reader = Modules.trainingReader(framework);
        if (reader == null) {
            return;
        }
        Map<String, Object> values = reader.nestedCall(method, arguments);
        if (t != null && t.running()) {
            t.addHyperparameters(values);
        }
    }

    /** Series fed from a framework's log (Tribuo's SGD trainers log their loss), for the active training. */
    private void onLoggedLoss(String framework, long iteration, double loss) {
        TrainingRecord t = trainings.active();
        if (t != null && t.running() && framework.equals(t.framework)) {
            step(t, framework, iteration, -1, loss);
        }
    }

    /** Hot path (every optimisation step): one identity check and a reflective read of three numbers. */
    void onIteration(String framework, Object model) {
        TrainingRecord t = trainings.active();
        if (t == null || !t.isFor(model)) {
            t = trainings.of(model);
        }
        if ((t == null || !t.isFor(model)) && attached) {
            // a training that was already running when the agent attached: record it from here on
            onTrainingStart(framework, model, TrainingRecord.ALREADY_RUNNING, null);
            t = trainings.active();
        }
        ProgressReader reader = Modules.progressReader(framework);
        if (t == null || reader == null) {
            return;
        }
        ProgressReader.Progress p = reader.progress(model);
        if (p != null) {
            step(t, framework, p.iteration, p.epoch, p.score);
        }
    }

    void onEpochEnd(String framework, Object model) {
        TrainingRecord t = trainings.of(model);
        ProgressReader reader = Modules.progressReader(framework);
        if (t != null && reader != null) {
            ProgressReader.Progress p = reader.progress(model);
            if (p != null) {
                t.epochScores.add(p.epoch, p.epoch, p.score);
            }
            RunListener l = listener;
            if (l != null) {
                l.epoch(framework, t.modelType);
            }
        }
        recorder.epochEnded();
    }

    void onDataSource(String framework, Object reader, Object source) {
        DataReader data = Modules.dataReader(framework);
        List<Path> files = data == null ? null : data.files(reader, source);
        if (files == null || files.isEmpty()) {
            return;
        }
        dataSources.reader(reader, files);
        for (Path f : files) {
            dataSources.add(f, framework, null);
        }
    }

    void onFeatureStep(String framework, Object step, Object input) {
        FeatureStepReader reader = Modules.featureStepReader(framework);
        FeatureStep f = reader == null ? null : reader.featureStep(step, input);
        if (f != null) {
            trainings.featureStep(f);
        }
    }

    /** A model loaded through a framework's API: an input of kind model (a pretrained model), never data. */
    void onModelRead(String framework, Object source) {
        ArtifactReader reader = Modules.artifactReader(framework);
        Path file = reader == null ? null : reader.modelFile(source);
        if (file != null) {
            dataSources.modelLoaded(file, framework);
        }
        recorder.modelUsed("loaded a " + framework + " model");
    }

    /** A seed the program set: it holds for every later training of that framework (and says so in each). */
    void onSeed(String framework, String name, long seed) {
        programSeeds.computeIfAbsent(framework, f -> Collections.synchronizedMap(new LinkedHashMap<>())).put(name, seed);
    }

    /** A {@code java.util.Random} handed to {@code origin} (type.method): its seed, read the first time a framework gets it. */
    void onRandomHandedIn(String framework, String origin, Object random) {
        Long seed = randomSeeds.firstSeen(random);
        if (seed != null) {
            onSeed(framework, RandomSeeds.seedName(origin), seed);
        }
    }

    /** A new training's seeds: those the program set for its framework, then the training's own (which win). */
    private Map<String, Object> seeds(String framework, Map<String, Object> own) {
        Map<String, Object> seeds = new LinkedHashMap<>();
        Map<String, Object> set = programSeeds.get(framework);
        if (set != null) {
            synchronized (set) {
                seeds.putAll(set);
            }
        }
        if (own != null) {
            seeds.putAll(own);
        }
        return seeds;
    }

    void onPrediction(String framework, Object model) {
        handEvaluations.predicted(model);
    }

    /** An evaluator the program fills itself: read once, when the run ends. */
    void onEvaluatorFilled(String framework, Object evaluator) {
        if (Modules.named(framework) != null) {
            handEvaluations.filled(framework, evaluator, trainings);
        }
    }

    void onEvaluation(String framework, Object model, Object result) {
        FrameworkModule module = Modules.named(framework);
        if (module == null) {
            return;
        }
        EvaluationReader reader = module.evaluationReader();
        TrainingRecord t = trainings.of(reader == null ? model : reader.evaluatedModel(model));
        ProgressReader progress = module.progressReader();
        ProgressReader.RoundMetrics round = progress == null ? null : progress.roundMetrics(result);
        if (round != null && t != null && t.running()) {
            t.addRoundMetrics(round.round, round.values);   // the framework scoring its watches while it trains
            return;
        }
        if (reader != null && t != null) {
            TrainingReader training = module.trainingReader();
            if (t.running() && training != null && training.evaluationsDuringTrainingAreInternal()) {
                return;
            }
            addEvaluations(framework, t, reader.evaluations(result));
        }
        DataReader data = module.dataReader();
        if (data != null) {
            for (Path file : data.evaluationFiles(result)) {
                dataSources.add(file, framework, null);
            }
        }
    }

    private void addEvaluations(String framework, TrainingRecord t, List<Evaluation> evaluations) {
        t.addEvaluations(evaluations);
        for (Evaluation e : evaluations) {
            LateText.workOut(e.details, recorder.background());
        }
        RunListener l = listener;
        if (l != null) {
            for (Evaluation e : evaluations) {
                e.metrics.forEach((k, v) -> {
                    if (v instanceof Number) {
                        l.evaluation(framework, k, ((Number) v).doubleValue());
                    }
                });
            }
        }
    }

    /**
     * Reads the evaluators the program filled by hand, now that their figures are final (at the end of the
     * run), into the training each is attributed to, saying how it was attributed.
     */
    /** At the run's end: the files the run wrote that hold model bytes a framework handed the program become artifacts. */
    void linkModelBytes(java.util.Collection<String> writtenPaths) {
        for (FileRecord f : modelBytes.files(writtenPaths)) {
            artifacts.add(f);
        }
    }

    void settleHandEvaluations() {
        for (HandEvaluations.Filled f : handEvaluations.all()) {
            Object evaluator = f.get();
            FrameworkModule module = Modules.named(f.framework);
            EvaluationReader reader = module == null ? null : module.evaluationReader();
            if (evaluator == null || reader == null || f.training == null) {
                continue;
            }
            List<Evaluation> read = new ArrayList<>();
            for (Evaluation e : reader.evaluations(evaluator)) {
                Map<String, Object> details = new LinkedHashMap<>(e.details);
                details.put("filledBy", "the program (eval calls), read at the end of the run");
                details.put("model", f.byPrediction ? "the model that predicted last before the first eval call"
                        : "not told (no prediction seen): attributed to the latest training");
                read.add(new Evaluation(e.type, e.metrics, details));
            }
            addEvaluations(f.framework, f.training, read);
        }
    }

    void onModelWritten(String framework, Object model, Object target, Throwable error) {
        ArtifactReader reader = Modules.artifactReader(framework);
        if (target instanceof byte[]) {   // handed to the program as bytes: an artifact once they are found in a file
            TrainingRecord t = trainings.of(reader == null ? model : reader.savedModel(model));
            modelBytes.made(framework, t == null ? null : t.index, (byte[]) target);
            return;
        }
        Path file = reader == null ? null : reader.modelFile(target);
        TrainingRecord t = trainings.of(reader == null ? model : reader.savedModel(model));
        artifacts.add(new FileRecord(file, file == null ? "model-stream" : "model", framework, t == null ? null : t.index,
                error == null ? null : error.getClass().getName() + ": " + recorder.redactor().redactValue(String.valueOf(error.getMessage()))));
        if (error == null) {
            recorder.modelUsed("saved a " + framework + " model");
        }
    }

    /**
     * Plain Java serialization of an object: recorded when a module says it is one of its models and this
     * was the top-level write on the stream. Everything else returns after each module's class-name check.
     */
    void onObjectWritten(Object stream, Object object) {
        if (object == null) {
            return;
        }
        String type = object.getClass().getName();
        for (FrameworkModule module : Modules.all().values()) {
            // the class name first: a module's reader is not even created for the objects of other libraries
            ArtifactReader reader = module.savesModelsWithJavaSerialization() && Modules.owns(module, type) ? module.artifactReader() : null;
            if (reader != null && reader.isSerializedModel(object)) {
                if (!Integer.valueOf(0).equals(Reflect.field(stream, "depth"))) {
                    return;   // a model nested inside another object being written
                }
                Path file = JavaStreams.fileOf(stream);
                onModelWritten(module.name(), object, file == null ? (Object) stream : file, null);
                return;
            }
        }
    }
}
