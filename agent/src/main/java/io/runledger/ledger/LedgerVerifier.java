package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a ledger and names every problem, going on past each: an edited or missing snapshot; an
 * edited, deleted, reordered or duplicated line; a torn last line; a finished snapshot no line records;
 * an entry whose signature does not hold, or that is unsigned or signed by an unpinned key when keys are
 * pinned (a forged append); the ledger's own checkpoint not matching its lines; and, against a checkpoint
 * exported earlier, a rollback, a deletion or a rewritten history (proved with an RFC 9162 consistency
 * proof, so recomputing every hash does not hide it). Reads only.
 */
public final class LedgerVerifier {

    /** What verification found. */
    public static final class Result {
        public final int lines;
        public final int snapshotsChecked;
        public final List<String> problems;
        /** Facts that are not problems: how entries are signed, which checkpoints were checked. */
        public final List<String> notes;
        public final byte[] root;

        Result(int lines, int snapshotsChecked, List<String> problems, List<String> notes, byte[] root) {
            this.lines = lines;
            this.snapshotsChecked = snapshotsChecked;
            this.problems = Collections.unmodifiableList(problems);
            this.notes = Collections.unmodifiableList(notes);
            this.root = root;
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LedgerVerifier() {
    }

    public static Result verify(Ledger ledger) throws IOException {
        return verify(ledger, Collections.emptyList(), null);
    }

    /**
     * @param pinned the keys entries must be signed by (empty: signatures are checked against the keys the
     *               ledger publishes under {@code keys/}, which proves integrity but not authorship)
     * @param exported a checkpoint exported earlier (its text), or null
     */
    public static Result verify(Ledger ledger, List<LedgerKey> pinned, String exported) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> lines = ledger.readLines();
        if (endsTorn(ledger.ledgerFile())) {
            problems.add("ledger line " + lines.size() + ": torn (the file does not end with a newline; a writer stopped mid-append;"
                    + " the next writer sets it aside)");
        }
        String origin = ledger.existingOrigin();
        Map<String, LedgerKey> published = publishedKeys(ledger);
        Map<String, LedgerKey> usable = new LinkedHashMap<>();
        for (LedgerKey k : pinned) {
            usable.put(k.fingerprint(), k);
        }
        if (pinned.isEmpty()) {
            usable.putAll(published);
        }
        Set<String> recorded = new HashSet<>();
        int n = lines.size();
        List<List<String>> perLine = new ArrayList<>(n);   // each line's chain problems, in line order
        JsonNode[] parsed = new JsonNode[n];
        String prevText = null;
        long expectedSeq = 1;
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> found = new ArrayList<>();
            perLine.add(found);
            String text = lines.get(i);
            leaves.add(MerkleTree.leafHash(text.getBytes(StandardCharsets.UTF_8)));
            int lineNo = i + 1;
            String expectedPrev = prevText == null ? Ledger.GENESIS : Hex.sha256(prevText);
            prevText = text;
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                found.add("ledger line " + lineNo + ": unreadable (not JSON)");
                expectedSeq++;
                continue;
            }
            long seq = line.path("seq").asLong(-1);
            String runId = line.path("runId").asText("");
            if (seq != expectedSeq) {
                found.add("ledger line " + lineNo + " (run " + runId + "): sequence " + seq + " where " + expectedSeq
                        + " was expected: " + (seq > expectedSeq ? "line(s) deleted or moved before it" : "lines reordered or duplicated"));
            }
            expectedSeq = seq + 1;
            if (!expectedPrev.equals(line.path("prevSha256").asText())) {
                found.add("ledger line " + lineNo + " (run " + runId + "): chain broken: the previous line was edited, deleted or reordered");
            }
            parsed[i] = line;
        }
        // the costly part, a signature check and a snapshot re-hash per line, on every core; each task
        // writes only its own slots, read after the stream has completed
        String[] signerOf = new String[n];
        boolean[] snapshotChecked = new boolean[n];
        List<List<String>> costly = new ArrayList<>(Collections.nCopies(n, Collections.<String>emptyList()));
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            JsonNode line = parsed[i];
            if (line == null) {
                return;
            }
            String runId = line.path("runId").asText("");
            List<String> found = new ArrayList<>();
            signerOf[i] = checkSignature(line, i + 1, runId, origin, pinned, usable, found);
            if (validRunId(runId)) {
                snapshotChecked[i] = checkSnapshot(ledger, runId, line, found);
            }
            costly.set(i, found);
        });
        Set<String> signers = new HashSet<>();
        int unsigned = 0;
        int checked = 0;
        for (int i = 0; i < n; i++) {
            problems.addAll(perLine.get(i));
            problems.addAll(costly.get(i));
            if (parsed[i] == null) {
                continue;
            }
            if (signerOf[i] == null) {
                unsigned++;
            } else {
                signers.add(signerOf[i]);
            }
            String runId = parsed[i].path("runId").asText("");
            if (!validRunId(runId)) {
                problems.add("ledger line " + (i + 1) + ": no valid run id");
                continue;
            }
            if (!recorded.add(runId)) {
                problems.add("ledger line " + (i + 1) + " (run " + runId + "): the run is recorded twice (a duplicated entry)");
            }
            checked += snapshotChecked[i] ? 1 : 0;
        }
        unrecordedSnapshots(ledger, recorded, problems);
        byte[] root = MerkleTree.root(leaves);
        signingNotes(lines.size(), unsigned, signers, pinned, notes);
        ownCheckpoint(ledger, origin, leaves, pinned, usable, problems, notes);
        if (exported != null) {
            exportedCheckpoint(exported, origin, leaves, root, pinned, usable, problems, notes);
        }
        return new Result(lines.size(), checked, problems, notes, root);
    }

    /** Checks an entry's signature; returns the signing key's fingerprint when it holds, else null. */
    private static String checkSignature(JsonNode line, int lineNo, String runId, String origin, List<LedgerKey> pinned,
                                         Map<String, LedgerKey> usable, List<String> problems) {
        String keyId = line.path("keyId").asText("");
        String signature = line.path("signature").asText("");
        String where = "ledger line " + lineNo + " (run " + runId + ")";
        if (keyId.isEmpty() || signature.isEmpty()) {
            if (!pinned.isEmpty()) {
                problems.add(where + ": unsigned, so not written by a pinned key (a forged or foreign append)");
            }
            return null;
        }
        LedgerKey key = usable.get(keyId);
        if (key == null) {
            problems.add(where + ": signed by key " + keyId.substring(0, Math.min(16, keyId.length())) + "…, which is "
                    + (pinned.isEmpty() ? "not published in keys/" : "not pinned (a forged append?)"));
            return null;
        }
        if (!signatureHolds(line, origin, key)) {
            problems.add(where + ": signature invalid: the entry was changed after it was signed (or moved from another ledger)");
            return null;
        }
        return keyId;
    }

    /** A run id that can name a snapshot file. */
    private static boolean validRunId(String runId) {
        return !runId.isEmpty() && runId.matches("[A-Za-z0-9._-]+");
    }

    /** True when the entry's {@code signature} is {@code key}'s over {@link Ledger#signedPayload}. */
    public static boolean signatureHolds(JsonNode line, String origin, LedgerKey key) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(line.path("signature").asText(""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verify(Ledger.signedPayload(line, origin), sig);
    }

    private static boolean checkSnapshot(Ledger ledger, String runId, JsonNode line, List<String> problems) {
        Path file = ledger.snapshotFile(runId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add("run " + runId + ": snapshot missing (" + file + ")");
            return false;
        } catch (IOException e) {
            problems.add("run " + runId + ": snapshot unreadable (" + e.getMessage() + ")");
            return false;
        }
        if (!Hex.sha256(bytes).equals(line.path("snapshotSha256").asText())) {
            problems.add("run " + runId + ": snapshot edited since it was recorded (SHA-256 differs)");
        }
        try (com.fasterxml.jackson.core.JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            while (parser.nextToken() != null) {
                // tokenising is enough to know it is JSON; no tree is built
            }
        } catch (IOException e) {
            problems.add("run " + runId + ": snapshot unreadable (not JSON)");
        }
        return true;
    }

    private static void unrecordedSnapshots(Ledger ledger, Set<String> recorded, List<String> problems) throws IOException {
        for (Path file : ledger.snapshotFiles()) {
            String id = file.getFileName().toString().replaceFirst("\\.json$", "");
            if (recorded.contains(id)) {
                continue;
            }
            String status;
            try {
                status = Json.MAPPER.readTree(file.toFile()).path("run").path("status").asText("");
            } catch (IOException e) {
                problems.add("run " + id + ": snapshot unreadable (not JSON) and not in the ledger");
                continue;
            }
            if (!"RUNNING".equals(status)) {
                problems.add("run " + id + ": finished snapshot (" + status + ") not recorded in the ledger");
            }
        }
    }

    private static void signingNotes(int lines, int unsigned, Set<String> signers, List<LedgerKey> pinned, List<String> notes) {
        if (lines == 0) {
            return;
        }
        if (unsigned == lines) {
            notes.add("entries are unsigned (no ledger.signing-key): the chain shows edits, not who wrote it");
        } else if (pinned.isEmpty()) {
            notes.add((lines - unsigned) + " of " + lines + " entries signed by " + signers.size()
                    + " key(s) published in the ledger itself; pin them with --key to prove who wrote them");
        } else {
            notes.add((lines - unsigned) + " of " + lines + " entries signed by pinned key(s)");
        }
    }

    /** The ledger's own latest checkpoint must describe a prefix of (normally all of) its lines. */
    private static void ownCheckpoint(Ledger ledger, String origin, List<byte[]> leaves, List<LedgerKey> pinned,
                                      Map<String, LedgerKey> usable, List<String> problems, List<String> notes) throws IOException {
        Path file = ledger.checkpointFile();
        if (!Files.exists(file)) {
            if (!leaves.isEmpty()) {
                notes.add("no checkpoint file (a ledger written before checkpoints existed)");
            }
            return;
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problems.add("checkpoint file unreadable (" + e.getMessage() + ")");
            return;
        }
        checkNoteSignature(cp, "the ledger's checkpoint", pinned, usable, problems, notes);
        if (!cp.origin.equals(origin)) {
            problems.add("the ledger's checkpoint names ledger '" + cp.origin + "', this ledger is '" + origin + "'");
        }
        if (cp.size > leaves.size()) {
            problems.add("rollback: the ledger's checkpoint covers " + cp.size + " entries but the ledger holds " + leaves.size()
                    + " (entries removed)");
        } else if (!java.util.Arrays.equals(MerkleTree.root(leaves.subList(0, (int) cp.size)), cp.root)) {
            problems.add("history rewritten: the first " + cp.size + " entries are not the ones the ledger's checkpoint hashed");
        } else if (cp.size < leaves.size()) {
            notes.add("the checkpoint covers " + cp.size + " of " + leaves.size() + " entries (a writer stopped before updating it)");
        }
    }

    private static void exportedCheckpoint(String text, String origin, List<byte[]> leaves, byte[] root, List<LedgerKey> pinned,
                                           Map<String, LedgerKey> usable, List<String> problems, List<String> notes) {
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add("exported checkpoint unreadable (" + e.getMessage() + ")");
            return;
        }
        checkNoteSignature(cp, "the exported checkpoint", pinned, usable, problems, notes);
        if (!origin.isEmpty() && !cp.origin.equals(origin)) {
            problems.add("the exported checkpoint is of ledger '" + cp.origin + "', this ledger is '" + origin + "'");
            return;
        }
        if (cp.size > leaves.size()) {
            problems.add((leaves.isEmpty() ? "ledger deleted" : "rollback") + ": the exported checkpoint proves " + cp.size
                    + " entries, the ledger holds " + leaves.size());
            return;
        }
        if (cp.size == 0) {
            notes.add("the exported checkpoint is of an empty ledger");
            return;
        }
        List<byte[]> proof = MerkleTree.consistencyProof(leaves, (int) cp.size);
        if (MerkleTree.verifyConsistency(cp.size, leaves.size(), cp.root, root, proof)) {
            notes.add("consistent with the exported checkpoint of " + cp.size + " entries (RFC 9162 consistency proof of "
                    + proof.size() + " hashes)");
        } else {
            problems.add("history rewritten: the ledger does not extend the exported checkpoint of " + cp.size
                    + " entries (its first entries changed, even if every hash was recomputed)");
        }
    }

    private static void checkNoteSignature(Checkpoint cp, String what, List<LedgerKey> pinned, Map<String, LedgerKey> usable,
                                           List<String> problems, List<String> notes) {
        if (cp.signatureLines.isEmpty()) {
            if (!pinned.isEmpty()) {
                problems.add(what + " is unsigned, so not signed by a pinned key");
            } else {
                notes.add(what + " is unsigned");
            }
            return;
        }
        if (cp.signedBy(new ArrayList<>(usable.values())) == null) {
            problems.add(what + " carries no valid signature by " + (pinned.isEmpty() ? "a key published in the ledger" : "a pinned key"));
        }
    }

    /** The public keys the ledger publishes under {@code keys/}, by fingerprint (unreadable ones left out). */
    public static Map<String, LedgerKey> publishedKeys(Ledger ledger) {
        Map<String, LedgerKey> out = new LinkedHashMap<>();
        Path dir = ledger.keysDir();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path f : files) {
                try {
                    for (LedgerKey k : LedgerKey.loadPublic(f)) {
                        out.put(k.fingerprint(), k);
                    }
                } catch (Exception unreadable) {
                    // a key that cannot be read verifies nothing
                }
            }
        } catch (IOException e) {
            // no published keys
        }
        return out;
    }

    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        }
    }
}
