package io.runledger.snapshot;

import java.util.List;
import java.util.Map;

/**
 * The full context record of one run, as written to {@code runs/<id>.json}. Sections still being
 * collected when the snapshot was written are null and named in {@link #pending}. The format is
 * described by {@code docs/snapshot.schema.json}; bump {@link #SCHEMA_VERSION} on incompatible changes.
 */
public final class Snapshot {

    public static final int SCHEMA_VERSION = 1;

    public final int schemaVersion = SCHEMA_VERSION;
    public final RunInfo run;
    public final ProcessInfo process;
    public final JvmInfo jvm;
    public final HostInfo host;
    public final CodeInfo code;
    public final List<Dependency> dependencies;
    public final EnvironmentInfo environment;
    public final Map<String, String> config;
    public final List<Training> trainings;
    public final List<DataSource> dataSources;
    public final List<Artifact> artifacts;
    /** JVMs that worked for this run (Spark executors with the agent); null when none. */
    public final List<ExecutorInfo> executors;
    public final List<String> warnings;
    public final List<String> pending;

    public Snapshot(RunInfo run, ProcessInfo process, JvmInfo jvm, HostInfo host, CodeInfo code,
                    List<Dependency> dependencies, EnvironmentInfo environment, Map<String, String> config,
                    List<Training> trainings, List<DataSource> dataSources, List<Artifact> artifacts,
                    List<ExecutorInfo> executors, List<String> warnings, List<String> pending) {
        this.executors = executors;
        this.run = run;
        this.process = process;
        this.jvm = jvm;
        this.host = host;
        this.code = code;
        this.dependencies = dependencies;
        this.environment = environment;
        this.config = config;
        this.trainings = trainings;
        this.dataSources = dataSources;
        this.artifacts = artifacts;
        this.warnings = warnings;
        this.pending = pending;
    }
}
