package io.runledger.hash;

import io.runledger.util.Hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import io.runledger.util.Pending;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared content-hashing engine: streaming SHA-256 in large sequential reads on daemon threads
 * (never the training thread), at most {@code threads} files at once, each file hashed once per JVM and,
 * through {@link HashCache}, once per unchanged (path, size, mtime, inode) across runs. A file whose stat
 * changes while it is read is reported as changed, never given a hash.
 */
public final class HashEngine {

    private static final int BUFFER_BYTES = 1 << 20;
    /** A sampled fingerprint reads this many chunks of {@link #BUFFER_BYTES}, evenly spread, first and last included. */
    static final int SAMPLES = 64;

    private final HashCache cache;
    private final ExecutorService pool;
    private final long sampleAbove;
    /** Tests only: runs between reading a file and the stat that checks it did not change meanwhile. */
    volatile Runnable afterRead;
    private final Map<FileStat, Pending<FileHash>> inFlight = new ConcurrentHashMap<>();

    public HashEngine(HashCache cache, int threads) {
        this(cache, threads, 0);
    }

    /** {@code sampleAbove}: files larger than this get a sampled, partial fingerprint (0: never). */
    public HashEngine(HashCache cache, int threads, long sampleAbove) {
        this.cache = cache;
        this.sampleAbove = sampleAbove;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "runledger-hash-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(HashEngine.class.getClassLoader());
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    public Pending<FileHash> hash(Path file) {
        FileStat stat;
        try {
            stat = FileStat.of(file);
        } catch (IOException | RuntimeException e) {
            return Pending.completed(FileHash.failed(new FileStat(file.toString(), -1, 0, 0, ""), e.toString()));
        }
        String cached = cache.lookup(stat);
        if (cached != null) {
            return Pending.completed(FileHash.cached(stat, cached));
        }
        Pending<FileHash> f = inFlight.computeIfAbsent(stat, s -> Pending.supply(() -> compute(file, s), pool));
        f.whenDone(h -> inFlight.remove(stat, f));   // the cache answers from now on
        return f;
    }

    /** Opens a stream of a file the JDK cannot open (read through a framework's file-system client). */
    public interface StreamSource {
        java.io.InputStream open() throws IOException;
    }

    /**
     * The SHA-256 of a remote file read in full from {@code source} on a hashing thread; {@code stat} is
     * what its file system listed (URI, size, modification time). Never cached: a remote file's size and
     * time are not enough to trust an earlier hash. A byte count other than the listed size reads as changed.
     */
    public Pending<FileHash> hashStream(FileStat stat, StreamSource source) {
        return Pending.supply(() -> {
            long start = System.nanoTime();
            try (java.io.InputStream in = source.open()) {
                MessageDigest digest = Hex.sha256();
                byte[] buffer = BUFFER.get().array();
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    total += n;
                }
                if (stat.size >= 0 && total != stat.size) {
                    return FileHash.changed(new FileStat(stat.path, total, stat.mtimeNanos, 0, ""));
                }
                return FileHash.hashed(stat, Hex.of(digest.digest()), System.nanoTime() - start);
            } catch (IOException | RuntimeException e) {
                return FileHash.failed(stat, e.toString());
            }
        }, pool);
    }

    /** One read buffer per hashing thread: allocating 1 MiB per file made small files ten times slower. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_BYTES));

    private FileHash compute(Path file, FileStat before) {
        long start = System.nanoTime();
        if (sampleAbove > 0 && before.size > sampleAbove) {
            return sample(file, before, start);
        }
        try {
            MessageDigest digest = readFully(file);
            Runnable hook = afterRead;
            if (hook != null) {
                hook.run();
            }
            FileStat after = FileStat.of(file);
            if (!after.equals(before)) {
                return FileHash.changed(after);
            }
            String sha = Hex.of(digest.digest());
            cache.record(before, sha);
            return FileHash.hashed(before, sha, System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            return FileHash.failed(before, e.toString());
        }
    }

    /**
     * A fingerprint of a file too big to hash in full: SHA-256 over its size and {@link #SAMPLES} chunks
     * at evenly spaced offsets. It tells files apart cheaply but can miss a change between the chunks, so
     * the snapshot marks it partial and never calls it the file's SHA-256.
     */
    private FileHash sample(Path file, FileStat before, long start) {
        try {
            MessageDigest digest = Hex.sha256();
            digest.update(Long.toString(before.size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ByteBuffer buffer = BUFFER.get();
            long sampled = 0;
            long last = Math.max(0, before.size - BUFFER_BYTES);
            int samples = (int) Math.min(SAMPLES, Math.max(2, (before.size + BUFFER_BYTES - 1) / BUFFER_BYTES));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (int i = 0; i < samples; i++) {
                    long offset = last * i / (samples - 1);
                    buffer.clear();
                    while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
                        // fill the chunk
                    }
                    buffer.flip();
                    sampled += buffer.remaining();
                    digest.update(buffer);
                }
            }
            if (!FileStat.of(file).equals(before)) {
                return FileHash.changed(FileStat.of(file));
            }
            return FileHash.partial(before, Hex.of(digest.digest()), sampled, System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            return FileHash.failed(before, e.toString());
        }
    }

    /**
     * The SHA-256 of {@code file} read now, in full, on the calling thread and without the cache: for
     * readers that must not trust a stat (e.g. {@code select} checking a model file before a rollback).
     */
    public static String sha256Now(Path file) throws IOException {
        return Hex.of(readFully(file).digest());
    }

    /** A SHA-256 digest fed with the whole file, through this thread's read buffer. */
    private static MessageDigest readFully(Path file) throws IOException {
        MessageDigest digest = Hex.sha256();
        ByteBuffer buffer = BUFFER.get();
        buffer.clear();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return digest;
    }

    /** Persists new cache entries; called at checkpoints and at the final flush. */
    public void saveCache() {
        cache.save();
    }
}
