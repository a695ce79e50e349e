package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.ledger.Ledger;
import io.runledger.snapshot.Snapshot;
import io.runledger.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the snapshots of a ledger directory for the CLI, and resolves what users type for RUN. */
final class RunStore {

    /** A snapshot file, read into the typed model when it could be. */
    static final class Entry {
        final Path file;
        final String id;
        /** The snapshot as the agent wrote it, in the same classes; null when unreadable. */
        final Snapshot snapshot;
        final String error;
        /** Null when the snapshot is the one its ledger entry recorded; else why it cannot be trusted. */
        String unverified;
        /** Position in the ledger (-1: not in it). */
        int ledgerIndex = -1;

        Entry(Path file, String id, Snapshot snapshot, String error) {
            this.file = file;
            this.id = id;
            this.snapshot = snapshot;
            this.error = error;
        }

        String startedAt() {
            return snapshot == null || snapshot.run.startedAt == null ? "" : snapshot.run.startedAt;
        }
    }

    private static final Pattern LATEST = Pattern.compile("latest(?:~(\\d+))?");

    private final Ledger ledger;
    private List<Entry> entries;
    private LedgerIndex index;
    private List<String> ids;

    RunStore(Ledger ledger) {
        this.ledger = ledger;
    }

    static RunStore open(Path dir) throws CliException {
        if (!Files.isDirectory(dir)) {
            throw new CliException("no ledger directory at " + dir.toAbsolutePath() + " (use --dir, or set runledger.dir / RUNLEDGER_DIR)");
        }
        return new RunStore(new Ledger(dir));
    }

    Ledger ledger() {
        return ledger;
    }

    /**
     * Every snapshot in ledger order (the order runs were recorded, whatever their writers' clocks said),
     * then those not in the ledger (running, or never chained) by id; each checked against its entry.
     */
    List<Entry> all() throws CliException {
        if (entries == null) {
            List<Entry> out = new ArrayList<>();
            for (String id : ids()) {
                out.add(load(id));
            }
            entries = Collections.unmodifiableList(out);   // once per command: listing must not parse every snapshot again
        }
        return entries;
    }

    /** The ledger's entries by run id, read once: position, recorded hash and signature check. */
    private static final class LedgerIndex {
        final java.util.Map<String, Integer> position = new java.util.HashMap<>();
        final java.util.Map<String, JsonNode> line = new java.util.HashMap<>();
        final EntrySignatures signatures;

        LedgerIndex(Ledger ledger) throws IOException {
            List<String> lines = ledger.readLines();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    JsonNode node = Json.MAPPER.readTree(lines.get(i));
                    position.putIfAbsent(node.path("runId").asText(), i);
                    line.putIfAbsent(node.path("runId").asText(), node);
                } catch (IOException torn) {
                    // verify names it
                }
            }
            signatures = new EntrySignatures(ledger);
        }
    }

    private LedgerIndex index() throws CliException {
        if (index == null) {
            try {
                index = new LedgerIndex(ledger);
            } catch (IOException e) {
                throw new CliException("cannot read " + ledger.ledgerFile() + ": " + e.getMessage());
            }
        }
        return index;
    }

    /** Run ids with a snapshot file, in ledger order, then the unchained ones by id; no snapshot is read. */
    private List<String> ids() throws CliException {
        if (ids == null) {
            LedgerIndex at = index();
            List<String> out = new ArrayList<>();
            try {
                for (Path file : ledger.snapshotFiles()) {
                    out.add(file.getFileName().toString().replaceFirst("\\.json$", ""));
                }
            } catch (IOException e) {
                throw new CliException("cannot read " + ledger.runsDir() + ": " + e.getMessage());
            }
            out.sort(Comparator.comparing((String id) -> at.position.getOrDefault(id, Integer.MAX_VALUE)).thenComparing(id -> id));
            ids = Collections.unmodifiableList(out);
        }
        return ids;
    }

    /** Reads one snapshot and checks it against its ledger entry (and the entry's signature). */
    private Entry load(String id) throws CliException {
        LedgerIndex at = index();
        Path file = ledger.snapshotFile(id);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);   // once: parsed and hashed from the same bytes
        } catch (IOException e) {
            return new Entry(file, id, null, "unreadable (" + e.getMessage() + ")");
        }
        Entry e = read(file, bytes);
        JsonNode line = at.line.get(id);
        if (line == null) {
            e.unverified = "not recorded in the ledger (still running, or its writer died before chaining it)";
        } else {
            e.ledgerIndex = at.position.get(id);
            if (!io.runledger.util.Hex.sha256(bytes).equals(line.path("snapshotSha256").asText())) {
                e.unverified = "edited since it was recorded (its SHA-256 differs from its ledger entry)";
            } else {
                e.unverified = at.signatures.problem(line);
            }
        }
        return e;
    }

    /**
     * Checks signed entries against the keys the ledger publishes: an entry whose signature does not hold,
     * or names a key nobody published, was forged or edited. (Pinning keys is {@code verify --key}'s job;
     * unsigned entries are legitimate from writers without a key.)
     */
    private static final class EntrySignatures {
        private final java.util.Map<String, io.runledger.ledger.LedgerKey> keys;
        private final String origin;

        EntrySignatures(Ledger ledger) throws IOException {
            this.keys = io.runledger.ledger.LedgerVerifier.publishedKeys(ledger);
            this.origin = ledger.existingOrigin();
        }

        String problem(JsonNode line) {
            String keyId = line.path("keyId").asText("");
            if (keyId.isEmpty() && line.path("signature").asText("").isEmpty()) {
                return null;
            }
            io.runledger.ledger.LedgerKey key = keys.get(keyId);
            if (key == null) {
                return "its ledger entry is signed by a key the ledger does not publish (forged?)";
            }
            return io.runledger.ledger.LedgerVerifier.signatureHolds(line, origin, key) ? null
                    : "its ledger entry's signature does not hold (the entry was edited after it was signed)";
        }
    }

    private static Entry read(Path file, byte[] bytes) {
        String id = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject() || !node.has("run")) {
                return new Entry(file, id, null, "not a RunLedger snapshot");
            }
            int version = node.path("schemaVersion").asInt(-1);
            if (version != Snapshot.SCHEMA_VERSION) {   // checked once here, for every command
                return new Entry(file, id, null, "of schemaVersion " + version + "; this CLI reads version " + Snapshot.SCHEMA_VERSION);
            }
            try {
                return new Entry(file, id, Json.reader().treeToValue(node, Snapshot.class), null);
            } catch (IOException | IllegalArgumentException e) {
                return new Entry(file, id, null, "not a valid snapshot (" + firstLine(e.getMessage()) + ")");
            }
        } catch (IOException e) {
            return new Entry(file, id, null, "not valid JSON (truncated or corrupt)");
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Resolves an id, a unique id prefix, {@code latest} or {@code latest~N}, reading only the snapshots it must. */
    Entry resolve(String ref) throws CliException {
        List<String> all = ids();
        Matcher m = LATEST.matcher(ref);
        if (m.matches()) {
            int back = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            int readable = 0;
            for (int i = all.size() - 1; i >= 0; i--) {   // newest first, in ledger order
                Entry e = load(all.get(i));
                if (e.snapshot != null && readable++ == back) {
                    return e;
                }
            }
            throw new CliException("no run '" + ref + "': the ledger has " + readable + " readable run(s)");
        }
        List<String> matches = new ArrayList<>();
        for (String id : all) {
            if (id.equals(ref)) {
                return check(load(id));
            }
            if (id.startsWith(ref)) {
                matches.add(id);
            }
        }
        if (matches.isEmpty()) {
            throw new CliException("no run matches '" + ref + "' in " + ledger.dir());
        }
        if (matches.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < matches.size() && i < 5; i++) {
                list.append(i == 0 ? "" : ", ").append(matches.get(i));
            }
            throw new CliException("'" + ref + "' is ambiguous: " + matches.size() + " runs match (" + list + (matches.size() > 5 ? ", ..." : "") + ")");
        }
        return check(load(matches.get(0)));
    }

    private static Entry check(Entry e) throws CliException {
        if (e.snapshot == null) {
            throw new CliException("snapshot of run " + e.id + " is " + e.error + ": " + e.file);
        }
        return e;
    }
}
