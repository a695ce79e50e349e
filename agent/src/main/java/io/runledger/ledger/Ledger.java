package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.config.LedgerMode;
import io.runledger.safety.SafeDirectory;
import io.runledger.safety.SafeFiles;
import io.runledger.util.Hex;
import io.runledger.util.Json;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    private final Path dir;
    private final LedgerMode mode;

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
        try (FileChannel ch = SafeFiles.writable(dir.resolve(LOCK_FILE), mode)) {
            synchronized (Ledger.class) {
                try (FileLock ignored = ch.lock()) {
                    return action.call();
                }
            }
        }
    }

    /** Appends the chain line of a finished run; the caller holds {@link #withLock}. */
    public LedgerLine appendLocked(String runId, String status, String snapshotSha256) throws IOException {
        Path file = ledgerFile();
        String last = lastLine(file);
        long seq = 1;
        String prev = GENESIS;
        if (last != null) {
            prev = Hex.sha256(last);
            JsonNode node = Json.MAPPER.readTree(last);
            seq = node.path("seq").asLong(0) + 1;
        }
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("seq", seq);
        line.put("runId", runId);
        line.put("status", status);
        line.put("snapshotSha256", snapshotSha256);
        line.put("prevSha256", prev);
        line.put("recordedAt", Instant.now().toString());
        String text = Json.MAPPER.writeValueAsString(line);
        try (FileChannel ch = SafeFiles.append(file, mode)) {
            ByteBuffer buffer = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        return new LedgerLine(seq, runId, status, snapshotSha256, prev, text);
    }

    /** Writes the final snapshot and appends its chain line, atomically with respect to other writers. */
    public String finish(String runId, String status, byte[] json) throws Exception {
        return withLock(() -> {
            String sha = writeSnapshot(runId, json);
            appendLocked(runId, status, sha);
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
