package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.redact.RedactedJson;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.runledger.util.JsonValues.elements;
import static io.runledger.util.JsonValues.member;
import static io.runledger.util.JsonValues.text;

/**
 * The in-toto Statement v1 that ties a run's model files to the run: one subject per file the run wrote
 * (its file name and SHA-256, as OpenSSF model signing lists a model's files), and a predicate naming the
 * run, its ledger entry and the checkpoint that includes it, the data sources' hashes, a hash of the
 * hyperparameters and the code commit. Built from the snapshot exactly as written, so a verifier derives
 * the same figures from the snapshot file. The writer works on the snapshot read with {@code JsonValues}
 * (jackson-core only, in the training JVM); the verifier's tree overloads give the same answers.
 */
public final class ModelStatement {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://runledger.dev/model-provenance/v1";

    private ModelStatement() {
    }

    /**
     * What the statement reads of {@code snapshot} (code, data sources, model files, each training's
     * hyperparameters), as {@code JsonValues} would read it from the snapshot's bytes: each part is
     * written redacted exactly as inside the snapshot and read back on its own. The run's writer thus
     * never parses its whole snapshot again (20-30 ms of a short job's exit).
     */
    public static Object partsOf(Snapshot snapshot, Redactor redactor) throws IOException {
        Map<String, Object> parts = new LinkedHashMap<>();
        part(parts, "artifacts", snapshot.artifacts, null, redactor);
        if (!hasModels(parts)) {
            return parts;   // no statement will be written: the other parts are not needed
        }
        part(parts, "code", snapshot.code, null, redactor);
        List<Object> trainings = new ArrayList<>();
        if (snapshot.trainings != null) {
            for (Training t : snapshot.trainings) {
                Map<String, Object> training = new LinkedHashMap<>();
                part(training, "hyperparameters", t.hyperparameters, "trainings", redactor);
                trainings.add(training);
            }
            parts.put("trainings", trainings);
        }
        part(parts, "dataSources", snapshot.dataSources, null, redactor);
        return parts;
    }

    /**
     * Runs {@link #partsOf}'s write-and-parse path once on a small value, so that the final flush, which
     * the program's exit waits for, finds that code loaded (its first use cost 8-10 ms there).
     */
    public static void warmUp(Redactor redactor) {
        try {
            Map<String, Object> parts = new LinkedHashMap<>();
            part(parts, "hyperparameters", Collections.singletonMap("warm-up", Arrays.asList(1, "up", 2.5, true, null)), "trainings", redactor);
        } catch (IOException | RuntimeException e) {
            // only a warm-up
        }
    }

    private static void part(Map<String, Object> into, String name, Object value, String parent, Redactor redactor) throws IOException {
        if (value != null) {   // written only when present, as in the snapshot
            into.put(name, io.runledger.util.JsonValues.parse(RedactedJson.member(value, name, parent, redactor)));
        }
    }

    /** True when the snapshot lists at least one written file with a hash: only then is there a model to attest. */
    public static boolean hasModels(Object snapshot) {
        return !models(snapshot).isEmpty();
    }

    /**
     * The statement's JSON bytes.
     *
     * @param snapshot the snapshot as written (parsed from its bytes with {@code JsonValues})
     * @param entry the run's ledger line
     * @param checkpoint the checkpoint note written right after that line (so it includes it)
     */
    public static byte[] of(Object snapshot, String snapshotSha256, LedgerLine entry, String origin, String checkpoint) throws IOException {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("_type", STATEMENT_TYPE);
        List<Object> subjects = new ArrayList<>();
        for (Map<String, Object> m : models(snapshot)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", fileName((String) m.get("path")));
            Map<String, Object> digest = new LinkedHashMap<>();
            digest.put("sha256", m.get("sha256"));
            s.put("digest", digest);
            subjects.add(s);
        }
        st.put("subject", subjects);
        st.put("predicateType", PREDICATE_TYPE);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("runId", entry.runId);
        p.put("runStatus", entry.status);
        p.put("snapshotSha256", snapshotSha256);
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("origin", origin);
        ledger.put("entry", entry.seq);
        ledger.put("entrySha256", Hex.sha256(entry.text));
        ledger.put("checkpoint", checkpoint);
        p.put("ledger", ledger);
        p.put("models", models(snapshot));
        p.put("dataSources", dataSources(snapshot));
        p.put("hyperparametersSha256", hyperparametersSha256(snapshot));
        Object code = member(snapshot, "code");
        Map<String, Object> c = new LinkedHashMap<>();
        if (member(code, "commit") instanceof String) {
            c.put("commit", member(code, "commit"));
            c.put("dirty", Boolean.TRUE.equals(member(code, "dirty")));
        }
        p.put("code", c);
        st.put("predicate", p);
        return RedactedJson.unredacted(st, true);
    }

    /** Every file the run wrote and hashed: kind, path, SHA-256 and the training that produced it. */
    public static List<Map<String, Object>> models(Object snapshot) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object a : elements(member(snapshot, "artifacts"))) {
            if (member(a, "sha256") instanceof String && member(a, "path") instanceof String) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", text(member(a, "kind")));
                m.put("path", member(a, "path"));
                m.put("sha256", member(a, "sha256"));
                if (member(a, "training") instanceof Number) {
                    m.put("training", ((Number) member(a, "training")).intValue());
                }
                out.add(m);
            }
        }
        return out;
    }

    /** Each data source the run read with its SHA-256 (null when it could not be hashed). */
    public static List<Map<String, Object>> dataSources(Object snapshot) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object d : elements(member(snapshot, "dataSources"))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("uri", text(member(d, "uri")));
            s.put("sha256", member(d, "sha256") instanceof String ? member(d, "sha256") : null);
            out.add(s);
        }
        return out;
    }

    /** SHA-256 of the trainings' hyperparameters, as the snapshot holds them, in training order (compact JSON). */
    public static String hyperparametersSha256(Object snapshot) throws IOException {
        List<Object> all = new ArrayList<>();
        for (Object t : elements(member(snapshot, "trainings"))) {
            all.add(member(t, "hyperparameters"));
        }
        return Hex.sha256(RedactedJson.unredacted(all, false));
    }

    /** The verifier's view: the same answers for a snapshot read as the object mapper's tree. */
    public static JsonNode models(JsonNode snapshot) throws IOException {
        return tree(models(plain(snapshot)));
    }

    public static JsonNode dataSources(JsonNode snapshot) throws IOException {
        return tree(dataSources(plain(snapshot)));
    }

    public static String hyperparametersSha256(JsonNode snapshot) throws IOException {
        return hyperparametersSha256(plain(snapshot));
    }

    private static Object plain(JsonNode node) throws IOException {
        return io.runledger.util.JsonValues.parse(Json.MAPPER.writeValueAsBytes(node));
    }

    private static JsonNode tree(Object plain) throws IOException {
        return Json.MAPPER.readTree(RedactedJson.unredacted(plain, false));
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
