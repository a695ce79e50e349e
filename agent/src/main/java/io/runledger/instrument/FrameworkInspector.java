package io.runledger.instrument;

import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads one framework's objects (by reflection: the agent never links against a framework) into the
 * snapshot's terms. Every method may return null or empty when a detail is unavailable in the
 * framework version at hand, and must call only side-effect-free methods.
 */
public interface FrameworkInspector {

    /** The framework's version, from its jar. */
    String version(Object model);

    /** Hyperparameters as the framework will really use them, flattened for diffing. */
    Map<String, Object> hyperparameters(Object model, String entryPoint, Object[] arguments);

    /** What else identifies the model and its numerics: full configuration, parameter count, backend. */
    Map<String, Object> details(Object model);

    /** Random seeds the training depends on. */
    Map<String, Object> seeds(Object model);

    /** What reached the training entry point: iterators, in-memory arrays (fingerprinted). */
    List<DataInput> dataInputs(Object model, Object[] arguments, SourceLookup sources);

    /** Local data files a training's arguments came from (e.g. from a dataset's provenance), to hash as data sources. */
    default List<Path> trainingFiles(Object model, Object[] arguments) {
        return java.util.Collections.emptyList();
    }

    /** The effective values of a nested overload (e.g. Smile's positional fit), by parameter name. */
    default Map<String, Object> nestedCall(Object method, Object[] arguments) {
        return java.util.Collections.emptyMap();
    }

    /** Warnings about how the training was called (e.g. a hyperparameter the framework ignores). */
    default List<String> warnings(Object model, Object[] arguments) {
        return java.util.Collections.emptyList();
    }

    /**
     * True when evaluations seen while a training runs are the framework scoring itself (Smile's static fit
     * returns the model only when done, so nothing else can evaluate it meanwhile).
     */
    default boolean evaluationsDuringTrainingAreInternal() {
        return false;
    }

    /** Local data files an evaluation result says it was computed on (e.g. from its provenance). */
    default List<Path> evaluationFiles(Object result) {
        return java.util.Collections.emptyList();
    }

    /** What only the trained result tells (e.g. a model's own provenance, fitted transformers); may be empty. */
    default Map<String, Object> resultDetails(Object result) {
        return java.util.Collections.emptyMap();
    }

    /** Feature steps fitted during training, read from its result. */
    default List<FeatureStep> resultFeatureSteps(Object result) {
        return java.util.Collections.emptyList();
    }

    /** The readers behind an argument (e.g. an iterator's record reader), to link recorded sources to a training. */
    List<Object> readersOf(Object argument);

    /** Score, iteration and epoch of {@code model} right now; null when unknown. */
    double[] progress(Object model);

    /** The local files a reader opened from {@code source}. */
    List<Path> files(Object reader, Object source);

    /** A fitted or attached feature step, or null. */
    FeatureStep featureStep(Object step, Object input);

    /** The evaluations in what an evaluation call returned. */
    List<Evaluation> evaluations(Object result);

    /** The file a model was written to, or null (a stream). */
    Path modelFile(Object target);

    /** Starts reading a loss the framework only logs, into {@code sink} (called at a training's start). */
    default void watchLoss(LossSink sink) {
    }

    /** Receives logged loss values. */
    interface LossSink {
        void loss(long iteration, double value);
    }

    /** The files already recorded for a reader. */
    interface SourceLookup {
        List<Path> filesOf(Object reader);
    }
}
