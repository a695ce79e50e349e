package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.config.LedgerMode;
import io.runledger.safety.SafeDirectory;
import io.runledger.safety.SafeFiles;
import io.runledger.util.Hex;
import io.runledger.util.FlatJson;
import io.runledger.util.Json;
import io.runledger.util.JsonValues;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A ledger directory: {@code runs/<id>.json} snapshots and the append-only {@code ledger.jsonl}, one line
 * per finished run holding the snapshot's SHA-256 and the SHA-256 of the previous line. Appends hold an
 * exclusive lock on {@code ledger.lock}, so any number of JVMs may finish into one directory at once.
 */
public final class Ledger {

    public static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";
    static final String LEDGER_FILE = "ledger.jsonl";
    static final String LOCK_FILE = "ledger.lock";
    static final String RUNS_DIR = "runs";

    static final String ORIGIN_FILE = "origin";
    static final String CHECKPOINT_FILE = "checkpoint";
    static final String KEYS_DIR = "keys";
    /** The writer's compact range of the tree (a cache: rebuilt from the lines when missing or stale). */
    static final String TREE_FILE = "tree";
    static final String ATTESTATIONS_DIR = "attestations";

    private final Path dir;
    private final LedgerMode mode;
    private volatile LedgerKey signer;
    /** The checkpoint note this writer wrote last (under the ledger lock). */
    private String lastCheckpoint;

    /** A ledger to read (or to write with the default, owner-only mode). */
    public Ledger(Path dir) {
        this(dir, LedgerMode.PRIVATE);
    }

    public Ledger(Path dir, LedgerMode mode) {
        this.dir = dir.toAbsolutePath().normalize();
        this.mode = mode;
    }

    public LedgerMode mode() {
        return mode;
    }

    /** Signs every entry and checkpoint written from now on with {@code key} (null: unsigned). */
    public Ledger signWith(LedgerKey key) {
        this.signer = key;
        return this;
    }

    /**
     * Run locks this JVM holds: nobody in it may open and close those files (a close would release the lock
     * for the whole process, and other JVMs would take the run for lost).
     */
    private static final Map<Path, FileLock> HELD_RUN_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** True when this JVM holds the run lock {@code file}: the run is alive. */
    public static boolean holdsRunLock(Path file) {
        FileLock lock = HELD_RUN_LOCKS.get(file.toAbsolutePath().normalize());
        return lock != null && lock.isValid();
    }

    /** The lock a live run holds for its whole life: the OS releases it when the process dies. */
    public Path runLockFile(String runId) {
        return runsDir().resolve(runId + ".lock");
    }

    /** Takes the run's liveness lock and keeps it until the JVM exits; null when the file system has no locks. */
    public FileLock holdRunLock(String runId) {
        try {
            FileChannel ch = SafeFiles.writable(runLockFile(runId), mode);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
            } else {
                HELD_RUN_LOCKS.put(runLockFile(runId).toAbsolutePath().normalize(), lock);
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public Path attestationsDir() {
        return dir.resolve(ATTESTATIONS_DIR);
    }

    /** The DSSE envelope tying a run's model files to it ({@code attestations/<id>.dsse.json}). */
    public Path attestationFile(String runId) {
        return attestationsDir().resolve(runId + ".dsse.json");
    }

    public Path checkpointFile() {
        return dir.resolve(CHECKPOINT_FILE);
    }

    public Path keysDir() {
        return dir.resolve(KEYS_DIR);
    }

    public Path dir() {
        return dir;
    }

    public Path runsDir() {
        return dir.resolve(RUNS_DIR);
    }

    public Path ledgerFile() {
        return dir.resolve(LEDGER_FILE);
    }

    public Path snapshotFile(String runId) {
        return runsDir().resolve(runId + ".json");
    }

    /**
     * Creates the directory layout and proves it writable and safe (see {@link SafeDirectory}); throws
     * when it is not, saying why.
     */
    public void ensureWritable() throws IOException {
        for (Path d : new Path[] {dir, runsDir()}) {
            String unsafe = SafeDirectory.prepare(d, mode);
            if (unsafe != null) {
                throw new IOException("not a safe place to write: " + unsafe);
            }
        }
        Path probe = Files.createTempFile(dir, ".probe", ".tmp");
        Files.delete(probe);
    }

    /** Writes (or rewrites) a snapshot atomically and durably; returns the SHA-256 of the bytes written. */
    public String writeSnapshot(String runId, byte[] json) throws IOException {
        AtomicFiles.write(snapshotFile(runId), json, true, mode);
        return Hex.sha256(json);
    }

    /** Rewrites a RUNNING checkpoint atomically, without forcing it to disk (it only has to survive a kill). */
    public void writeCheckpoint(String runId, byte[] json) throws IOException {
        AtomicFiles.write(snapshotFile(runId), json, false, mode);
    }

    /** Runs {@code action} while holding the ledger's exclusive lock (across threads and JVMs). */
    public <T> T withLock(Callable<T> action) throws Exception {
        Files.createDirectories(dir);
        return SafeFiles.exclusively(dir.resolve(LOCK_FILE), mode, action);
    }

    /**
     * Appends the chain line of a finished run and writes the new signed checkpoint; the caller holds
     * {@link #withLock}. A torn last line (a writer killed mid-append, a full disk) is first set aside in
     * a side file and named in the new line's {@code recovered} field, so appends go on.
     */
    public LedgerLine appendLocked(String runId, String status, String snapshotSha256) throws IOException {
        return appendLocked(runId, status, snapshotSha256, null);
    }

    LedgerLine appendLocked(String runId, String status, String snapshotSha256, String note) throws IOException {
        Path file = ledgerFile();
        String torn = setAsideTornTail(file);
        String last = lastLine(file);
        long seq = 1;
        String prev = GENESIS;
        if (last != null) {
            prev = Hex.sha256(last);
            seq = seqOf(FlatJson.read(last)) + 1;
        }
        String origin = origin();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", seq);
        line.put("runId", runId);
        line.put("status", status);
        line.put("snapshotSha256", snapshotSha256);
        line.put("prevSha256", prev);
        line.put("recordedAt", Instant.now().toString());
        String recovered = torn == null ? note : "a torn last line was set aside in " + torn + (note == null ? "" : "; " + note);
        if (recovered != null) {
            line.put("recovered", recovered);
        }
        if (signer != null) {
            line.put("keyId", signer.fingerprint());
            try {
                line.put("signature", Base64.getEncoder().encodeToString(signer.sign(signedPayload(f -> JsonValues.text(line.get(f)), origin))));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot sign the ledger entry (" + e.getMessage() + ")", e);
            }
            publishKey(signer);
        }
        String text = FlatJson.write(line);
        byte[] appended = (text + "\n").getBytes(StandardCharsets.UTF_8);
        CompactRange before = treeBefore(file, seq - 1);
        try (FileChannel ch = SafeFiles.append(file, mode)) {
            ByteBuffer buffer = ByteBuffer.wrap(appended);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        CompactRange after = before.append(MerkleTree.leafHash(text.getBytes(StandardCharsets.UTF_8)), appended.length);
        writeTreeHead(origin, after);
        return new LedgerLine(seq, runId, status, snapshotSha256, prev, text);
    }

    /**
     * Writes the signed in-toto statement over the model files of the run just appended as {@code entry}
     * (nothing when the run wrote none); the caller holds {@link #withLock}, right after the append, so the
     * checkpoint it names includes the entry.
     */
    void attestModels(LedgerLine entry, byte[] snapshotJson) throws IOException {
        if (lastCheckpoint != null) {
            attestModels(entry, JsonValues.parse(snapshotJson));
        }
    }

    /** The same, from the snapshot read back or from its {@link ModelStatement#partsOf parts}. */
    private void attestModels(LedgerLine entry, Object snapshot) throws IOException {
        if (lastCheckpoint == null || !ModelStatement.hasModels(snapshot)) {
            return;
        }
        byte[] statement = ModelStatement.of(snapshot, entry.snapshotSha256, entry, origin(), lastCheckpoint);
        try {
            AtomicFiles.write(attestationFile(entry.runId), Dsse.seal(Dsse.IN_TOTO, statement, signer), true, mode);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the model statement (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What an entry's signature covers: its fields in a fixed order, one per line, after a domain
     * separator and the ledger's origin, so a signature cannot be replayed into another ledger or read
     * differently by another JSON library.
     */
    public static byte[] signedPayload(JsonNode line, String origin) {
        return signedPayload(f -> line.path(f).asText(""), origin);
    }

    /** The same, from each field's text ("" when the line has none). */
    static byte[] signedPayload(Function<String, String> field, String origin) {
        StringBuilder b = new StringBuilder("runledger-entry-v1\n").append(origin).append('\n');
        for (String name : new String[] {"seq", "runId", "status", "snapshotSha256", "prevSha256", "recordedAt", "recovered", "keyId"}) {
            b.append(name).append('=').append(field.apply(name)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A line's sequence number as {@code seq} holds it; 0 when it is missing or not a number. */
    static long seqOf(Map<String, String> line) {
        try {
            return Long.parseLong(line.getOrDefault("seq", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The ledger's origin for readers: "" when none was made yet (a reader never makes one). */
    public String existingOrigin() throws IOException {
        return Files.exists(dir.resolve(ORIGIN_FILE)) ? origin() : "";
    }

    /** The ledger's name in its checkpoints, made once ({@code runledger/<uuid>}) and kept in {@code origin}. */
    public String origin() throws IOException {
        Path file = dir.resolve(ORIGIN_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String origin = "runledger/" + UUID.randomUUID();
        AtomicFiles.write(file, (origin + "\n").getBytes(StandardCharsets.UTF_8), true, mode);
        return origin;
    }

    /** Stores the signer's public key under {@code keys/} for readers that pin none (pinning is what makes it trusted). */
    private void publishKey(LedgerKey key) throws IOException {
        Path file = dir.resolve(KEYS_DIR).resolve(key.fingerprint() + ".pub");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, key.publicPem().getBytes(StandardCharsets.US_ASCII), true, mode);
        }
    }

    /**
     * The compact range of the lines now in the file: the stored one when it covers exactly the file's
     * bytes and {@code lines} entries (the normal case, O(log n)), else rebuilt from every line (the first
     * append after an upgrade, a crash between append and tree update, or a file changed by hand). A
     * signing writer also requires the range to carry its own key's MAC: anyone who can write the
     * directory can write {@code tree}, and a planted range would otherwise get a fabricated history signed.
     */
    private CompactRange treeBefore(Path file, long lines) throws IOException {
        long length = Files.exists(file) ? Files.size(file) : 0;
        Path stored = dir.resolve(TREE_FILE);
        if (Files.isRegularFile(stored, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(stored) < 64 * 1024) {
            String text = new String(Files.readAllBytes(stored), StandardCharsets.US_ASCII);
            int mac = text.lastIndexOf("mac ");
            String range = mac < 0 ? text : text.substring(0, mac);
            CompactRange r = CompactRange.parse(range.getBytes(StandardCharsets.US_ASCII));
            boolean mine = signer == null || mac >= 0 && text.substring(mac + 4).trim().equals(treeMac(range));
            if (r != null && r.bytes == length && r.size == lines && mine) {
                return r;
            }
        }
        return CompactRange.of(leafHashes(), length);
    }

    /** The signing key's MAC over a stored range's text (null when unsigned or not computable). */
    private String treeMac(String rangeText) {
        try {
            return signer == null ? null : Hex.of(signer.mac("tree", rangeText.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Writes {@code checkpoint}: the C2SP note of the tree over every line, signed when a key is set. */
    private void writeTreeHead(String origin, CompactRange tree) throws IOException {
        try {
            String note = Checkpoint.text(origin, tree.size, tree.root(), signer);
            AtomicFiles.write(dir.resolve(CHECKPOINT_FILE), note.getBytes(StandardCharsets.UTF_8), true, mode);
            lastCheckpoint = note;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the checkpoint (" + e.getMessage() + ")", e);
        }
        // not forced to disk: a tree lost with a power cut is rebuilt from the lines by the next writer
        String mac = treeMac(tree.text());
        String text = tree.text() + (mac == null ? "" : "mac " + mac + "\n");
        AtomicFiles.write(dir.resolve(TREE_FILE), text.getBytes(StandardCharsets.US_ASCII), false, mode);
    }

    /** The RFC 9162 leaf hash of every line, in order. */
    public List<byte[]> leafHashes() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : readLines()) {
            out.add(MerkleTree.leafHash(line.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Whether the ledger file's last line lacks its newline (a writer stopped mid-append); opened as the writer opens it. */
    boolean hasTornTail() throws IOException {
        if (!Files.exists(ledgerFile())) {
            return false;
        }
        try (FileChannel ch = SafeFiles.readWrite(ledgerFile(), mode)) {
            return endsTorn(ch);
        }
    }

    private static boolean endsTorn(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer last = ByteBuffer.allocate(1);
        return size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n';
    }

    /**
     * When the file does not end with a newline its last line is torn: the bytes after the last newline
     * move to {@code ledger.torn-<time>} and the file is cut back to its last whole line. Returns the side
     * file's name, or null when the tail was whole.
     */
    private String setAsideTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel ch = SafeFiles.readWrite(file, mode)) {
            if (!endsTorn(ch)) {
                return null;
            }
            long size = ch.size();
            long keep = size;
            ByteBuffer b = ByteBuffer.allocate(1);
            while (keep > 0) {
                b.clear();
                ch.read(b, keep - 1);
                if (b.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - keep, 1 << 20));
            ch.read(tail, keep);
            String side = "ledger.torn-" + Instant.now().toString().replace(':', '-');
            AtomicFiles.write(dir.resolve(side), Arrays.copyOf(tail.array(), tail.position()), true, mode);
            ch.truncate(keep);
            ch.force(true);
            return side;
        }
    }

    /** Writes the final snapshot and appends its chain line, atomically with respect to other writers. */
    public String finish(String runId, String status, byte[] json) throws Exception {
        return finish(runId, status, json, null);
    }

    /**
     * The same; {@code statementParts} are the snapshot's {@link ModelStatement#partsOf parts} when the
     * writer has them (null: read from {@code json}).
     */
    public String finish(String runId, String status, byte[] json, Object statementParts) throws Exception {
        return withLock(() -> {
            String sha = writeSnapshot(runId, json);
            LedgerLine entry = appendLocked(runId, status, sha);
            try {
                if (statementParts == null) {
                    attestModels(entry, json);
                } else {
                    attestModels(entry, statementParts);
                }
            } catch (IOException | RuntimeException e) {   // the run stays recorded; only the statement is missing
                io.runledger.util.Log.warn("the model statement of run " + runId + " was not written (" + e.getMessage() + ")");
            }
            Files.deleteIfExists(runLockFile(runId));   // finished: the lock (still held until exit) is no longer needed
            return sha;
        });
    }

    /** Every line of the ledger file, in order (empty when there is none). */
    public List<String> readLines() throws IOException {
        if (!Files.exists(ledgerFile())) {
            return new ArrayList<>();
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(ledgerFile(), StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Snapshot files in {@code runs/}, sorted by name (ids sort by time). */
    public List<Path> snapshotFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(runsDir())) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runsDir(), "*.json")) {
            for (Path p : files) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The last non-empty line, read from the end of the file so that a long ledger costs no more. */
    static String lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            while (end > 0) {
                raf.seek(end - 1);
                if (raf.read() != '\n') {
                    break;
                }
                end--;
            }
            if (end == 0) {
                return null;
            }
            long start = end;
            int chunk = 4096;
            while (start > 0) {
                long from = Math.max(0, start - chunk);
                byte[] buf = new byte[(int) (start - from)];
                raf.seek(from);
                raf.readFully(buf);
                int nl = -1;
                for (int i = buf.length - 1; i >= 0; i--) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl >= 0) {
                    start = from + nl + 1;
                    break;
                }
                start = from;
            }
            byte[] line = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(line);
            return new String(line, StandardCharsets.UTF_8);
        }
    }
}
