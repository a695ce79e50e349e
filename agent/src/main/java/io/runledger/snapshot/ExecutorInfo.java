package io.runledger.snapshot;

import java.util.List;

/**
 * A JVM that worked for this run without being a run of its own (a Spark executor with the agent on it):
 * where it ran, on what, and what it read. Written by that JVM beside the ledger, merged by the run's
 * JVM at its end. {@code status}: RUNNING (no end seen yet), ENDED (it exited and said so), LOST (it
 * is gone without saying so: killed, or it crashed).
 */
public final class ExecutorInfo {

    public final String id;
    public final String applicationId;
    public final String framework;
    public final String host;
    public final long pid;
    public final String status;
    public final String startedAt;
    public final String updatedAt;
    public final String endedAt;
    public final JvmInfo jvm;
    public final Integer classPathEntries;
    /** SHA-256 of the sorted lines {@code file TAB sha256 LF} of its class path: equal class paths, equal hashes. */
    public final String classPathSha256;
    public final List<ExecutorFile> filesRead;

    public ExecutorInfo(String id, String applicationId, String framework, String host, long pid, String status, String startedAt,
                        String updatedAt, String endedAt, JvmInfo jvm, Integer classPathEntries, String classPathSha256,
                        List<ExecutorFile> filesRead) {
        this.id = id;
        this.applicationId = applicationId;
        this.framework = framework;
        this.host = host;
        this.pid = pid;
        this.status = status;
        this.startedAt = startedAt;
        this.updatedAt = updatedAt;
        this.endedAt = endedAt;
        this.jvm = jvm;
        this.classPathEntries = classPathEntries;
        this.classPathSha256 = classPathSha256;
        this.filesRead = filesRead;
    }

    /** The same record with another status (the run's JVM judging one that never said it ended). */
    public ExecutorInfo withStatus(String newStatus) {
        return new ExecutorInfo(id, applicationId, framework, host, pid, newStatus, startedAt, updatedAt, endedAt, jvm, classPathEntries,
                classPathSha256, filesRead);
    }
}
