package io.runledger.config;

/** When a snapshot is written. */
public enum CaptureMode {
    /** Only when a framework training entry point ran. */
    TRAINING,
    /** For every JVM the agent is attached to. */
    ALWAYS
}
