package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.hash.HashEngine;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "select", description = {"Picks the best matching run (by the last value of METRIC among its evaluations, else the latest run),",
    "prints its id and the model file it wrote, and checks the file still has the recorded SHA-256.",
    "Exit 0 when found and intact, 1 when nothing matches or the file is missing or changed."})
final class SelectCommand extends CliCommand {

    @Option(names = "--name", paramLabel = "NAME", description = "only runs of this name")
    String name;

    @Option(names = "--metric", paramLabel = "METRIC", description = "rank by this evaluation metric (needs --max or --min)")
    String metric;

    @ArgGroup(exclusive = true)
    Direction direction;

    @Option(names = "--status", paramLabel = "STATUS", description = "only runs with this status (default SUCCEEDED)")
    String status = "SUCCEEDED";

    @Option(names = "--before", paramLabel = "RUN", description = "only runs that started before RUN")
    String before;

    @Option(names = "--json", description = "the choice as JSON")
    boolean json;

    static final class Direction {
        @Option(names = "--max", required = true, description = "the highest METRIC wins")
        boolean max;

        @Option(names = "--min", required = true, description = "the lowest METRIC wins")
        boolean min;

        int sign() {
            return max ? 1 : -1;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (metric != null && direction == null) {
            throw new CliException("--metric needs --max or --min");
        }
        RunStore store = store();
        String startedBefore = before == null ? null : store.resolve(before).startedAt();
        List<RunStore.Entry> candidates = new ArrayList<>();
        for (RunStore.Entry e : store.all()) {
            RunInfo run = e.snapshot == null ? null : e.snapshot.run;
            if (run == null || name != null && !name.equals(run.name) || !run.status.name().equals(status)
                    || startedBefore != null && e.startedAt().compareTo(startedBefore) >= 0 || modelArtifact(e.snapshot) == null
                    || metric != null && metric(e.snapshot, metric) == null) {
                continue;
            }
            if (e.unverified != null) {
                err.println("skipped run " + e.id + ": " + e.unverified);   // a rollback target must be the run as recorded
                continue;
            }
            candidates.add(e);
        }
        RunStore.Entry best = null;
        for (RunStore.Entry e : candidates) {   // oldest first: ties go to the later run
            if (best == null || metric == null
                    || direction.sign() * Double.compare(metric(e.snapshot, metric), metric(best.snapshot, metric)) >= 0) {
                best = e;
            }
        }
        if (best == null) {
            err.println("runledger: no " + status + " run with a model file" + (name == null ? "" : " named '" + name + "'")
                    + (metric == null ? "" : " and metric '" + metric + "'"));
            return 1;
        }
        Artifact artifact = modelArtifact(best.snapshot);
        Path file = Paths.get(artifact.path);
        String recorded = artifact.sha256;
        String now = Files.isRegularFile(file) ? HashEngine.sha256Now(file) : null;
        String state = now == null ? "missing" : now.equals(recorded) ? "intact" : "changed";
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("runId", best.id);
            doc.put("model", file.toString());
            doc.put("sha256", recorded);
            doc.put("file", state);
            if (metric != null) {
                doc.put(metric, metric(best.snapshot, metric));
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            out.println(best.id + " " + file + (metric == null ? "" : " " + metric + "=" + metric(best.snapshot, metric)));
        }
        if (!state.equals("intact")) {
            err.println("runledger: model file " + file + " is " + state + (state.equals("changed") ? " (SHA-256 differs from the recorded one)" : ""));
            return 1;
        }
        return 0;
    }

    /** The last model file the run wrote successfully, with a hash. */
    static Artifact modelArtifact(Snapshot snapshot) {
        Artifact found = null;
        for (Artifact a : snapshot.artifacts) {
            if ("WRITTEN".equals(a.status) && a.path != null && a.sha256 != null) {
                found = a;
            }
        }
        return found;
    }

    /**
     * The last value of {@code name} (key or key suffix, e.g. "accuracy") among the evaluations of the
     * training that produced the run's model file: a model is never paired with another model's figures
     * (a cross-validation's, a fold's). Null when the file is not linked to a training.
     */
    /** The last value of {@code name} among every training's evaluations (for display, never for pairing with a model). */
    static Double anyMetric(Snapshot snapshot, String name) {
        return lastValue(snapshot.trainings, name);
    }

    /**
     * The last value of {@code name} (key or key suffix, e.g. "accuracy") among the evaluations of the
     * training that wrote the run's model file: a model is never paired with another model's figures
     * (a cross-validation's, a fold's). Null when the file is not linked to a training.
     */
    static Double metric(Snapshot snapshot, String name) {
        Artifact model = modelArtifact(snapshot);
        List<Training> wrote = new ArrayList<>();
        for (Training t : snapshot.trainings) {
            if (model != null && model.training != null && t.index == model.training) {
                wrote.add(t);
            }
        }
        return lastValue(wrote, name);
    }

    private static Double lastValue(List<Training> trainings, String name) {
        Double value = null;
        for (Training t : trainings) {
            for (Evaluation e : t.evaluations) {
                for (Map.Entry<String, Object> m : e.metrics.entrySet()) {
                    if ((m.getKey().equals(name) || m.getKey().endsWith("." + name)) && m.getValue() instanceof Number) {
                        value = ((Number) m.getValue()).doubleValue();
                    }
                }
            }
        }
        return value;
    }
}
