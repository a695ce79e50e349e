package io.runledger.snapshot;

/** The state of a run. RUNNING is only ever seen in checkpoints; a RUNNING run whose process is gone is KILLED. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, KILLED
}
