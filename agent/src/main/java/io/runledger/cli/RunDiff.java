package io.runledger.cli;

import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.Modules;
import io.runledger.util.JsonFlattener;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two snapshots, section by section, listing only differences: data,
 * hyperparameters, feature steps, code, dependencies, environment, outcome. Fields that differ for
 * every pair of runs (ids, times, pids, durations) are left out unless {@code all}. Trainings are
 * paired by order and model type.
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

    private final JsonNode a;
    private final JsonNode b;
    private final boolean all;
    private final List<Change> changes = new ArrayList<>();

    RunDiff(JsonNode a, JsonNode b, boolean all) {
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

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    // ---- data ----

    private void data() {
        Map<String, JsonNode> before = byKey(a.path("dataSources"), "uri");
        Map<String, JsonNode> after = byKey(b.path("dataSources"), "uri");
        for (String uri : union(before.keySet(), after.keySet())) {
            JsonNode x = before.get(uri);
            JsonNode y = after.get(uri);
            if (x == null || y == null) {
                add("data", uri, x == null ? null : "read (sha256 " + short12(text(x.path("sha256"))) + ")",
                        y == null ? null : "read (sha256 " + short12(text(y.path("sha256"))) + ")");
            } else {
                add("data", uri + " sha256", text(x.path("sha256")), text(y.path("sha256")));
                add("data", uri + " size", text(x.path("sizeBytes")), text(y.path("sizeBytes")));
                add("data", uri + " rows", text(x.path("rows")), text(y.path("rows")));
            }
        }
    }

    private static String short12(String s) {
        return s == null ? "?" : s.substring(0, Math.min(12, s.length()));
    }

    // ---- trainings: data fingerprints, hyperparameters, feature steps, outcome ----

    private List<JsonNode[]> pairs() {
        List<JsonNode[]> out = new ArrayList<>();
        JsonNode ta = a.path("trainings");
        JsonNode tb = b.path("trainings");
        int n = Math.max(ta.size(), tb.size());
        for (int i = 0; i < n; i++) {
            JsonNode x = i < ta.size() ? ta.get(i) : null;
            JsonNode y = i < tb.size() ? tb.get(i) : null;
            if (x != null && y != null && !text(x.path("modelType")).equals(text(y.path("modelType")))) {
                out.add(new JsonNode[] {x, null});
                out.add(new JsonNode[] {null, y});
            } else {
                out.add(new JsonNode[] {x, y});
            }
        }
        return out;
    }

    private static String label(JsonNode[] pair) {
        JsonNode t = pair[0] != null ? pair[0] : pair[1];
        String type = text(t.path("modelType"));
        return "training #" + t.path("index").asInt() + " (" + (type == null ? "?" : type.substring(type.lastIndexOf('.') + 1)) + ")";
    }

    private void trainings() {
        for (JsonNode[] pair : pairs()) {
            String label = label(pair);
            if (pair[0] == null || pair[1] == null) {
                add("hyperparameters", label, pair[0] == null ? null : "present", pair[1] == null ? null : "present");
                continue;
            }
            JsonNode x = pair[0];
            JsonNode y = pair[1];
            // what reached the training, beyond files (in-memory fingerprints, dataset sizes)
            List<String> fx = fingerprints(x);
            List<String> fy = fingerprints(y);
            if (!fx.equals(fy)) {
                add("data", label + " inputs", String.join("; ", fx), String.join("; ", fy));
            }
            Map<String, String> hx = flat(x.path("hyperparameters"));
            Map<String, String> hy = flat(y.path("hyperparameters"));
            for (String k : union(hx.keySet(), hy.keySet())) {
                add("hyperparameters", label + " " + k, hx.get(k), hy.get(k));
            }
            Map<String, String> sx = flat(x.path("seeds"));
            Map<String, String> sy = flat(y.path("seeds"));
            for (String k : union(sx.keySet(), sy.keySet())) {
                add("hyperparameters", label + " seed " + k, sx.get(k), sy.get(k));
            }
            featureSteps(label, x.path("featureSteps"), y.path("featureSteps"));
            environmentDetails(label, x, y);
            trainingOutcome(label, x, y);
        }
    }

    private static List<String> fingerprints(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : t.path("dataInputs")) {
            String kind = d.path("kind").asText();
            if (kind.equals("file") || kind.equals("iterator")) {
                continue;   // files are compared as data sources; iterators carry no content
            }
            out.add(kind + " " + (d.hasNonNull("rows") ? d.path("rows").asText() + " rows " : "")
                    + (d.hasNonNull("sha256") ? "sha256 " + short12(d.path("sha256").asText()) : ""));
        }
        return out;
    }

    private void featureSteps(String label, JsonNode x, JsonNode y) {
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            JsonNode sx = x.get(i);
            JsonNode sy = y.get(i);
            String key = label + " step " + i;
            if (sx == null || sy == null || !sx.path("type").asText().equals(sy.path("type").asText())) {
                add("featureSteps", key, sx == null ? null : sx.path("type").asText(), sy == null ? null : sy.path("type").asText());
                continue;
            }
            Map<String, String> px = flat(sx.path("parameters"));
            Map<String, String> py = flat(sy.path("parameters"));
            for (String k : union(px.keySet(), py.keySet())) {
                if (!closeEnough(px.get(k), py.get(k))) {
                    add("featureSteps", key + " " + sx.path("type").asText() + "." + k, px.get(k), py.get(k));
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
    private void environmentDetails(String label, JsonNode x, JsonNode y) {
        FrameworkModule module = Modules.named(y.path("framework").asText(x.path("framework").asText()));
        if (module == null) {
            return;
        }
        for (String key : module.environmentDetails()) {
            Map<String, String> bx = flat(x.path("details").path(key));
            Map<String, String> by = flat(y.path("details").path(key));
            for (String k : union(bx.keySet(), by.keySet())) {
                add("environment", label + " " + k, bx.get(k), by.get(k));
            }
        }
    }

    private void trainingOutcome(String label, JsonNode x, JsonNode y) {
        add("outcome", label + " status", text(x.path("status")), text(y.path("status")));
        add("outcome", label + " final score", lastScore(x), lastScore(y));
        Map<String, String> ex = evaluationMetrics(x);
        Map<String, String> ey = evaluationMetrics(y);
        for (String k : union(ex.keySet(), ey.keySet())) {
            String before = ex.get(k);
            String after = ey.get(k);
            if (!Objects.equals(before, after) && before != null && after != null) {
                try {
                    double delta = Double.parseDouble(after) - Double.parseDouble(before);
                    after = after + String.format(java.util.Locale.ROOT, " (%+.6g)", delta);
                } catch (NumberFormatException ignored) {
                    // not a number
                }
            }
            add("outcome", label + " " + k, before, after);
        }
    }

    static String lastScore(JsonNode training) {
        for (JsonNode m : training.path("metrics")) {
            if (m.path("name").asText().equals("score") && m.path("points").size() > 0) {
                return m.path("points").get(m.path("points").size() - 1).path("value").asText();
            }
        }
        return null;
    }

    static Map<String, String> evaluationMetrics(JsonNode training) {
        Map<String, String> out = new TreeMap<>();
        int i = 0;
        for (JsonNode e : training.path("evaluations")) {
            String prefix = "evaluation " + i++ + " " + e.path("type").asText();
            Iterator<Map.Entry<String, JsonNode>> f = e.path("metrics").fields();
            while (f.hasNext()) {
                Map.Entry<String, JsonNode> m = f.next();
                out.put(prefix + "." + m.getKey(), m.getValue().asText());
            }
        }
        return out;
    }

    // ---- code, dependencies, environment, outcome ----

    private void code() {
        add("code", "git commit", text(a.path("code").path("commit")), text(b.path("code").path("commit")));
        add("code", "git branch", text(a.path("code").path("branch")), text(b.path("code").path("branch")));
        add("code", "dirty files", text(a.path("code").path("changedFiles")), text(b.path("code").path("changedFiles")));
        add("code", "main class", text(a.path("process").path("mainClass")), text(b.path("process").path("mainClass")));
        add("code", "arguments", text(a.path("process").path("arguments")), text(b.path("process").path("arguments")));
    }

    private void dependencies() {
        Map<String, JsonNode> before = dependencyMap(a);
        Map<String, JsonNode> after = dependencyMap(b);
        for (String k : union(before.keySet(), after.keySet())) {
            JsonNode x = before.get(k);
            JsonNode y = after.get(k);
            if (x == null || y == null) {
                add("dependencies", k, x == null ? null : version(x), y == null ? null : version(y));
            } else if (!version(x).equals(version(y))) {
                add("dependencies", k + " version", version(x), version(y));
            } else if (x.hasNonNull("sha256") && y.hasNonNull("sha256") && !x.path("sha256").asText().equals(y.path("sha256").asText())) {
                add("dependencies", k + " sha256 (same version " + version(x) + ")", short12(x.path("sha256").asText()),
                        short12(y.path("sha256").asText()));
            }
        }
    }

    private static String version(JsonNode d) {
        return d.hasNonNull("version") ? d.path("version").asText() : d.path("file").asText();
    }

    /** Jars by Maven group:artifact when known, else by file name without a version-looking suffix. */
    private static Map<String, JsonNode> dependencyMap(JsonNode s) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode d : s.path("dependencies")) {
            String key = d.hasNonNull("artifact") ? (d.hasNonNull("group") ? d.path("group").asText() + ":" : "") + d.path("artifact").asText()
                    : d.path("file").asText().replaceAll("-\\d[\\w.-]*\\.jar$", ".jar");
            out.put(key, d);
        }
        return out;
    }

    private void environment() {
        add("environment", "jvm", text(a.path("jvm").path("vendor")) + " " + text(a.path("jvm").path("version")),
                text(b.path("jvm").path("vendor")) + " " + text(b.path("jvm").path("version")));
        add("environment", "jvm flags", text(a.path("process").path("jvmArguments")), text(b.path("process").path("jvmArguments")));
        add("environment", "heap max", text(a.path("jvm").path("heapMaxBytes")), text(b.path("jvm").path("heapMaxBytes")));
        add("environment", "gc", text(a.path("jvm").path("garbageCollectors")), text(b.path("jvm").path("garbageCollectors")));
        for (String f : new String[] {"os", "kernel", "cpuModel", "logicalCores", "memoryBytes", "gpus"}) {
            add("environment", "host " + f, text(a.path("host").path(f)), text(b.path("host").path(f)));
        }
        Map<String, String> vx = flat(a.path("environment").path("variables"));
        Map<String, String> vy = flat(b.path("environment").path("variables"));
        for (String k : union(vx.keySet(), vy.keySet())) {
            if (all || vx.get(k) == null || vy.get(k) == null || !k.matches("(?i).*(PWD|TERM|SHLVL|_)$")) {
                add("environment", "env " + k, vx.get(k), vy.get(k));
            }
        }
        if (all) {
            add("environment", "hostname", text(a.path("process").path("hostname")), text(b.path("process").path("hostname")));
        }
    }

    private void outcome() {
        add("outcome", "status", text(a.path("run").path("status")), text(b.path("run").path("status")));
        add("outcome", "exit code", text(a.path("run").path("exitCode")), text(b.path("run").path("exitCode")));
        add("outcome", "trainings", String.valueOf(a.path("trainings").size()), String.valueOf(b.path("trainings").size()));
        JsonNode ax = a.path("artifacts");
        JsonNode bx = b.path("artifacts");
        for (int i = 0; i < Math.max(ax.size(), bx.size()); i++) {
            JsonNode x = ax.get(i);
            JsonNode y = bx.get(i);
            String name = x != null ? fileName(x) : fileName(y);
            add("outcome", "model file " + name, x == null ? null : text(x.path("status")) + " sha256 " + short12(text(x.path("sha256"))),
                    y == null ? null : text(y.path("status")) + " sha256 " + short12(text(y.path("sha256"))));
        }
        if (all) {
            add("outcome", "run id", text(a.path("run").path("id")), text(b.path("run").path("id")));
            add("outcome", "started", text(a.path("run").path("startedAt")), text(b.path("run").path("startedAt")));
            add("outcome", "duration ms", text(a.path("run").path("durationMillis")), text(b.path("run").path("durationMillis")));
            add("outcome", "pid", text(a.path("process").path("pid")), text(b.path("process").path("pid")));
        }
    }

    private static String fileName(JsonNode artifact) {
        String p = artifact.path("path").asText(artifact.path("kind").asText());
        return p.substring(p.lastIndexOf('/') + 1);
    }

    // ---- helpers ----

    private static Map<String, JsonNode> byKey(JsonNode array, String field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode n : array) {
            out.put(n.path(field).asText(), n);
        }
        return out;
    }

    /** An object as dotted keys to texts; arrays of scalars stay one value. */
    static Map<String, String> flat(JsonNode node) {
        return JsonFlattener.asText(node);
    }

    private static TreeSet<String> union(Iterable<String> x, Iterable<String> y) {
        TreeSet<String> out = new TreeSet<>();
        x.forEach(out::add);
        y.forEach(out::add);
        return out;
    }
}
