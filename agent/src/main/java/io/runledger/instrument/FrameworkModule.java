package io.runledger.instrument;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * One instrumented library: its name, the classes that arm the agent, where its advice goes and the
 * readers that turn its objects into the snapshot's terms. Modules are found with {@link java.util.ServiceLoader}
 * from {@code META-INF/services/io.runledger.instrument.FrameworkModule} inside the agent's isolated loader,
 * so adding a framework is one package under {@code instrument/<name>/} and one line in that file.
 *
 * <p>Implementations must be cheap to construct and must not touch ByteBuddy or their readers' classes
 * until asked: every module is instantiated in premain, where only {@link #name()} and
 * {@link #armingPrefixes()} are read. A reader a framework has no use for stays null.
 */
public interface FrameworkModule {

    /** The framework's name in events and snapshots, and the {@code instrumentation.<name>.enabled} key. */
    String name();

    /** Class-name prefixes in internal form ({@code org/tribuo/}): the first such class loaded arms the agent. */
    List<String> armingPrefixes();

    /**
     * The names of the call-depth counters this module's advice uses ({@link Depth}). Every module declares
     * them so that a counter's slot is the same in every JVM of one agent build: woven classes are cached
     * across JVMs with the slot baked in ({@link DepthSlots}).
     */
    default List<String> depthNames() {
        return java.util.Collections.emptyList();
    }

    /** Where the advice goes; called once, when the agent arms (this is where ByteBuddy is first used). */
    TypeInstrumentation instrumentation();

    /** Describes trainings (version, hyperparameters, seeds, configuration, warnings). */
    default TrainingReader trainingReader() {
        return null;
    }

    /** Tells what data reached a training or an evaluation. */
    default DataReader dataReader() {
        return null;
    }

    /** Reads per-iteration progress. */
    default ProgressReader progressReader() {
        return null;
    }

    /** Reads evaluation results into metrics. */
    default EvaluationReader evaluationReader() {
        return null;
    }

    /** Reads fitted feature-engineering steps. */
    default FeatureStepReader featureStepReader() {
        return null;
    }

    /** Tells where a model was written and which serialized objects are models. */
    default ArtifactReader artifactReader() {
        return null;
    }

    /**
     * When this JVM is one the framework started to work for another JVM's run (its main class says so),
     * who it is; else null, the default. Asked in premain: compare {@code mainClass} first, and ask for the
     * arguments only then (reading them costs a system call).
     */
    default WorkerJvm workerJvm(String mainClass, Supplier<List<String>> arguments) {
        return null;
    }

    /** The group a training's worker JVMs report under (Spark: its application id), or null. */
    default String workerGroup(Object model, Object[] arguments) {
        return null;
    }

    /**
     * The oldest and the newest framework version the module is tested against (test-apps builds and runs
     * both); null when it names no range. A training on a version outside it gets a warning.
     */
    default String[] testedVersions() {
        return null;
    }

    /**
     * True when whether and how one of this module's classes is woven follows from that class's own bytes
     * alone: its type matchers compare names and declared members, never walk to super types. Its woven
     * classes are then cached for any class path, so a job whose own jar was rebuilt starts warm. False, the
     * default, keeps them for one class path (each entry's size and time), as a hierarchy match needs.
     */
    default boolean wovenFromOwnBytesOnly() {
        return false;
    }

    /** True when this framework's models are (also) saved with a plain {@code ObjectOutputStream}: the agent then hooks it. */
    default boolean savesModelsWithJavaSerialization() {
        return false;
    }

    /**
     * Keys of a training's {@code details} that describe the numeric environment (e.g. DL4J's ND4J backend):
     * {@code diff} reports changes to them as environment changes, not as model changes.
     */
    default List<String> environmentDetails() {
        return Collections.emptyList();
    }
}
