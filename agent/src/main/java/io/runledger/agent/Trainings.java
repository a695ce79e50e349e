package io.runledger.agent;

import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.FeatureStep;
import io.runledger.snapshot.Training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The trainings of a run in the order they started, the one running now, and the feature steps fitted
 * outside any training (they belong to the next one). Guarded by its own lock; {@link #active()} is a
 * volatile read for the per-iteration hot path.
 */
final class Trainings {

    private final List<TrainingRecord> all = new ArrayList<>();
    private final List<FeatureStep> featureSteps = new ArrayList<>();
    /** The groups whose worker JVMs report to this run (Spark application ids), in the order first seen. */
    private final Set<String> workerGroups = new LinkedHashSet<>();
    private volatile TrainingRecord active;

    /** A new training, now the active one; its handle is {@code index + 1}. {@code modelType} null: the model's class. */
    TrainingRecord start(String framework, Object model, String entryPoint, String modelType, Object continuity) {
        TrainingRecord t;
        synchronized (this) {
            t = new TrainingRecord(all.size(), framework, model, entryPoint, modelType, continuity, Instant.now());
            all.add(t);
        }
        active = t;
        return t;
    }

    /**
     * The finished training that a new call on {@code model} continues (the latest one, if it belongs to
     * this model object and its continuity token is unchanged), made active again; null otherwise.
     */
    synchronized TrainingRecord continuation(Object model, Object token) {
        if (token == null || all.isEmpty()) {
            return null;
        }
        TrainingRecord last = all.get(all.size() - 1);
        if (last.running() || !last.continuedBy(model, token)) {
            return null;
        }
        active = last;
        return last;
    }

    TrainingRecord active() {
        return active;
    }

    /** Every training so far, in order (a copy). */
    synchronized List<TrainingRecord> all() {
        return new ArrayList<>(all);
    }

    /** The training with this handle, or null. */
    synchronized TrainingRecord byHandle(long handle) {
        return handle <= 0 || handle > all.size() ? null : all.get((int) handle - 1);
    }

    /** The latest training of {@code model}, else the latest training at all. */
    TrainingRecord of(Object model) {
        TrainingRecord a = active;
        if (a != null && a.isFor(model)) {
            return a;
        }
        synchronized (this) {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).isFor(model)) {
                    return all.get(i);
                }
            }
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    void workerGroup(String group) {
        if (group != null) {
            synchronized (workerGroups) {
                workerGroups.add(group);
            }
        }
    }

    List<String> workerGroups() {
        synchronized (workerGroups) {
            return new ArrayList<>(workerGroups);
        }
    }

    /** A feature step: run-wide, and part of the active training if one is running. */
    void featureStep(FeatureStep step) {
        synchronized (featureSteps) {
            featureSteps.add(step);
        }
        TrainingRecord t = active;
        if (t != null && t.running()) {
            t.addFeatureStep(step);
        }
    }

    /** The feature steps fitted so far (a new training starts with them). */
    List<FeatureStep> featureSteps() {
        synchronized (featureSteps) {
            return new ArrayList<>(featureSteps);
        }
    }

    /** Ends the trainings that were already running when the agent attached: their end was never seen. */
    synchronized void endUnobserved(Instant at) {
        for (TrainingRecord t : all) {
            if (t.running() && t.startedBeforeAttach()) {
                t.warn("the end of this training was not observed: it started before the agent attached");
                t.end(at, null);
            }
        }
    }

    /** {@link TrainingRecord#workOutLateFingerprints} for every training, holding no lock while they are worked out. */
    void workOutLateFingerprints() {
        for (TrainingRecord t : all()) {
            t.workOutLateFingerprints();
        }
    }

    /**
     * Frozen for a snapshot; {@code sources} fills size and hash of file inputs. A training whose model
     * description is still being read adds {@value #DESCRIPTION_PENDING} to {@code pending}.
     */
    synchronized List<Training> freeze(Function<String, DataSource> sources, List<String> pending) {
        List<Training> out = new ArrayList<>(all.size());
        for (TrainingRecord t : all) {
            if (t.describing() && !pending.contains(DESCRIPTION_PENDING)) {
                pending.add(DESCRIPTION_PENDING);   // asked before freezing: a description landing meanwhile is in, and still named
            }
            out.add(t.toSnapshot(sources));
        }
        return out;
    }

    static final String DESCRIPTION_PENDING = "trainings.hyperparameters";

    /** Waits until every model description is read, or the deadline (System.nanoTime). */
    void awaitDescriptions(long deadline) {
        for (TrainingRecord t : all()) {
            EnvironmentCollection.awaitDone(t.description(), deadline);
        }
    }
}
