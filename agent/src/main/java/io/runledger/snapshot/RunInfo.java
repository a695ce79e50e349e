package io.runledger.snapshot;


/** Identity and outcome of a run. */
public final class RunInfo {

    public final String id;
    public final String name;
    public final String externalId;
    public final RunStatus status;
    public final String startedAt;
    public final String endedAt;
    public final Long durationMillis;
    public final Integer exitCode;
    public final String signal;
    public final FailureInfo failure;
    public final String attachedAt;
    public final String capture;
    public final String agentVersion;
    /** True when the run was marked KILLED after its process vanished: only its last checkpoint is known. */
    public final Boolean lost;

    public RunInfo(String id, String name, String externalId, RunStatus status, String startedAt, String endedAt, Long durationMillis, Integer exitCode, String signal, FailureInfo failure, String attachedAt, String capture, String agentVersion, Boolean lost) {
        this.id = id;
        this.name = name;
        this.externalId = externalId;
        this.status = status;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.durationMillis = durationMillis;
        this.exitCode = exitCode;
        this.signal = signal;
        this.failure = failure;
        this.attachedAt = attachedAt;
        this.capture = capture;
        this.agentVersion = agentVersion;
        this.lost = lost;
    }
}
