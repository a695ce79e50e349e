package io.runledger.cli;

import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as rows for the report's side-by-side table: section → what → value as text. What is trained,
 * on what and how well comes first, then code, environment and dependencies. Fields that differ for every
 * pair of runs (id, start, duration, pid) are left out: the column header shows them.
 */
final class ReportFacts {

    /** Section name → (row name → value). Insertion order is display order. */
    final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    ReportFacts(Snapshot s) {
        run(s);
        for (Training t : s.trainings) {
            training(t);
        }
        data(s);
        models(s);
        code(s);
        environment(s);
        dependencies(s);
    }

    /** A training's label, the same for the same position and model type in every run. */
    static String label(Training t) {
        return "training #" + t.index + " " + Format.simpleName(t.modelType == null ? "?" : t.modelType);
    }

    private void put(String section, String key, Object value) {
        String text = RunDiff.text(value);
        if (text != null && !text.isEmpty()) {
            sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, text);
        }
    }

    private void run(Snapshot s) {
        put("run", "status", s.run.status + (s.run.exitCode != null ? " (exit " + s.run.exitCode + ")" : "")
                + (s.run.signal != null ? " by " + s.run.signal : ""));
        put("run", "frameworks", Format.frameworks(s));
        put("run", "trainings", s.trainings.size());
        if (s.process != null) {
            put("run", "main class", s.process.mainClass);
            put("run", "arguments", s.process.arguments == null ? null : String.join(" ", s.process.arguments));
        }
        if (s.run.failure != null) {
            put("run", "failure", s.run.failure.type + ": " + s.run.failure.message);
        }
    }

    private void training(Training t) {
        String section = label(t);
        put(section, "model type", t.modelType);
        put(section, "framework", t.framework + (t.frameworkVersion != null ? " " + t.frameworkVersion : ""));
        put(section, "entry point", Format.method(t.entryPoint));
        put(section, "fit calls", t.fitCalls);
        put(section, "status", t.status);
        for (Evaluation e : t.evaluations) {
            String name = Format.evaluationName(e.type);
            for (Map.Entry<String, Object> m : e.metrics.entrySet()) {
                if (m.getValue() instanceof Number) {
                    put(section, "eval " + name + " " + m.getKey(), m.getValue());
                }
            }
        }
        for (MetricSeries m : t.metrics) {
            if (!m.points.isEmpty()) {
                put(section, "final " + m.name, m.points.get(m.points.size() - 1).value);
            }
        }
        RunDiff.flat(t.hyperparameters).forEach((k, v) -> put(section, "hp " + k, v));
        RunDiff.flat(t.seeds).forEach((k, v) -> put(section, "seed " + k, v));
        for (DataInput d : t.dataInputs) {
            put(section, "input " + d.kind + (d.uri != null ? " " + d.uri : ""), Format.parts(
                    d.rows != null ? d.rows + " rows" : null, d.sha256 != null ? "sha256 " + d.sha256 : null));
        }
        int i = 0;
        for (FeatureStep step : t.featureSteps) {
            put(section, "step " + i++ + " " + Format.simpleName(step.type), step.parameters);
        }
        for (String w : t.warnings) {
            put(section, "warning", w);
        }
    }

    private void data(Snapshot s) {
        for (DataSource d : s.dataSources) {
            put("data", d.uri + (d.kind == io.runledger.snapshot.SourceKind.MODEL ? " (model read)" : ""), Format.parts(
                    d.sha256 != null ? "sha256 " + d.sha256 : null, d.rows != null ? d.rows + " rows" : null,
                    d.sizeBytes != null ? d.sizeBytes + " bytes" : null));
        }
    }

    private void models(Snapshot s) {
        // by file name: a retrain usually writes to another directory, and its model should sit beside the last one
        Map<String, String> rows = sections.computeIfAbsent("model files", k -> new LinkedHashMap<>());
        for (Artifact a : s.artifacts) {
            String path = a.path != null ? a.path : a.kind;
            String name = Format.fileName(path);
            String key = name;
            for (int n = 2; rows.containsKey(key); n++) {
                key = name + " (" + n + ")";
            }
            put("model files", key, Format.parts(Objects.toString(a.status, null), a.sha256 != null ? "sha256 " + a.sha256 : null,
                    a.sizeBytes != null ? a.sizeBytes + " bytes" : null, a.training != null ? "training #" + a.training : null, path));
        }
        if (rows.isEmpty()) {
            sections.remove("model files");
        }
    }

    private void code(Snapshot s) {
        if (s.code != null) {
            put("code", "git commit", s.code.commit);
            put("code", "git branch", s.code.branch);
            put("code", "dirty", s.code.dirty);
            put("code", "changed files", s.code.changedFiles);
        }
    }

    private void environment(Snapshot s) {
        if (s.jvm != null) {
            put("environment", "jvm", s.jvm.vendor + " " + s.jvm.version);
            put("environment", "heap max", s.jvm.heapMaxBytes);
        }
        if (s.process != null) {
            put("environment", "jvm flags", s.process.jvmArguments == null ? null : String.join(" ", s.process.jvmArguments));
        }
        if (s.host != null) {
            put("environment", "os", s.host.os);
            put("environment", "cpu", s.host.cpuModel);
            put("environment", "logical cores", s.host.logicalCores);
            put("environment", "memory", s.host.memoryBytes);
            put("environment", "gpus", s.host.gpus);
        }
        if (s.environment != null && s.environment.variables != null) {
            new java.util.TreeMap<>(s.environment.variables).forEach((k, v) -> put("environment", "env " + k, v));
        }
    }

    private void dependencies(Snapshot s) {
        for (Dependency d : s.dependencies) {
            String key = d.artifact != null ? (d.group != null ? d.group + ":" : "") + d.artifact : d.file;
            put("dependencies", key, Format.parts(d.version, d.sha256 != null ? "sha256 " + d.sha256 : null));
        }
    }

    /** One row of the side-by-side table: a value per run (null where a run has none). */
    static final class Row {
        final String section;
        final String key;
        final List<String> values;

        Row(String section, String key, List<String> values) {
            this.section = section;
            this.key = key;
            this.values = values;
        }

        boolean differs() {
            for (String v : values) {
                if (!Objects.equals(v, values.get(0))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The rows of several runs, sections and rows in order of first appearance. */
    static List<Row> rows(List<ReportFacts> runs) {
        Map<String, Map<String, Boolean>> keys = new LinkedHashMap<>();
        for (ReportFacts f : runs) {
            f.sections.forEach((section, rows) -> rows.keySet().forEach(k ->
                    keys.computeIfAbsent(section, x -> new LinkedHashMap<>()).put(k, Boolean.TRUE)));
        }
        List<Row> out = new ArrayList<>();
        keys.forEach((section, rows) -> rows.keySet().forEach(k -> {
            List<String> values = new ArrayList<>();
            for (ReportFacts f : runs) {
                Map<String, String> s = f.sections.get(section);
                values.add(s == null ? null : s.get(k));
            }
            out.add(new Row(section, k, values));
        }));
        return out;
    }
}
