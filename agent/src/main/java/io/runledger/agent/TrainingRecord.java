package io.runledger.agent;

import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.FeatureStep;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Training;
import io.runledger.snapshot.TrainingStatus;
import io.runledger.util.Pending;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A training as it happens; {@link #toSnapshot()} freezes it into the immutable {@link Training}. */
final class TrainingRecord {

    final int index;
    final String framework;
    final String modelType;
    final String entryPoint;
    final Instant startedAt;
    private final WeakReference<Object> model;
    private volatile WeakReference<Object> resultModel = new WeakReference<>(null);
    private volatile Instant endedAt;
    /** The framework's continuity token at the first call (null: calls are never merged). */
    private final Object continuity;
    private int fitCalls = 1;
    private final List<Integer> inputUses = new ArrayList<>();
    private volatile FailureInfo error;
    private volatile String frameworkVersion;
    private final Map<String, Object> hyperparameters = new LinkedHashMap<>();
    private final Map<String, Object> seeds = new LinkedHashMap<>();
    private final List<DataInput> dataInputs = new ArrayList<>();
    private final List<FeatureStep> featureSteps = new ArrayList<>();
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    /** Guarded by this: true from {@link #describeLater} until the description is in. */
    private boolean describing;
    private volatile Pending<Void> description;
    final BoundedSeries iterationScores = new BoundedSeries("score", BoundedSeries.DEFAULT_CAPACITY);
    final BoundedSeries epochScores = new BoundedSeries("score.epoch", BoundedSeries.DEFAULT_CAPACITY);
    /** Series the framework names itself (XGBoost's "train-rmse", "test-rmse"), in the order first seen. */
    private final Map<String, BoundedSeries> namedSeries = new LinkedHashMap<>();

    TrainingRecord(int index, String framework, Object model, String entryPoint, String modelType, Object continuity, Instant startedAt) {
        this.index = index;
        this.continuity = continuity;
        this.framework = framework;
        this.modelType = modelType != null ? modelType : model == null ? null : model instanceof java.lang.reflect.Method
                ? ((java.lang.reflect.Method) model).getDeclaringClass().getName() : model.getClass().getName();
        this.model = new WeakReference<>(model);
        this.entryPoint = entryPoint;
        this.startedAt = startedAt;
    }

    /** The training's subject: the model it trained (DL4J), or the trainer and then the model it returned (Tribuo). */
    /** The object the training was called on (null once collected). */
    Object model() {
        return model.get();
    }

    boolean isFor(Object candidate) {
        return candidate != null && (model.get() == candidate || resultModel.get() == candidate);
    }

    /** Entry point of a training that was running when the agent attached (its start was not seen). */
    static final String ALREADY_RUNNING = "(already running when the agent attached)";

    boolean startedBeforeAttach() {
        return ALREADY_RUNNING.equals(entryPoint);
    }

    boolean running() {
        return endedAt == null;
    }

    /** True when {@code model} is this training's own model object and {@code token} says nothing changed since. */
    boolean continuedBy(Object candidate, Object token) {
        return token != null && token.equals(continuity) && model.get() == candidate;
    }

    /** Another call of the same training begins: it is running again, one more call. */
    synchronized void resume(List<DataInput> inputs) {
        fitCalls++;
        endedAt = null;
        error = null;
        if (inputs != null) {
            addInputs(inputs);
        }
    }

    /** Inputs already seen (same fingerprint) count one more use; new ones are added. */
    private void addInputs(List<DataInput> inputs) {
        for (DataInput in : inputs) {
            int known = -1;
            for (int i = 0; i < dataInputs.size() && known < 0; i++) {
                known = dataInputs.get(i).sameDataAs(in) ? i : -1;
            }
            if (known >= 0) {
                inputUses.set(known, inputUses.get(known) + 1);
            } else {
                dataInputs.add(in);
                inputUses.add(1);
            }
        }
    }

    void end(Instant at, FailureInfo failure) {
        this.error = failure;
        this.endedAt = at;
    }

    synchronized void describe(String version, Map<String, Object> params, Map<String, Object> seedValues, List<DataInput> inputs,
                               List<FeatureStep> steps, Map<String, Object> more) {
        frameworkVersion = version;
        if (more != null) {
            details.putAll(more);
        }
        if (params != null) {
            hyperparameters.putAll(params);
        }
        if (seedValues != null) {
            seeds.putAll(seedValues);
        }
        if (inputs != null) {
            addInputs(inputs);
        }
        if (steps != null) {
            featureSteps.addAll(steps);
        }
    }

    /**
     * The model's description, read on the agent's collection thread: until it arrives the training is written
     * without it (and the snapshot names it pending); then it takes the place {@link #describe} gives it,
     * ahead of whatever calls during the training added.
     */
    void describeLater(Pending<ModelDescription> later) {
        synchronized (this) {
            describing = true;
        }
        description = later.map(d -> {
            described(d);
            return null;
        });
    }

    private synchronized void described(ModelDescription d) {
        describing = false;
        if (d == null) {
            warnings.add("the model's hyperparameters could not be read");
            return;
        }
        prepend(hyperparameters, d.hyperparameters);
        seeds.putAll(d.seeds);   // after the program's, as describe() merges them
        prepend(details, d.details);
    }

    private static void prepend(Map<String, Object> target, Map<String, Object> first) {
        Map<String, Object> merged = new LinkedHashMap<>(first);
        merged.putAll(target);
        target.clear();
        target.putAll(merged);
    }

    /** True while the description is still being read. */
    synchronized boolean describing() {
        return describing;
    }

    /** Done once the description read on the collection thread is in the record (null: none was). */
    Pending<Void> description() {
        return description;
    }

    /** What the trained result adds: details (merged) and feature steps fitted during training. */
    synchronized void describeResult(Map<String, Object> more, List<FeatureStep> steps, Object result) {
        if (more != null) {
            details.putAll(more);
        }
        if (steps != null) {
            featureSteps.addAll(steps);
        }
        if (result != null && result != model.get()) {
            resultModel = new WeakReference<>(result);
        }
    }

    synchronized void addHyperparameters(Map<String, Object> values) {
        if (values != null) {
            hyperparameters.putAll(values);
        }
    }

    /** One round's values of the framework's own named metrics. */
    synchronized void addRoundMetrics(long round, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            namedSeries.computeIfAbsent(e.getKey(), name -> new BoundedSeries(name, BoundedSeries.DEFAULT_CAPACITY))
                    .add(round, -1, e.getValue());
        }
    }

    synchronized void addFeatureStep(FeatureStep step) {
        featureSteps.add(step);
    }

    synchronized void addEvaluations(List<Evaluation> results) {
        evaluations.addAll(results);
    }

    synchronized void warn(String warning) {
        warnings.add(warning);
    }

    /** Freezes the record; {@code files} fills size and hash of file inputs from the run's data sources. */
    synchronized Training toSnapshot(java.util.function.Function<String, io.runledger.snapshot.DataSource> files) {
        TrainingStatus status = endedAt == null ? TrainingStatus.RUNNING : error == null ? TrainingStatus.SUCCEEDED : TrainingStatus.FAILED;
        List<MetricSeries> metrics = new ArrayList<>();
        if (iterationScores.count() > 0) {
            metrics.add(iterationScores.toSnapshot());
        }
        if (epochScores.count() > 0) {
            metrics.add(epochScores.toSnapshot());
        }
        for (BoundedSeries named : namedSeries.values()) {
            metrics.add(named.toSnapshot());
        }
        return new Training(index, framework, frameworkVersion, modelType, entryPoint, fitCalls > 1 ? fitCalls : null, startedAt.toString(),
                endedAt == null ? null : endedAt.toString(), status, error,
                Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters)),
                Collections.unmodifiableMap(new LinkedHashMap<>(seeds)),
                Collections.unmodifiableList(withHashes(files)),
                Collections.unmodifiableList(new ArrayList<>(featureSteps)),
                Collections.unmodifiableList(metrics),
                Collections.unmodifiableList(new ArrayList<>(evaluations)),
                Collections.unmodifiableList(new ArrayList<>(warnings)),
                Collections.unmodifiableMap(new LinkedHashMap<>(details)));
    }

    /**
     * Works out the fingerprints its inputs left for later (a Smile frame's values), before a snapshot is
     * frozen and outside this record's lock, so that the training's thread never waits for them.
     */
    void workOutLateFingerprints() {
        List<DataInput> inputs;
        synchronized (this) {
            inputs = new ArrayList<>(dataInputs);
        }
        for (DataInput in : inputs) {
            in.withLateFingerprint();   // kept by the input's own memo: the snapshot then finds it done
        }
    }

    private List<DataInput> withHashes(java.util.function.Function<String, io.runledger.snapshot.DataSource> files) {
        List<DataInput> out = new ArrayList<>(dataInputs.size());
        for (int i = 0; i < dataInputs.size(); i++) {
            DataInput in = dataInputs.get(i).usedTimes(inputUses.get(i)).withLateFingerprint();   // the snapshot's thread pays for it
            io.runledger.snapshot.DataSource s = "file".equals(in.kind) && in.uri != null ? files.apply(in.uri) : null;
            out.add(s == null ? in : in.withFile(s.sizeBytes, s.sha256));
            String theirs = in.frameworkSha256;
            if (s != null && s.sha256 != null && theirs != null && !s.sha256.equalsIgnoreCase(String.valueOf(theirs))) {
                String w = "data file " + in.uri + " changed between loading and training: the framework recorded SHA-256 "
                        + theirs + ", the file now has " + s.sha256;
                if (!warnings.contains(w)) {
                    warnings.add(w);
                }
            }
        }
        return out;
    }
}
