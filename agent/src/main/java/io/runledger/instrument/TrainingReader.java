package io.runledger.instrument;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Describes a training from the objects at its entry point (by reflection: the agent never links
 * against a framework). Every method may return null or empty when a detail is unavailable in the
 * framework version at hand, and must call only side-effect-free methods.
 */
public interface TrainingReader {

    /** The framework's version, from its jar. */
    String version(Object model);

    /** The framework's version when the model object cannot tell (a static entry point); defaults to {@link #version(Object)}. */
    default String version(Object model, Object[] arguments) {
        return version(model);
    }

    /** The type of model the training makes, when the model object does not say (null: the model object's class). */
    default String modelType(Object model, String entryPoint) {
        return null;
    }

    /** Hyperparameters as the framework will really use them, flattened for diffing. */
    Map<String, Object> hyperparameters(Object model, String entryPoint, Object[] arguments);

    /** What else identifies the model and its numerics: full configuration, parameter count, backend. */
    Map<String, Object> details(Object model);

    /**
     * What makes a later call on the same {@code model} object part of the same training: a small value
     * compared with {@code equals} (DL4J: the network's configuration and parameter arrays, so a loop of
     * {@code fit(DataSet)} is one training and {@code init()} or a new configuration starts another).
     * Null, the default, makes every call its own training (Tribuo trainers, Smile's static fits).
     * Must be cheap: it is asked at every call.
     */
    default Object continuity(Object model) {
        return null;
    }

    /**
     * True when {@code model}'s training runs trainings of its own on other threads (Spark's tuning
     * estimators fit their grid on a pool): while it runs, a training started by another thread of the
     * same framework is part of it, not a new one.
     */
    default boolean nestsTrainingsOfOtherThreads(Object model) {
        return false;
    }

    /**
     * True when {@link #hyperparameters}, {@link #seeds} and {@link #details} are slow enough that the
     * program must not wait for them (DL4J's first {@code toJson()} builds the framework's JSON mapper:
     * about 250 ms): the agent then asks them on its collection thread (queued when the training starts), while
     * the program goes on. What the training itself changes must be copied at its start by
     * {@link #holdStartState}; a value the program changes in place between the start and that read is seen
     * as changed.
     */
    default boolean describesInBackground() {
        return false;
    }

    /**
     * Called on the program's thread when a training that {@link #describesInBackground() describes in
     * background} starts, before its description is queued: copies what the training will change before the
     * description reads it (DL4J: its configuration, which holds the iteration and epoch counts). Must be cheap
     * and call only side-effect-free methods.
     */
    default void holdStartState(Object model) {
    }

    /** Random seeds the training depends on. */
    Map<String, Object> seeds(Object model);

    /** Random seeds, when the entry point's arguments carry them (e.g. a parameter map); defaults to {@link #seeds(Object)}. */
    default Map<String, Object> seeds(Object model, Object[] arguments) {
        return seeds(model);
    }

    /** The effective values of a nested overload (e.g. Smile's positional fit), by parameter name. */
    default Map<String, Object> nestedCall(Object method, Object[] arguments) {
        return Collections.emptyMap();
    }

    /** Warnings about how the training was called (e.g. a hyperparameter the framework ignores). */
    default List<String> warnings(Object model, Object[] arguments) {
        return Collections.emptyList();
    }

    /** What only the trained result tells (e.g. a model's own provenance); may be empty. */
    default Map<String, Object> resultDetails(Object result) {
        return Collections.emptyMap();
    }

    /**
     * True when evaluations seen while a training runs are the framework scoring itself (Smile's static fit
     * returns the model only when done, so nothing else can evaluate it meanwhile).
     */
    default boolean evaluationsDuringTrainingAreInternal() {
        return false;
    }
}
