package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The in-toto Statement v1 that ties a run's model files to the run: one subject per file the run wrote
 * (its file name and SHA-256, as OpenSSF model signing lists a model's files), and a predicate naming the
 * run, its ledger entry and the checkpoint that includes it, the data sources' hashes, a hash of the
 * hyperparameters and the code commit. Built from the snapshot exactly as written, so a verifier derives
 * the same figures from the snapshot file.
 */
public final class ModelStatement {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://runledger.dev/model-provenance/v1";

    private ModelStatement() {
    }

    /** True when the snapshot lists at least one written file with a hash: only then is there a model to attest. */
    public static boolean hasModels(JsonNode snapshot) {
        return models(snapshot).size() > 0;
    }

    /**
     * The statement's JSON bytes.
     *
     * @param snapshot the snapshot as written (parsed from its bytes)
     * @param entry the run's ledger line
     * @param checkpoint the checkpoint note written right after that line (so it includes it)
     */
    public static byte[] of(JsonNode snapshot, String snapshotSha256, LedgerLine entry, String origin, String checkpoint) throws IOException {
        ObjectNode st = Json.MAPPER.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = st.putArray("subject");
        for (JsonNode m : models(snapshot)) {
            ObjectNode s = subjects.addObject();
            s.put("name", fileName(m.path("path").asText()));
            s.putObject("digest").put("sha256", m.path("sha256").asText());
        }
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        p.put("runId", entry.runId);
        p.put("runStatus", entry.status);
        p.put("snapshotSha256", snapshotSha256);
        ObjectNode ledger = p.putObject("ledger");
        ledger.put("origin", origin);
        ledger.put("entry", entry.seq);
        ledger.put("entrySha256", Hex.sha256(entry.text));
        ledger.put("checkpoint", checkpoint);
        p.set("models", models(snapshot));
        p.set("dataSources", dataSources(snapshot));
        p.put("hyperparametersSha256", hyperparametersSha256(snapshot));
        JsonNode code = snapshot.path("code");
        ObjectNode c = p.putObject("code");
        if (code.path("commit").isTextual()) {
            c.put("commit", code.path("commit").asText());
            c.put("dirty", code.path("dirty").asBoolean(false));
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(st);
    }

    /** Every file the run wrote and hashed: kind, path, SHA-256 and the training that produced it. */
    public static ArrayNode models(JsonNode snapshot) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode a : snapshot.path("artifacts")) {
            if (a.path("sha256").isTextual() && a.path("path").isTextual()) {
                ObjectNode m = out.addObject();
                m.put("kind", a.path("kind").asText(""));
                m.put("path", a.path("path").asText());
                m.put("sha256", a.path("sha256").asText());
                if (a.path("training").isNumber()) {
                    m.put("training", a.path("training").asInt());
                }
            }
        }
        return out;
    }

    /** Each data source the run read with its SHA-256 (null when it could not be hashed). */
    public static ArrayNode dataSources(JsonNode snapshot) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode d : snapshot.path("dataSources")) {
            ObjectNode s = out.addObject();
            s.put("uri", d.path("uri").asText(""));
            if (d.path("sha256").isTextual()) {
                s.put("sha256", d.path("sha256").asText());
            } else {
                s.putNull("sha256");
            }
        }
        return out;
    }

    /** SHA-256 of the trainings' hyperparameters, as the snapshot holds them, in training order (compact JSON). */
    public static String hyperparametersSha256(JsonNode snapshot) throws IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (JsonNode t : snapshot.path("trainings")) {
            all.add(t.path("hyperparameters"));
        }
        return Hex.sha256(Json.MAPPER.writeValueAsBytes(all));
    }

    /** A subject's name: the file name of a recorded path (the path itself when it has none). */
    static String fileName(String path) {
        try {
            Path name = Paths.get(path).getFileName();
            return name == null ? path : name.toString();
        } catch (RuntimeException e) {
            return path;
        }
    }
}
