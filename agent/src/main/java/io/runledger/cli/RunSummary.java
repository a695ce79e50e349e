package io.runledger.cli;

import io.runledger.snapshot.ExecutorFile;
import io.runledger.snapshot.ExecutorInfo;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.ContainerLimits;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.EnvironmentInfo;
import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.Gpu;
import io.runledger.snapshot.HostInfo;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.ProcessInfo;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable form of a snapshot, for {@code show}: what was trained, on what and how well first
 * (per training: evaluations, data, final loss, model files, hyperparameters, seeds, warnings), then the
 * run's context, compactly.
 */
final class RunSummary {

    /** Hyperparameters shown per training unless --all. */
    static final int HYPERPARAMETERS_SHOWN = 12;

    private final PrintStream out;
    private final boolean all;

    RunSummary(PrintStream out) {
        this(out, false);
    }

    RunSummary(PrintStream out, boolean all) {
        this.out = out;
        this.all = all;
    }

    void print(Snapshot s) {
        RunInfo run = s.run;
        String exit = run.exitCode != null ? " (exit " + run.exitCode + ")" : "";
        String signal = run.signal != null ? " by " + run.signal : "";
        String lost = Boolean.TRUE.equals(run.lost) ? " (process gone; last checkpoint kept)" : "";
        out.println("Run " + run.id + "  " + (run.name == null ? "" : run.name + "  ") + run.status + exit + signal + lost + "  "
                + Format.duration(run.durationMillis) + "  started " + Format.when(run.startedAt) + " " + Format.zone());
        if (s.trainings.isEmpty()) {
            out.println();
            out.println("No training (capture=always records the JVM anyway).");
        }
        for (Training t : s.trainings) {
            out.println();
            training(s, t);
        }
        out.println();
        out.println("Run");
        context(s);
    }

    private void training(Snapshot s, Training t) {
        String folds = t.details != null && t.details.get("folds") != null ? "  " + t.details.get("folds") + " folds"
                + (t.details.get("foldModelType") != null ? " of " + Format.simpleName(String.valueOf(t.details.get("foldModelType"))) : "") : "";
        String calls = t.fitCalls != null ? "  " + t.fitCalls + " fit calls" : "";
        Long millis = null;
        try {
            millis = t.endedAt == null ? null : java.time.Duration.between(java.time.Instant.parse(t.startedAt), java.time.Instant.parse(t.endedAt)).toMillis();
        } catch (RuntimeException e) {
            millis = null;
        }
        out.println("Training #" + t.index + "  " + t.framework + (t.frameworkVersion == null ? "" : " " + t.frameworkVersion) + "  "
                + Format.simpleName(text(t.modelType)) + "  " + Format.method(t.entryPoint) + "  " + t.status
                + (millis == null ? "" : " in " + Format.duration(millis)) + calls + folds);
        if (t.evaluations.isEmpty()) {
            line("evaluations", "none");
        }
        for (int i = 0; i < t.evaluations.size(); i++) {
            Evaluation e = t.evaluations.get(i);
            line(i == 0 ? "evaluations" : "", Format.evaluationName(text(e.type)) + on(e) + ": " + metrics(e.metrics));
        }
        List<String> data = new ArrayList<>();
        for (DataInput d : t.dataInputs) {
            data.add(Format.parts(d.kind, d.uri, d.rows != null ? d.rows + " rows" : null,
                    d.shape != null && !d.shape.isEmpty() && d.uri == null ? String.join(" ", d.shape) : null,
                    d.sha256 != null ? "sha256 " + Format.shortHash(d.sha256) : null,
                    d.uses != null && d.uses > 1 ? "used " + d.uses + "x" : null));
        }
        lines("data", data.isEmpty() ? java.util.Collections.singletonList("none recorded") : data);
        for (MetricSeries m : t.metrics) {
            if (!m.points.isEmpty()) {
                MetricPoint last = m.points.get(m.points.size() - 1);
                line(m == t.metrics.get(0) ? "final loss" : "", m.name + " " + Format.number(last.value) + " at iteration " + last.iteration
                        + (last.epoch != null ? ", epoch " + last.epoch : "") + "  (" + m.count + (m.count == 1 ? " point)" : " points)"));
            }
        }
        List<String> models = new ArrayList<>();
        for (Artifact a : s.artifacts) {
            if (a.training != null && a.training == t.index) {
                models.add(text(a.path) + (a.sizeBytes != null ? "  " + Format.bytes(a.sizeBytes) : "")
                        + (a.sha256 != null ? "  sha256 " + Format.shortHash(a.sha256) : "") + ("WRITTEN".equals(a.status) || a.status == null ? "" : "  " + a.status));
            }
        }
        lines("model files", models.isEmpty() ? java.util.Collections.singletonList("none") : models);
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, Object> h : t.hyperparameters.entrySet()) {
            if (h.getValue() != null && !String.valueOf(h.getValue()).isEmpty()) {
                params.add(h.getKey() + " = " + Format.value(h.getValue()));
            }
        }
        if (!all && params.size() > HYPERPARAMETERS_SHOWN) {
            int more = params.size() - HYPERPARAMETERS_SHOWN;
            params = new ArrayList<>(params.subList(0, HYPERPARAMETERS_SHOWN));
            params.add("... " + more + " more (show --all)");
        }
        lines("hyperparams", params.isEmpty() ? java.util.Collections.singletonList("none recorded") : params);
        if (t.seeds != null && !t.seeds.isEmpty()) {
            List<String> seeds = new ArrayList<>();
            t.seeds.forEach((k, v) -> seeds.add(k + " = " + v));
            line("seeds", String.join(", ", seeds));
        }
        for (String w : t.warnings) {
            line("WARNING", w);
        }
    }

    /** What an evaluation ran on, when it says (a Tribuo split, the training data). */
    private static String on(Evaluation e) {
        Object data = e.details == null ? null : e.details.get("data");
        if (!(data instanceof Map)) {
            return "";
        }
        Map<?, ?> d = (Map<?, ?>) data;
        if (d.get("split") != null) {
            return " (" + d.get("split") + " split" + (d.get("rows") != null ? ", " + d.get("rows") + " rows" : "") + ")";
        }
        if (Boolean.TRUE.equals(d.get("trainingData"))) {
            return " (training data)";
        }
        return d.get("rows") != null ? " (" + d.get("rows") + " rows)" : "";
    }

    private static String metrics(Map<String, Object> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(k + " " + Format.value(v)));
        return parts.isEmpty() ? "no figures" : String.join(", ", parts);
    }

    /** The run's context, one line each: status, process, JVM, host, code, dependencies, environment. */
    private void context(Snapshot s) {
        RunInfo run = s.run;
        line("status", run.status + (run.exitCode != null ? " (exit " + run.exitCode + ")" : "") + ", " + Format.when(run.startedAt)
                + " to " + Format.when(run.endedAt));
        if (run.externalId != null) {
            line("run.id", run.externalId);
        }
        if (run.attachedAt != null) {
            line("attached", Format.when(run.attachedAt));
        }
        FailureInfo failure = run.failure;
        if (failure != null) {
            line("failure", failure.type + ": " + (failure.message == null ? "" : failure.message));
            List<String> frames = failure.stack == null ? new ArrayList<>() : failure.stack;
            for (int i = 0; i < 3 && i < frames.size(); i++) {
                line("", "  at " + frames.get(i));
            }
        }
        ProcessInfo p = s.process;
        if (p != null) {
            line("main", text(p.mainClass) + " " + join(p.arguments));
            line("process", "pid " + p.pid + " on " + orUnknown(p.hostname) + ", user " + orUnknown(p.user) + ", in "
                    + orUnknown(p.workingDirectory));
            line("jvm flags", join(p.jvmArguments));
        }
        JvmInfo j = s.jvm;
        if (j != null) {
            line("jvm", j.vendor + " " + j.version + " (" + j.vmName + "), GC " + join(j.garbageCollectors) + ", heap max "
                    + Format.bytes(j.heapMaxBytes) + ", " + j.availableProcessors + " CPUs");
        }
        HostInfo h = s.host;
        if (h != null) {
            List<String> gpus = new ArrayList<>();
            for (Gpu g : h.gpus == null ? new ArrayList<Gpu>() : h.gpus) {
                gpus.add(g.name);
            }
            ContainerLimits c = h.container;
            String container = c != null && (c.cpuQuotaCores != null || c.memoryLimitBytes != null) ? ", cgroup v" + c.cgroupVersion
                    + " CPU quota " + Format.text(c.cpuQuotaCores) + " memory limit " + Format.bytes(c.memoryLimitBytes) : "";
            line("host", h.cpuModel + ", " + h.physicalCores + " cores / " + h.logicalCores + " threads, " + Format.bytes(h.memoryBytes)
                    + " RAM, " + h.os + ", kernel " + h.kernel + ", GPUs: " + (h.gpus == null ? "not collected" : gpus.isEmpty() ? "none"
                    : String.join(", ", gpus)) + container);
        }
        CodeInfo code = s.code;
        if (code != null) {
            String commit = text(code.commit);
            int changed = code.changedFiles == null ? 0 : code.changedFiles.size();
            line("code", "git " + commit.substring(0, Math.min(12, commit.length())) + " on " + orUnknown(code.branch)
                    + (code.dirty ? ", dirty (" + changed + " changed files)" : ", clean") + (code.remoteUrl != null ? ", " + code.remoteUrl : ""));
        } else {
            line("code", "no git repository");
        }
        int hashed = 0;
        for (Dependency d : s.dependencies) {
            hashed += d.sha256 != null ? 1 : 0;
        }
        line("dependencies", s.dependencies.size() + " class path entries (" + hashed + " hashed)");
        EnvironmentInfo env = s.environment;
        if (env != null) {
            line("environment", size(env.variables) + " variables, " + size(env.systemProperties) + " system properties ("
                    + (redacted(env.variables) + redacted(env.systemProperties)) + " values redacted)");
        }
        List<String> sources = new ArrayList<>();
        for (DataSource d : s.dataSources) {
            sources.add(d.kind.wire() + "  " + d.uri + (d.sizeBytes != null ? "  " + Format.bytes(d.sizeBytes) : "")
                    + (d.sha256 != null ? "  sha256 " + Format.shortHash(d.sha256) : ""));
        }
        lines("data sources", sources.isEmpty() ? java.util.Collections.singletonList("none") : sources);
        if (s.executors != null) {
            lines("executors", executors(s));
        }
        for (String w : s.warnings) {
            line("warning", w);
        }
        if (!s.pending.isEmpty()) {
            line("pending", String.join(" ", s.pending) + " (not collected before the flush timeout)");
        }
    }

    /** One line per executor: where, its status, whether its class path is the same as the others', what it read. */
    private static List<String> executors(Snapshot s) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> classPaths = new java.util.HashSet<>();
        for (ExecutorInfo e : s.executors) {
            if (e.classPathSha256 != null) {
                classPaths.add(e.classPathSha256);
            }
        }
        for (ExecutorInfo e : s.executors) {
            long bytes = 0;
            for (ExecutorFile f : e.filesRead) {
                bytes += f.bytesRead;
            }
            out.add("executor " + e.id + "  " + e.host + " pid " + e.pid + "  " + e.status
                    + (e.jvm != null ? "  java " + e.jvm.version : "")
                    + (e.classPathSha256 == null ? "" : "  class path " + Format.shortHash(e.classPathSha256)
                            + (classPaths.size() > 1 ? " (differs)" : ""))
                    + "  read " + e.filesRead.size() + " files, " + Format.bytes(bytes) + "  (" + e.applicationId + ")");
        }
        return out;
    }

    private void lines(String label, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            line(i == 0 ? label : "", values.get(i));
        }
    }

    private static int size(Map<String, String> map) {
        return map == null ? 0 : map.size();
    }

    private static int redacted(Map<String, String> values) {
        int n = 0;
        if (values != null) {
            for (String v : values.values()) {
                n += v != null && v.contains("[REDACTED]") ? 1 : 0;
            }
        }
        return n;
    }

    private void line(String label, String value) {
        out.println("  " + Format.pad(label, 14) + value);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }

    private static String join(List<String> parts) {
        return parts == null ? "" : String.join(" ", parts);
    }
}
