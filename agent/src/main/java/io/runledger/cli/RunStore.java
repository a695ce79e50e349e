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
            entries = readAll();   // once per command: resolving two runs and listing must not parse every snapshot again
        }
        return entries;
    }

    private List<Entry> readAll() throws CliException {
        List<Entry> out = new ArrayList<>();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        java.util.Map<String, String> recordedSha = new java.util.HashMap<>();
        java.util.Map<String, String> badSignature = new java.util.HashMap<>();
        try {
            List<String> lines = ledger.readLines();
            EntrySignatures signatures = new EntrySignatures(ledger);
            for (int i = 0; i < lines.size(); i++) {
                try {
                    JsonNode line = Json.MAPPER.readTree(lines.get(i));
                    index.put(line.path("runId").asText(), i);
                    recordedSha.put(line.path("runId").asText(), line.path("snapshotSha256").asText());
                    String problem = signatures.problem(line);
                    if (problem != null) {
                        badSignature.put(line.path("runId").asText(), problem);
                    }
                } catch (IOException torn) {
                    // verify names it
                }
            }
            for (Path file : ledger.snapshotFiles()) {
                byte[] bytes = Files.readAllBytes(file);   // once: parsed and hashed from the same bytes
                Entry e = read(file, bytes);
                Integer at = index.get(e.id);
                if (at == null) {
                    e.unverified = "not recorded in the ledger (still running, or its writer died before chaining it)";
                } else {
                    e.ledgerIndex = at;
                    if (!io.runledger.util.Hex.sha256(bytes).equals(recordedSha.get(e.id))) {
                        e.unverified = "edited since it was recorded (its SHA-256 differs from its ledger entry)";
                    } else if (badSignature.containsKey(e.id)) {
                        e.unverified = badSignature.get(e.id);
                    }
                }
                out.add(e);
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + ledger.runsDir() + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing((Entry e) -> e.ledgerIndex < 0 ? Integer.MAX_VALUE : e.ledgerIndex).thenComparing(e -> e.id));
        return Collections.unmodifiableList(out);
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

    /** Resolves an id, a unique id prefix, {@code latest} or {@code latest~N}. */
    Entry resolve(String ref) throws CliException {
        List<Entry> all = all();
        Matcher m = LATEST.matcher(ref);
        if (m.matches()) {
            int back = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            List<Entry> readable = new ArrayList<>();
            for (Entry e : all) {
                if (e.snapshot != null) {
                    readable.add(e);
                }
            }
            if (back >= readable.size()) {
                throw new CliException("no run '" + ref + "': the ledger has " + readable.size() + " readable run(s)");
            }
            return readable.get(readable.size() - 1 - back);
        }
        List<Entry> matches = new ArrayList<>();
        for (Entry e : all) {
            if (e.id.equals(ref)) {
                return check(e);
            }
            if (e.id.startsWith(ref)) {
                matches.add(e);
            }
        }
        if (matches.isEmpty()) {
            throw new CliException("no run matches '" + ref + "' in " + ledger.dir());
        }
        if (matches.size() > 1) {
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < matches.size() && i < 5; i++) {
                ids.append(i == 0 ? "" : ", ").append(matches.get(i).id);
            }
            throw new CliException("'" + ref + "' is ambiguous: " + matches.size() + " runs match (" + ids + (matches.size() > 5 ? ", ..." : "") + ")");
        }
        return check(matches.get(0));
    }

    private static Entry check(Entry e) throws CliException {
        if (e.snapshot == null) {
            throw new CliException("snapshot of run " + e.id + " is " + e.error + ": " + e.file);
        }
        return e;
    }
}
