package io.runledger.agent;

import java.time.Duration;

/**
 * What a run's observers (the Prometheus metrics) are told, from the same events that build the
 * snapshot. Called on application threads: implementations must be cheap and must not throw.
 */
public interface RunListener {

    /** One optimisation step of a training ({@code score} is the framework's own loss). */
    void iteration(String framework, String modelType, double score);

    /** Steps a training took before this listener was up (told once, when it starts listening). */
    void iterationsBefore(String framework, String modelType, long count);

    /** An epoch ended. */
    void epoch(String framework, String modelType);

    /** A training returned or failed. */
    void trainingEnded(String framework, String modelType, Duration took, boolean failed);

    /** A numeric evaluation metric was recorded. */
    void evaluation(String framework, String metric, double value);

    /** A data file joined the run (its size, 0 when unknown). */
    void dataFile(long bytes);

    /** A data file's hash took {@code nanos} (not counted for cache hits). */
    void dataHashed(long nanos);
}
