package io.runledger.bootstrap;

/**
 * What woven code reports to the agent. The agent's isolated implementation registers itself through
 * {@link RunLedger#install(RunLedgerHooks)}; until then every call is a no-op.
 *
 * <p>Implementations must never throw: {@link RunLedger} guards anyway, but a hook runs inside the
 * application's own frames.
 */
public interface RunLedgerHooks {

    /** {@code Runtime.exit(status)} was called (before the shutdown hooks run). */
    void onExit(int status);

    /** An exception escaped {@code thread}'s run method (or {@code main}) and is about to be reported. */
    void onUncaughtException(Thread thread, Throwable error);

    /** A framework training entry point was entered; returns a training handle, or 0 when not recorded. */
    long onTrainingStart(String framework, Object model, String entryPoint);

    /** The training with the given handle ended; {@code error} is null on success. */
    void onTrainingEnd(long handle, Throwable error);
}
