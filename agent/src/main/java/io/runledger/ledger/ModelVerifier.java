package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a model file is on record: finds the runs whose signed statement lists the file's
 * SHA-256, and for each checks the statement's DSSE signature, that the checkpoint it names is signed and
 * includes the run's ledger entry (RFC 9162 inclusion proof over today's lines), that the snapshot is the
 * one the entry recorded, and that the statement's figures are the snapshot's. Reads only.
 */
public final class ModelVerifier {

    /** The verdict on one file. */
    public enum Verdict {
        /** A run wrote this exact file and every check holds. */
        VERIFIED,
        /** No run in the ledger wrote a file with this content or name. */
        UNKNOWN,
        /** A run wrote a file of this name, with other content. */
        CHANGED,
        /** A run's statement lists this content, but a check fails (or nothing is signed). */
        UNVERIFIABLE
    }

    /** What verification found; {@code runId} and {@code snapshot} name the run when one was found. */
    public static final class Result {
        public final Verdict verdict;
        public final String sha256;
        public final String runId;
        public final JsonNode snapshot;
        public final List<String> problems;
        public final List<String> notes;

        Result(Verdict verdict, String sha256, String runId, JsonNode snapshot, List<String> problems, List<String> notes) {
            this.verdict = verdict;
            this.sha256 = sha256;
            this.runId = runId;
            this.snapshot = snapshot;
            this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
            this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
        }
    }

    private ModelVerifier() {
    }

    /**
     * @param model the file to check
     * @param pinned trusted keys (empty: the keys the ledger publishes, which proves integrity, not authorship)
     */
    public static Result verify(Ledger ledger, Path model, List<LedgerKey> pinned) throws IOException {
        // a model saved as a directory (Spark ML) is one artifact: the digest over its files, as recorded
        String sha = Files.isDirectory(model) ? io.runledger.hash.DirectoryDigest.sha256Now(model) : io.runledger.hash.HashEngine.sha256Now(model);
        String name = model.getFileName() == null ? model.toString() : model.getFileName().toString();
        Map<String, LedgerKey> keys = new LinkedHashMap<>();
        if (pinned.isEmpty()) {
            keys.putAll(LedgerVerifier.publishedKeys(ledger));
        } else {
            for (LedgerKey k : pinned) {
                keys.put(k.fingerprint(), k);
            }
        }
        List<String> lines = ledger.readLines();
        List<byte[]> leaves = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            leaves.add(MerkleTree.leafHash(lines.get(i).getBytes(StandardCharsets.UTF_8)));
            try {
                position.putIfAbsent(Json.MAPPER.readTree(lines.get(i)).path("runId").asText(), i);
            } catch (IOException torn) {
                // verify names it; an unreadable line holds no run
            }
        }
        Result failed = null;
        // newest first: the same bytes from a deterministic retrain are on record more than once
        List<Path> envelopes = attestations(ledger);
        Collections.reverse(envelopes);
        for (Path file : envelopes) {
            Candidate c = Candidate.read(file, sha);
            if (c == null) {
                continue;
            }
            Result r = check(ledger, c, sha, keys, pinned.isEmpty(), lines, leaves, position);
            if (r.verdict == Verdict.VERIFIED) {
                return r;
            }
            if (failed == null) {
                failed = r;
            }
        }
        if (failed != null) {
            return failed;
        }
        return unattested(ledger, sha, name);
    }

    /** An envelope whose statement lists the file's digest. */
    private static final class Candidate {
        final Dsse envelope;
        final JsonNode statement;
        final String runId;

        private Candidate(Dsse envelope, JsonNode statement, String runId) {
            this.envelope = envelope;
            this.statement = statement;
            this.runId = runId;
        }

        static Candidate read(Path file, String sha) {
            try {
                if (Files.size(file) > 16 << 20) {
                    return null;
                }
                Dsse env = Dsse.parse(Files.readAllBytes(file));
                JsonNode st = Json.MAPPER.readTree(env.payload());
                for (JsonNode s : st.path("subject")) {
                    if (sha.equals(s.path("digest").path("sha256").asText())) {
                        return new Candidate(env, st, st.path("predicate").path("runId").asText(""));
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // not a statement: it names no file
            }
            return null;
        }
    }

    private static Result check(Ledger ledger, Candidate c, String sha, Map<String, LedgerKey> keys, boolean unpinned,
                                List<String> lines, List<byte[]> leaves, Map<String, Integer> position) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonNode p = c.statement.path("predicate");
        if (!Dsse.IN_TOTO.equals(c.envelope.payloadType) || !ModelStatement.STATEMENT_TYPE.equals(c.statement.path("_type").asText())
                || !ModelStatement.PREDICATE_TYPE.equals(c.statement.path("predicateType").asText())) {
            problems.add("the statement is not a RunLedger model statement");
        }
        if (c.envelope.signatures.isEmpty()) {
            problems.add("the statement is unsigned (the ledger had no ledger.signing-key when the run finished)");
        } else {
            String signer = c.envelope.signedBy(keys);
            if (signer == null) {
                problems.add("the statement carries no valid signature by " + (unpinned ? "a key published in the ledger" : "a pinned key"));
            } else {
                notes.add("statement signed by key " + signer.substring(0, 16) + "…" + (unpinned ? " (published in the ledger, not pinned: pin it with --key)" : " (pinned)"));
            }
        }
        Integer at = position.get(c.runId);
        JsonNode snapshot = null;
        if (at == null) {
            problems.add("run " + c.runId + " is not in the ledger (its entry was removed, or the statement was planted)");
        } else {
            String line = lines.get(at);
            JsonNode entry = Json.MAPPER.readTree(line);
            if (!Hex.sha256(line).equals(p.path("ledger").path("entrySha256").asText())) {
                problems.add("the run's ledger entry is not the one the statement names");
            }
            inclusion(ledger, p, at, leaves, keys, unpinned, problems, notes);
            snapshot = snapshot(ledger, c.runId, entry, p, problems);
        }
        if (snapshot != null) {
            if (!ModelStatement.hyperparametersSha256(snapshot).equals(p.path("hyperparametersSha256").asText())) {
                problems.add("the statement's hyperparameters hash is not the snapshot's");
            }
            if (!ModelStatement.dataSources(snapshot).equals(p.path("dataSources"))) {
                problems.add("the statement's data sources are not the snapshot's");
            }
            boolean listed = false;
            for (JsonNode m : ModelStatement.models(snapshot)) {
                listed |= sha.equals(m.path("sha256").asText());
            }
            if (!listed) {
                problems.add("the snapshot does not list a model file with this SHA-256");
            }
        }
        return new Result(problems.isEmpty() ? Verdict.VERIFIED : Verdict.UNVERIFIABLE, sha, c.runId, snapshot, problems, notes);
    }

    /** The statement's checkpoint is signed, of this ledger, and includes the entry at {@code index} of today's lines. */
    private static void inclusion(Ledger ledger, JsonNode predicate, int index, List<byte[]> leaves, Map<String, LedgerKey> keys,
                                  boolean unpinned, List<String> problems, List<String> notes) throws IOException {
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(predicate.path("ledger").path("checkpoint").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add("the statement's checkpoint is unreadable (" + e.getMessage() + ")");
            return;
        }
        if (!cp.signatureLines.isEmpty() && cp.signedBy(new ArrayList<>(keys.values())) == null) {
            problems.add("the statement's checkpoint carries no valid signature by " + (unpinned ? "a key published in the ledger" : "a pinned key"));
        }
        String origin = ledger.existingOrigin();
        if (!cp.origin.equals(origin)) {
            problems.add("the statement's checkpoint is of ledger '" + cp.origin + "', this ledger is '" + origin + "'");
            return;
        }
        if (cp.size > leaves.size() || index >= cp.size) {
            problems.add("the ledger holds " + leaves.size() + " entries, the statement's checkpoint covers " + cp.size
                    + (index >= cp.size ? " and not the run's entry " + (index + 1) : " (entries removed: a rollback)"));
            return;
        }
        List<byte[]> prefix = leaves.subList(0, (int) cp.size);
        List<byte[]> proof = MerkleTree.inclusionProof(prefix, index);
        if (MerkleTree.verifyInclusion(leaves.get(index), index, cp.size, proof, cp.root)) {
            notes.add("ledger entry " + (index + 1) + " included in the signed checkpoint of " + cp.size + " entries (RFC 9162 inclusion proof of "
                    + proof.size() + " hashes)");
        } else {
            problems.add("the ledger's first " + cp.size + " entries are not the ones the statement's checkpoint hashed (history rewritten)");
        }
    }

    /** The run's snapshot, when it is the one its ledger entry and the statement recorded; else null with the problem. */
    private static JsonNode snapshot(Ledger ledger, String runId, JsonNode entry, JsonNode predicate, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(ledger.snapshotFile(runId));
        } catch (IOException e) {
            problems.add("the snapshot of run " + runId + " is missing or unreadable");
            return null;
        }
        String sha = Hex.sha256(bytes);
        if (!sha.equals(entry.path("snapshotSha256").asText()) || !sha.equals(predicate.path("snapshotSha256").asText())) {
            problems.add("the snapshot of run " + runId + " was edited since it was recorded");
            return null;
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            problems.add("the snapshot of run " + runId + " is not JSON");
            return null;
        }
    }

    /** No statement lists the file: say whether a run recorded it anyway, or one of the same name with other content. */
    private static Result unattested(Ledger ledger, String sha, String name) throws IOException {
        String changedIn = null;
        String changedPath = null;
        String recordedSha = null;
        for (Path file : ledger.snapshotFiles()) {
            JsonNode s;
            try {
                s = Json.MAPPER.readTree(file.toFile());
            } catch (IOException | RuntimeException e) {
                continue;
            }
            String id = s.path("run").path("id").asText(file.getFileName().toString().replaceFirst("\\.json$", ""));
            for (JsonNode m : ModelStatement.models(s)) {
                if (sha.equals(m.path("sha256").asText())) {
                    return new Result(Verdict.UNVERIFIABLE, sha, id, null, Collections.singletonList("run " + id
                            + " recorded this file, but no model statement covers it (written before statements existed, or deleted)"),
                            Collections.emptyList());
                }
                if (name.equals(ModelStatement.fileName(m.path("path").asText()))) {
                    changedIn = id;   // the newest run that wrote this name
                    changedPath = m.path("path").asText();
                    recordedSha = m.path("sha256").asText();
                }
            }
        }
        if (changedIn != null) {
            return new Result(Verdict.CHANGED, sha, changedIn, null, Collections.singletonList("run " + changedIn + " wrote " + changedPath
                    + " with SHA-256 " + recordedSha + "; this file's is " + sha + " (changed since, or another model)"), Collections.emptyList());
        }
        return new Result(Verdict.UNKNOWN, sha, null, null, Collections.singletonList("no run in " + ledger.dir() + " wrote a file with SHA-256 "
                + sha + " or named " + name), Collections.emptyList());
    }

    private static List<Path> attestations(Ledger ledger) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(ledger.attestationsDir())) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ledger.attestationsDir(), "*.dsse.json")) {
            for (Path f : files) {
                out.add(f);
            }
        }
        out.sort(null);   // run ids sort by start time
        return out;
    }
}
