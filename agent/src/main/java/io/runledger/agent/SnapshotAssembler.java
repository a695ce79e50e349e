package io.runledger.agent;

import io.runledger.collect.CodeSourceRecorder;
import io.runledger.collect.DependencyCollector;
import io.runledger.config.Config;
import io.runledger.files.DirectorySources;
import io.runledger.files.FileReads;
import io.runledger.instrument.jdbc.JdbcQueries;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.ExecutorInfo;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.EnvironmentInfo;
import io.runledger.snapshot.HostInfo;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.ProcessInfo;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.RunStatus;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Freezes the run's state (registries, collected sections, warnings) into an immutable {@link Snapshot}. */
final class SnapshotAssembler {

    /** What names the run: fixed when the recorder is created. */
    static final class Identity {
        final String id;
        final String name;
        final Instant attachedAt;

        Identity(String id, String name, Instant attachedAt) {
            this.id = id;
            this.name = name;
            this.attachedAt = attachedAt;
        }
    }

    private final Config config;
    private final Identity identity;
    private final Trainings trainings;
    private final DataSources dataSources;
    private final Artifacts artifacts;
    private final JdbcQueries queries;
    private final FileReads fileReads;
    private final EnvironmentCollection environment;
    private final Supplier<DependencyCollector> dependencies;
    private final CodeSourceRecorder codeSources;
    private final List<String> warnings;

    SnapshotAssembler(Config config, Identity identity, Trainings trainings, DataSources dataSources, Artifacts artifacts,
                      JdbcQueries queries, FileReads fileReads, EnvironmentCollection environment,
                      Supplier<DependencyCollector> dependencies, CodeSourceRecorder codeSources, List<String> warnings) {
        this.config = config;
        this.identity = identity;
        this.trainings = trainings;
        this.dataSources = dataSources;
        this.artifacts = artifacts;
        this.queries = queries;
        this.fileReads = fileReads;
        this.environment = environment;
        this.dependencies = dependencies;
        this.codeSources = codeSources;
        this.warnings = warnings;
    }

    /** The snapshot as of now; {@code end} is null for a RUNNING checkpoint. */
    Snapshot build(RunStatus status, Instant startedAt, Instant end, Integer exitCode, String signal, Throwable failure,
                   String agentVersion, Redactor redactor, List<ExecutorInfo> executors) {
        List<String> pending = new ArrayList<>();
        ProcessInfo process = environment.process(pending);
        JvmInfo jvm = environment.jvm(pending);
        HostInfo host = environment.host(pending);
        EnvironmentInfo env = environment.environment(pending);
        CodeInfo code = environment.code(pending);
        boolean[] depsPending = {false};
        List<Dependency> deps = dependencies.get().collect(DependencyCollector.classPath(), codeSources.locations(), depsPending);
        if (depsPending[0]) {
            pending.add("dependencies.sha256");
        }
        Map<String, DataSource> sourcesByUri = new HashMap<>();
        List<DataSource> sources = new ArrayList<>();
        Set<Path> written = new HashSet<>();
        for (FileRecord a : artifacts.all()) {
            if (a.path != null) {
                written.add(a.path);
            }
        }
        for (FileRecord r : dataSources.all()) {
            if (written.contains(r.path)) {
                continue;   // a model file this run wrote and read back is its artifact, not its data
            }
            DataSource d = r.toDataSource();
            sourcesByUri.put(d.uri, d);
            sources.add(d);
            if (r.pending() && !pending.contains("dataSources.sha256")) {
                pending.add("dataSources.sha256");
            }
        }
        List<Training> ts = trainings.freeze(sourcesByUri::get, pending);
        Long duration = end == null ? null : Duration.between(startedAt, end).toMillis();
        RunInfo run = new RunInfo(identity.id, identity.name, config.externalRunId().isEmpty() ? null : config.externalRunId(),
                status, startedAt.toString(), end == null ? null : end.toString(), duration, exitCode, signal,
                failure == null ? null : FailureInfo.of(failure, redactor::redactValue),
                identity.attachedAt == null ? null : identity.attachedAt.toString(),
                config.capture().name().toLowerCase(Locale.ROOT), agentVersion, null);
        List<String> w = warnings();
        sources = DirectorySources.group(sources, config.directoryThreshold());
        sources.addAll(queries.sources(redactor));
        List<Artifact> models = new ArrayList<>();
        for (FileRecord r : artifacts.all()) {
            models.add(r.toArtifact());
            if (r.pending() && !pending.contains("artifacts.sha256")) {
                pending.add("artifacts.sha256");
            }
        }
        Snapshot s = new Snapshot(run, process, jvm, host, code, Collections.unmodifiableList(deps), env, config.effective(),
                Collections.unmodifiableList(ts), Collections.unmodifiableList(sources), Collections.unmodifiableList(models),
                executors == null || executors.isEmpty() ? null : Collections.unmodifiableList(executors), Collections.unmodifiableList(w), Collections.unmodifiableList(pending));
        return s;
    }

    private List<String> warnings() {
        List<String> w;
        synchronized (warnings) {
            w = new ArrayList<>(warnings);
        }
        if (identity.attachedAt != null) {
            w.add("agent attached at " + identity.attachedAt + ": what happened before that is unknown");
        }
        if (queries.limitReached()) {
            w.add("more than " + JdbcQueries.MAX_QUERIES + " distinct queries ran: later ones are not recorded");
        }
        if (fileReads != null && fileReads.limitReached()) {
            w.add("more than " + fileReads.maxFiles() + " distinct files were opened (files.max): later ones are not recorded");
        }
        return w;
    }
}
