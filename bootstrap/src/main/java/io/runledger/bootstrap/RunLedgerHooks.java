package io.runledger.bootstrap;

/**
 * What woven code reports to the agent. The agent's isolated implementation registers itself through
 * {@link RunLedger#install(RunLedgerHooks)}; until then every call is a no-op. Framework objects are
 * passed as {@code Object}: the agent reads them without linking against any framework.
 *
 * <p>Every method does nothing unless implemented (an implementation takes only the events it records).
 * Implementations must never throw: {@link RunLedger} guards anyway, but a hook runs inside the
 * application's own frames.
 */
public interface RunLedgerHooks {

    /** {@code Runtime.exit(status)} was called (before the shutdown hooks run). */
    default void onExit(int status) {
    }

    /** An exception escaped {@code thread}'s run method (or {@code main}) and is about to be reported. */
    default void onUncaughtException(Thread thread, Throwable error) {
    }

    /** The outermost training entry point was entered; returns a handle for {@link #onTrainingEnd}, 0 when not recorded. */
    default long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        return 0L;
    }

    /** The training with the given handle ended with {@code result} (the trained model, if returned); {@code error} is null on success. */
    default void onTrainingEnd(long handle, Object result, Throwable error) {
    }

    /** A nested overload of a training entry point ran (its arguments are the effective values). */
    default void onNestedCall(String framework, Object method, Object[] arguments) {
    }

    /** One optimisation step of {@code model} is done (its score and counters are current). */
    default void onIteration(String framework, Object model) {
    }

    /** An epoch of {@code model} is done. */
    default void onEpochEnd(String framework, Object model) {
    }

    /** {@code reader} opened {@code source} (a split, a path, a URL...). */
    default void onDataSource(String framework, Object reader, Object source) {
    }

    /** A feature step ({@code step}: a normalizer, a transform) was fitted or attached, on {@code input}. */
    default void onFeatureStep(String framework, Object step, Object input) {
    }

    /** {@code model} was evaluated (null: not known); {@code result} is what the evaluation returned. */
    default void onEvaluation(String framework, Object model, Object result) {
    }

    /** The program filled {@code evaluator} itself (fed it labels and predictions); read when the run ends. */
    default void onEvaluatorFilled(String framework, Object evaluator) {
    }

    /** A model was loaded through the framework's load API from {@code source} (a file, a path name, a stream). */
    default void onModelRead(String framework, Object source) {
    }

    /** The program seeded a framework's random generator ({@code name}: what it called), for the trainings that follow. */
    default void onSeed(String framework, String name, long seed) {
    }

    /**
     * The program handed {@code random} (a random generator of the JDK) to a framework, which will draw
     * from it ({@code name}: the call that took it); its state then is the seed that makes those draws repeatable.
     */
    default void onRandomHandedIn(String framework, String name, Object random) {
    }

    /** {@code model} produced predictions on this thread (what a hand-filled evaluation then scores). */
    default void onPrediction(String framework, Object model) {
    }

    /** {@code ObjectOutputStream.writeObject(object)} returned normally on {@code stream}. */
    default void onObjectWritten(Object stream, Object object) {
    }

    /** {@code model} was written to {@code target} (a file, a path name, a stream); {@code error} if it failed. */
    default void onModelWritten(String framework, Object model, Object target, Throwable error) {
    }

    /** A JDK file stream or channel ({@code stream}) was opened on {@code file}; {@code readable} unless write-only. Called before recording starts too. */
    default void onFileOpened(Object stream, Object file, boolean readable) {
    }

    /** {@code bytes} (positive) were read from {@code stream}. The hot path: a map lookup at most. */
    default void onFileRead(Object stream, long bytes) {
    }

    /** A JDBC {@code statement} was prepared from {@code sql}. */
    default void onStatementPrepared(Object statement, Object sql) {
    }

    /** A JDBC query ran on {@code statement} ({@code sql} null for prepared ones) and returned {@code resultSet}. */
    default void onQuery(Object statement, Object sql, Object resultSet) {
    }

    /** {@code resultSet.next()} returned true. */
    default void onRowFetched(Object resultSet) {
    }
}
