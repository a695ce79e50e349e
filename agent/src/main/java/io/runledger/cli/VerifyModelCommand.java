package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.ModelStatement;
import io.runledger.ledger.ModelVerifier;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

@Command(name = "verify-model", description = {"The deployment gate: finds the run that wrote this exact model file (by SHA-256),",
    "checks its signed statement and the run's inclusion in the ledger, and prints the run with its data, hyperparameters",
    "and evaluations. Exit 0 when all holds; 1 when the file is unknown, changed or unverifiable; 2 for bad input. Writes nothing."})
final class VerifyModelCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "the model file (or a Spark ML model directory) to be shipped")
    Path model;

    @Option(names = "--key", paramLabel = "PUB.pem", description = "a trusted public key (repeatable): the statement and the"
            + " checkpoint must be signed by one of them (default: the keys the ledger publishes, which proves integrity, not authorship)")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--json", description = "the verdict, the run and every problem as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // a model saved as a directory (Spark ML) is one artifact, checked by the digest over its files
        if (!(Files.isRegularFile(model) || Files.isDirectory(model)) || !Files.isReadable(model)) {
            throw new CliException("no readable model file or directory at " + model);
        }
        Path ledgerDir = ledgerDir();
        if (!Files.isDirectory(ledgerDir)) {
            throw new CliException("no ledger directory at " + ledgerDir.toAbsolutePath() + " (use --dir, or set runledger.dir / RUNLEDGER_DIR)");
        }
        ModelVerifier.Result r = ModelVerifier.verify(new Ledger(ledgerDir), model, publicKeys(keys));
        boolean ok = r.verdict == ModelVerifier.Verdict.VERIFIED;
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("file", model.toAbsolutePath().toString());
            doc.put("sha256", r.sha256);
            doc.put("verdict", r.verdict.name());
            doc.put("runId", r.runId);
            r.problems.forEach(doc.putArray("problems")::add);
            r.notes.forEach(doc.putArray("notes")::add);
            if (r.snapshot != null) {
                doc.set("dataSources", ModelStatement.dataSources(r.snapshot));
                ArrayNode trainings = doc.putArray("trainings");
                for (JsonNode t : r.snapshot.path("trainings")) {
                    ObjectNode o = trainings.addObject();
                    o.set("framework", t.path("framework"));
                    o.set("modelType", t.path("modelType"));
                    o.set("hyperparameters", t.path("hyperparameters"));
                    o.set("evaluations", t.path("evaluations"));
                }
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return ok ? 0 : 1;
        }
        String file = model.getFileName() + " (sha256 " + r.sha256.substring(0, 16) + "…)";
        switch (r.verdict) {
            case VERIFIED:
                JsonNode run = r.snapshot.path("run");
                out.println("OK: " + file + " was written by run " + r.runId + " (" + run.path("status").asText() + ", ended "
                        + Format.when(run.path("endedAt").asText(null)) + ")");
                break;
            case UNKNOWN:
                out.println("UNKNOWN: " + file + " is not on record");
                break;
            case CHANGED:
                out.println("CHANGED: " + file + " is not the file its run recorded");
                break;
            default:
                out.println("UNVERIFIABLE: " + file + (r.runId == null ? "" : " (run " + r.runId + ")") + " cannot be proved on record");
        }
        for (String p : r.problems) {
            out.println("PROBLEM " + p);
        }
        for (String n : r.notes) {
            out.println("note: " + n);
        }
        if (ok) {
            printRun(r.snapshot);
        }
        return ok ? 0 : 1;
    }

    /** What went into the model: code, data with hashes, each training's hyperparameters and evaluations. */
    private void printRun(JsonNode s) {
        JsonNode code = s.path("code");
        out.println("code: " + (code.path("commit").isTextual() ? "git " + code.path("commit").asText() + (code.path("dirty").asBoolean() ? " (dirty)" : "")
                : "no git repository"));
        out.println("data:");
        for (JsonNode d : s.path("dataSources")) {
            out.println("  " + d.path("uri").asText() + "  sha256 " + d.path("sha256").asText("(not hashed)"));
        }
        for (JsonNode t : s.path("trainings")) {
            out.println("training #" + t.path("index").asInt() + ": " + t.path("framework").asText() + " " + t.path("modelType").asText("")
                    + " (" + t.path("status").asText() + ")");
            out.println("  hyperparameters: " + pairs(t.path("hyperparameters")));
            for (JsonNode e : t.path("evaluations")) {
                out.println("  evaluation " + e.path("type").asText("") + ": " + pairs(e.path("metrics")));
            }
        }
    }

    private static String pairs(JsonNode object) {
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            b.append(b.length() == 0 ? "" : ", ").append(f.getKey()).append('=').append(f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }
}
