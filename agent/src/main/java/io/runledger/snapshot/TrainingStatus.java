package io.runledger.snapshot;

/** The state of one training: still running (a checkpoint), returned, or threw. */
public enum TrainingStatus {
    RUNNING, SUCCEEDED, FAILED
}
