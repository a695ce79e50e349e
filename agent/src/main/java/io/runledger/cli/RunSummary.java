package io.runledger.cli;

import io.runledger.snapshot.CodeInfo;
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

/** The human-readable form of a snapshot, for {@code show}. */
final class RunSummary {

    private final PrintStream out;

    RunSummary(PrintStream out) {
        this.out = out;
    }

    void print(Snapshot s) {
        RunInfo run = s.run;
        out.println("Run " + run.id + "  " + (run.name == null ? "" : run.name));
        String exit = run.exitCode != null ? " (exit " + run.exitCode + ")" : "";
        String signal = run.signal != null ? " by " + run.signal : "";
        String lost = Boolean.TRUE.equals(run.lost) ? " (process gone; last checkpoint kept)" : "";
        line("status", run.status + exit + signal + lost);
        line("started", Format.when(run.startedAt));
        line("ended", Format.when(run.endedAt) + "  (" + Format.duration(run.durationMillis) + ")");
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
            line("host", h.cpuModel + ", " + h.physicalCores + " cores / " + h.logicalCores + " threads, " + Format.bytes(h.memoryBytes)
                    + " RAM, " + h.os + ", kernel " + h.kernel);
            List<String> gpus = new ArrayList<>();
            for (Gpu g : h.gpus == null ? new ArrayList<Gpu>() : h.gpus) {
                gpus.add(g.name);
            }
            line("gpus", gpus.isEmpty() ? "none" : String.join(", ", gpus));
            ContainerLimits c = h.container;
            if (c != null && (c.cpuQuotaCores != null || c.memoryLimitBytes != null)) {
                line("container", "cgroup v" + c.cgroupVersion + ", CPU quota " + Format.text(c.cpuQuotaCores) + ", memory limit "
                        + Format.bytes(c.memoryLimitBytes));
            }
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
        line("trainings", s.trainings.isEmpty() ? "none" : String.valueOf(s.trainings.size()));
        for (Training t : s.trainings) {
            line("", "#" + t.index + " " + t.framework + " " + text(t.modelType) + " via " + text(t.entryPoint) + ": " + t.status);
        }
        line("data sources", String.valueOf(s.dataSources.size()));
        line("artifacts", String.valueOf(s.artifacts.size()));
        for (String w : s.warnings) {
            line("warning", w);
        }
        if (!s.pending.isEmpty()) {
            line("pending", String.join(" ", s.pending) + " (not collected before the flush timeout)");
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
