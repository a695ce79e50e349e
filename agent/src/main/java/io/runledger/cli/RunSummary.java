package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The human-readable form of a snapshot, for {@code show}. */
final class RunSummary {

    private final PrintStream out;

    RunSummary(PrintStream out) {
        this.out = out;
    }

    void print(JsonNode s) {
        JsonNode run = s.path("run");
        out.println("Run " + run.path("id").asText() + "  " + run.path("name").asText(""));
        String exit = run.path("exitCode").isNumber() ? " (exit " + run.path("exitCode").asInt() + ")" : "";
        String signal = run.hasNonNull("signal") ? " by " + run.path("signal").asText() : "";
        String lost = run.path("lost").asBoolean(false) ? " (process gone; last checkpoint kept)" : "";
        line("status", run.path("status").asText() + exit + signal + lost);
        line("started", Format.when(run.path("startedAt").asText()));
        line("ended", Format.when(run.path("endedAt").asText("")) + "  (" + Format.duration(run.path("durationMillis")) + ")");
        if (run.hasNonNull("externalId")) {
            line("run.id", run.path("externalId").asText());
        }
        if (run.hasNonNull("attachedAt")) {
            line("attached", Format.when(run.path("attachedAt").asText()));
        }
        JsonNode failure = run.path("failure");
        if (failure.isObject()) {
            line("failure", failure.path("type").asText() + ": " + failure.path("message").asText(""));
            Iterator<JsonNode> frames = failure.path("stack").elements();
            for (int i = 0; i < 3 && frames.hasNext(); i++) {
                line("", "  at " + frames.next().asText());
            }
        }
        JsonNode p = s.path("process");
        if (p.isObject()) {
            line("main", p.path("mainClass").asText("") + " " + join(p.path("arguments")));
            line("process", "pid " + p.path("pid").asText() + " on " + p.path("hostname").asText("?") + ", user "
                    + p.path("user").asText("?") + ", in " + p.path("workingDirectory").asText("?"));
            line("jvm flags", join(p.path("jvmArguments")));
        }
        JsonNode j = s.path("jvm");
        if (j.isObject()) {
            line("jvm", j.path("vendor").asText() + " " + j.path("version").asText() + " (" + j.path("vmName").asText() + "), GC "
                    + join(j.path("garbageCollectors")) + ", heap max " + Format.bytes(j.path("heapMaxBytes")) + ", "
                    + j.path("availableProcessors").asText() + " CPUs");
        }
        JsonNode h = s.path("host");
        if (h.isObject()) {
            line("host", h.path("cpuModel").asText() + ", " + h.path("physicalCores").asText() + " cores / "
                    + h.path("logicalCores").asText() + " threads, " + Format.bytes(h.path("memoryBytes")) + " RAM, "
                    + h.path("os").asText() + ", kernel " + h.path("kernel").asText());
            List<String> gpus = new ArrayList<>();
            for (JsonNode g : h.path("gpus")) {
                gpus.add(g.path("name").asText());
            }
            line("gpus", gpus.isEmpty() ? "none" : String.join(", ", gpus));
            JsonNode c = h.path("container");
            if (c.isObject() && (c.hasNonNull("cpuQuotaCores") || c.hasNonNull("memoryLimitBytes"))) {
                line("container", "cgroup v" + c.path("cgroupVersion").asText() + ", CPU quota " + Format.text(c.path("cpuQuotaCores"))
                        + ", memory limit " + Format.bytes(c.path("memoryLimitBytes")));
            }
        }
        JsonNode code = s.path("code");
        if (code.isObject()) {
            int changed = code.path("changedFiles").size();
            line("code", "git " + code.path("commit").asText().substring(0, Math.min(12, code.path("commit").asText().length()))
                    + " on " + code.path("branch").asText("?") + (code.path("dirty").asBoolean() ? ", dirty (" + changed + " changed files)" : ", clean")
                    + (code.hasNonNull("remoteUrl") ? ", " + code.path("remoteUrl").asText() : ""));
        } else {
            line("code", "no git repository");
        }
        JsonNode deps = s.path("dependencies");
        int hashed = 0;
        for (JsonNode d : deps) {
            hashed += d.hasNonNull("sha256") ? 1 : 0;
        }
        line("dependencies", deps.size() + " class path entries (" + hashed + " hashed)");
        JsonNode env = s.path("environment");
        if (env.isObject()) {
            line("environment", env.path("variables").size() + " variables, " + env.path("systemProperties").size()
                    + " system properties (" + countRedacted(env) + " values redacted)");
        }
        JsonNode trainings = s.path("trainings");
        line("trainings", trainings.size() == 0 ? "none" : String.valueOf(trainings.size()));
        for (JsonNode t : trainings) {
            line("", "#" + t.path("index").asInt() + " " + t.path("framework").asText() + " " + t.path("modelType").asText("")
                    + " via " + t.path("entryPoint").asText("") + ": " + t.path("status").asText());
        }
        line("data sources", String.valueOf(s.path("dataSources").size()));
        line("artifacts", String.valueOf(s.path("artifacts").size()));
        for (JsonNode w : s.path("warnings")) {
            line("warning", w.asText());
        }
        if (s.path("pending").size() > 0) {
            line("pending", join(s.path("pending")) + " (not collected before the flush timeout)");
        }
    }

    private static int countRedacted(JsonNode env) {
        int n = 0;
        for (JsonNode section : env) {
            Iterator<Map.Entry<String, JsonNode>> fields = section.fields();
            while (fields.hasNext()) {
                n += fields.next().getValue().asText().contains("[REDACTED]") ? 1 : 0;
            }
        }
        return n;
    }

    private void line(String label, String value) {
        out.println("  " + Format.pad(label, 14) + value);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        for (JsonNode n : array) {
            parts.add(n.asText());
        }
        return String.join(" ", parts);
    }
}
