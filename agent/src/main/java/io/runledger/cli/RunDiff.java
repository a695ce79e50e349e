package io.runledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.Modules;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;
import io.runledger.util.JsonFlattener;
import io.runledger.util.JsonValues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two snapshots, section by section, listing only differences: data,
 * hyperparameters, feature steps, code, dependencies, environment, outcome. Fields that differ for
 * every pair of runs (ids, times, pids, durations) are left out unless {@code all}. Trainings are
 * paired by order and model type. Works on the typed snapshot model; values are compared as the text
 * the snapshot holds them in (lists and objects as their JSON).
 */
final class RunDiff {

    static final String[] SECTIONS = {"data", "hyperparameters", "featureSteps", "code", "dependencies", "environment", "outcome"};
    /** Relative tolerance for fitted statistics (normalizer means and the like). */
    private static final double TOLERANCE = 1e-6;

    /** One difference: where, what it was, what it is ("" when absent on that side). */
    static final class Change {
        final String section;
        final String key;
        final String before;
        final String after;

        Change(String section, String key, String before, String after) {
            this.section = section;
            this.key = key;
            this.before = before;
            this.after = after;
        }
    }

    private final Snapshot a;
    private final Snapshot b;
    private final boolean all;
    private final List<Change> changes = new ArrayList<>();

    RunDiff(Snapshot a, Snapshot b, boolean all) {
        this.a = a;
        this.b = b;
        this.all = all;
    }

    List<Change> compute() {
        data();
        trainings();
        code();
        dependencies();
        environment();
        outcome();
        return changes;
    }

    private void add(String section, String key, Object before, Object after) {
        String x = before == null ? "" : before.toString();
        String y = after == null ? "" : after.toString();
        if (!x.equals(y)) {
            changes.add(new Change(section, key, x, y));
        }
    }

    /** A value as the snapshot's JSON holds it: scalars as text, lists and objects as JSON; null stays null. */
    static String text(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            return value == null ? null : String.valueOf(value);
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static <T, R> R of(T section, Function<T, R> field) {
        return section == null ? null : field.apply(section);
    }

    // ---- data ----

    private void data() {
        Map<String, DataSource> before = byUri(a.dataSources);
        Map<String, DataSource> after = byUri(b.dataSources);
        for (String uri : union(before.keySet(), after.keySet())) {
            DataSource x = before.get(uri);
            DataSource y = after.get(uri);
            if (x == null || y == null) {
                add("data", uri, x == null ? null : "read (sha256 " + short12(x.sha256) + ")", y == null ? null : "read (sha256 " + short12(y.sha256) + ")");
            } else {
                add("data", uri + " sha256", x.sha256, y.sha256);
                add("data", uri + " size", x.sizeBytes, y.sizeBytes);
                add("data", uri + " rows", x.rows, y.rows);
            }
        }
    }

    private static Map<String, DataSource> byUri(List<DataSource> sources) {
        Map<String, DataSource> out = new LinkedHashMap<>();
        for (DataSource s : sources) {
            out.put(s.uri, s);
        }
        return out;
    }

    static String short12(String s) {
        return s == null ? "?" : s.substring(0, Math.min(12, s.length()));
    }

    // ---- trainings: data fingerprints, hyperparameters, feature steps, outcome ----

    private List<Training[]> pairs() {
        List<Training[]> out = new ArrayList<>();
        int n = Math.max(a.trainings.size(), b.trainings.size());
        for (int i = 0; i < n; i++) {
            Training x = i < a.trainings.size() ? a.trainings.get(i) : null;
            Training y = i < b.trainings.size() ? b.trainings.get(i) : null;
            if (x != null && y != null && !Objects.equals(x.modelType, y.modelType)) {
                out.add(new Training[] {x, null});
                out.add(new Training[] {null, y});
            } else {
                out.add(new Training[] {x, y});
            }
        }
        return out;
    }

    private static String label(Training[] pair) {
        Training t = pair[0] != null ? pair[0] : pair[1];
        String type = t.modelType;
        return "training #" + t.index + " (" + (type == null ? "?" : type.substring(type.lastIndexOf('.') + 1)) + ")";
    }

    private void trainings() {
        for (Training[] pair : pairs()) {
            String label = label(pair);
            if (pair[0] == null || pair[1] == null) {
                add("hyperparameters", label, pair[0] == null ? null : "present", pair[1] == null ? null : "present");
                continue;
            }
            Training x = pair[0];
            Training y = pair[1];
            // what reached the training, beyond files (in-memory fingerprints, dataset sizes)
            List<String> fx = fingerprints(x);
            List<String> fy = fingerprints(y);
            if (!fx.equals(fy)) {
                add("data", label + " inputs", String.join("; ", fx), String.join("; ", fy));
            }
            Map<String, String> hx = flat(x.hyperparameters);
            Map<String, String> hy = flat(y.hyperparameters);
            for (String k : union(hx.keySet(), hy.keySet())) {
                add("hyperparameters", label + " " + k, hx.get(k), hy.get(k));
            }
            Map<String, String> sx = flat(x.seeds);
            Map<String, String> sy = flat(y.seeds);
            for (String k : union(sx.keySet(), sy.keySet())) {
                add("hyperparameters", label + " seed " + k, sx.get(k), sy.get(k));
            }
            featureSteps(label, x.featureSteps, y.featureSteps);
            environmentDetails(label, x, y);
            trainingOutcome(label, x, y);
        }
    }

    private static List<String> fingerprints(Training t) {
        List<String> out = new ArrayList<>();
        for (DataInput d : t.dataInputs) {
            if (d.kind.equals("file") || d.kind.equals("iterator")) {
                continue;   // files are compared as data sources; iterators carry no content
            }
            out.add(d.kind + " " + (d.rows != null ? d.rows + " rows " : "") + (d.sha256 != null ? "sha256 " + short12(d.sha256) : ""));
        }
        return out;
    }

    private void featureSteps(String label, List<FeatureStep> x, List<FeatureStep> y) {
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            FeatureStep sx = i < x.size() ? x.get(i) : null;
            FeatureStep sy = i < y.size() ? y.get(i) : null;
            String key = label + " step " + i;
            if (sx == null || sy == null || !Objects.equals(sx.type, sy.type)) {
                add("featureSteps", key, sx == null ? null : sx.type, sy == null ? null : sy.type);
                continue;
            }
            Map<String, String> px = flat(sx.parameters);
            Map<String, String> py = flat(sy.parameters);
            for (String k : union(px.keySet(), py.keySet())) {
                if (!closeEnough(px.get(k), py.get(k))) {
                    add("featureSteps", key + " " + sx.type + "." + k, px.get(k), py.get(k));
                }
            }
        }
    }

    /** Equal, or both numbers (or number lists) within the relative tolerance. */
    static boolean closeEnough(String x, String y) {
        if (Objects.equals(x, y)) {
            return true;
        }
        if (x == null || y == null) {
            return false;
        }
        String[] xs = x.replaceAll("[\\[\\]]", "").split(",");
        String[] ys = y.replaceAll("[\\[\\]]", "").split(",");
        if (xs.length != ys.length) {
            return false;
        }
        try {
            for (int i = 0; i < xs.length; i++) {
                double p = Double.parseDouble(xs[i].trim());
                double q = Double.parseDouble(ys[i].trim());
                if (Math.abs(p - q) > TOLERANCE * Math.max(1.0, Math.max(Math.abs(p), Math.abs(q)))) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The training details its framework's module names as environment (e.g. DL4J's ND4J backend). */
    private void environmentDetails(String label, Training x, Training y) {
        FrameworkModule module = Modules.named(y.framework != null ? y.framework : x.framework);
        if (module == null) {
            return;
        }
        for (String key : module.environmentDetails()) {
            Map<String, String> bx = flat(x.details == null ? null : x.details.get(key));
            Map<String, String> by = flat(y.details == null ? null : y.details.get(key));
            for (String k : union(bx.keySet(), by.keySet())) {
                add("environment", label + " " + k, bx.get(k), by.get(k));
            }
        }
    }

    private void trainingOutcome(String label, Training x, Training y) {
        add("outcome", label + " status", x.status, y.status);
        add("outcome", label + " final score", lastScore(x), lastScore(y));
        Map<String, String> ex = evaluationMetrics(x);
        Map<String, String> ey = evaluationMetrics(y);
        for (String k : union(ex.keySet(), ey.keySet())) {
            String before = ex.get(k);
            String after = ey.get(k);
            if (!Objects.equals(before, after) && before != null && after != null) {
                try {
                    double delta = Double.parseDouble(after) - Double.parseDouble(before);
                    after = after + String.format(Locale.ROOT, " (%+.6g)", delta);
                } catch (NumberFormatException ignored) {
                    // not a number
                }
            }
            add("outcome", label + " " + k, before, after);
        }
    }

    static String lastScore(Training training) {
        for (MetricSeries m : training.metrics) {
            if (m.name.equals("score") && !m.points.isEmpty()) {
                return String.valueOf(m.points.get(m.points.size() - 1).value);
            }
        }
        return null;
    }

    static Map<String, String> evaluationMetrics(Training training) {
        Map<String, String> out = new TreeMap<>();
        int i = 0;
        for (Evaluation e : training.evaluations) {
            String prefix = "evaluation " + i++ + " " + e.type;
            for (Map.Entry<String, Object> m : e.metrics.entrySet()) {
                out.put(prefix + "." + m.getKey(), text(m.getValue()));
            }
        }
        return out;
    }

    // ---- code, dependencies, environment, outcome ----

    private void code() {
        add("code", "git commit", of(a.code, c -> c.commit), of(b.code, c -> c.commit));
        add("code", "git branch", of(a.code, c -> c.branch), of(b.code, c -> c.branch));
        add("code", "dirty files", text(of(a.code, c -> c.changedFiles)), text(of(b.code, c -> c.changedFiles)));
        add("code", "main class", of(a.process, p -> p.mainClass), of(b.process, p -> p.mainClass));
        add("code", "arguments", text(of(a.process, p -> p.arguments)), text(of(b.process, p -> p.arguments)));
    }

    private void dependencies() {
        Map<String, Dependency> before = dependencyMap(a);
        Map<String, Dependency> after = dependencyMap(b);
        for (String k : union(before.keySet(), after.keySet())) {
            Dependency x = before.get(k);
            Dependency y = after.get(k);
            if (x == null || y == null) {
                add("dependencies", k, x == null ? null : version(x), y == null ? null : version(y));
            } else if (!version(x).equals(version(y))) {
                add("dependencies", k + " version", version(x), version(y));
            } else if (x.sha256 != null && y.sha256 != null && !x.sha256.equals(y.sha256)) {
                add("dependencies", k + " sha256 (same version " + version(x) + ")", short12(x.sha256), short12(y.sha256));
            }
        }
    }

    private static String version(Dependency d) {
        return d.version != null ? d.version : d.file;
    }

    /** Jars by Maven group:artifact when known, else by file name without a version-looking suffix. */
    private static Map<String, Dependency> dependencyMap(Snapshot s) {
        Map<String, Dependency> out = new TreeMap<>();
        for (Dependency d : s.dependencies) {
            String key = d.artifact != null ? (d.group != null ? d.group + ":" : "") + d.artifact
                    : d.file.replaceAll("-\\d[\\w.-]*\\.jar$", ".jar");
            out.put(key, d);
        }
        return out;
    }

    private void environment() {
        add("environment", "jvm", jvm(a.jvm), jvm(b.jvm));
        add("environment", "jvm flags", text(of(a.process, p -> p.jvmArguments)), text(of(b.process, p -> p.jvmArguments)));
        add("environment", "heap max", of(a.jvm, j -> j.heapMaxBytes), of(b.jvm, j -> j.heapMaxBytes));
        add("environment", "gc", text(of(a.jvm, j -> j.garbageCollectors)), text(of(b.jvm, j -> j.garbageCollectors)));
        add("environment", "host os", of(a.host, h -> h.os), of(b.host, h -> h.os));
        add("environment", "host kernel", of(a.host, h -> h.kernel), of(b.host, h -> h.kernel));
        add("environment", "host cpuModel", of(a.host, h -> h.cpuModel), of(b.host, h -> h.cpuModel));
        add("environment", "host logicalCores", of(a.host, h -> h.logicalCores), of(b.host, h -> h.logicalCores));
        add("environment", "host memoryBytes", of(a.host, h -> h.memoryBytes), of(b.host, h -> h.memoryBytes));
        add("environment", "host gpus", text(of(a.host, h -> h.gpus)), text(of(b.host, h -> h.gpus)));
        Map<String, String> vx = variables(a);
        Map<String, String> vy = variables(b);
        for (String k : union(vx.keySet(), vy.keySet())) {
            if (all || vx.get(k) == null || vy.get(k) == null || !k.matches("(?i).*(PWD|TERM|SHLVL|_)$")) {
                add("environment", "env " + k, vx.get(k), vy.get(k));
            }
        }
        if (all) {
            add("environment", "hostname", of(a.process, p -> p.hostname), of(b.process, p -> p.hostname));
        }
    }

    private static String jvm(JvmInfo j) {
        return (j == null ? null : j.vendor) + " " + (j == null ? null : j.version);
    }

    private static Map<String, String> variables(Snapshot s) {
        return s.environment == null || s.environment.variables == null ? Collections.<String, String>emptyMap()
                : new TreeMap<>(s.environment.variables);
    }

    private void outcome() {
        add("outcome", "status", a.run.status, b.run.status);
        add("outcome", "exit code", a.run.exitCode, b.run.exitCode);
        add("outcome", "trainings", a.trainings.size(), b.trainings.size());
        for (int i = 0; i < Math.max(a.artifacts.size(), b.artifacts.size()); i++) {
            Artifact x = i < a.artifacts.size() ? a.artifacts.get(i) : null;
            Artifact y = i < b.artifacts.size() ? b.artifacts.get(i) : null;
            String name = x != null ? fileName(x) : fileName(y);
            add("outcome", "model file " + name, x == null ? null : x.status + " sha256 " + short12(x.sha256),
                    y == null ? null : y.status + " sha256 " + short12(y.sha256));
        }
        if (all) {
            add("outcome", "run id", a.run.id, b.run.id);
            add("outcome", "started", a.run.startedAt, b.run.startedAt);
            add("outcome", "duration ms", a.run.durationMillis, b.run.durationMillis);
            add("outcome", "pid", of(a.process, p -> p.pid), of(b.process, p -> p.pid));
        }
    }

    private static String fileName(Artifact artifact) {
        String p = artifact.path != null ? artifact.path : artifact.kind;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    // ---- helpers ----

    /** A value (a map of hyperparameters, a step's parameters) as dotted keys to texts; arrays of scalars stay one value. */
    static Map<String, String> flat(Object value) {
        return value == null ? new TreeMap<>() : JsonFlattener.asText(plain(value));
    }

    /** The value as the snapshot's JSON holds it: written by the mapper, read back as plain values. */
    private static Object plain(Object value) {
        try {
            return JsonValues.parse(Json.MAPPER.writeValueAsBytes(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TreeSet<String> union(Iterable<String> x, Iterable<String> y) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : x) {
            if (s != null) {
                out.add(s);
            }
        }
        for (String s : y) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
