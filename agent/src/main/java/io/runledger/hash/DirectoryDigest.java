package io.runledger.hash;

import io.runledger.util.Hex;
import io.runledger.util.Pending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory written as one artifact (a Spark ML model is a directory of metadata and Parquet files):
 * each regular file under it hashed through the engine, and one SHA-256 over the sorted lines
 * {@code relative-path TAB size TAB sha256 LF}, so it changes when any file is added, removed, renamed or
 * changed (the convention of directory data sources). Symbolic links are not followed; at most
 * {@link #MAX_FILES} files.
 */
public final class DirectoryDigest {

    public static final int MAX_FILES = 10_000;

    /** The files, by path relative to the directory, sorted. */
    public final List<Part> parts;
    /** The whole: total size, the combined SHA-256 (COMPLETE only when every file hashed). */
    public final FileHash total;

    /** One file of the directory. */
    public static final class Part {
        public final String path;
        public final long sizeBytes;
        public final String sha256;

        Part(String path, long sizeBytes, String sha256) {
            this.path = path;
            this.sizeBytes = sizeBytes;
            this.sha256 = sha256;
        }
    }

    private DirectoryDigest(List<Part> parts, FileHash total) {
        this.parts = parts;
        this.total = total;
    }

    /** The regular files under {@code dir} (links not followed), sorted, at most {@code MAX_FILES + 1}. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).limit(MAX_FILES + 1L).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * One file's line in a directory's digest (model directories here, directory data sources in
     * {@code DirectorySources}): {@code relative-path TAB size TAB sha256 LF}.
     */
    public static byte[] line(String relative, Long size, String sha256) {
        return (relative + "\t" + size + "\t" + sha256 + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The directory's SHA-256 computed now on this thread (the CLI's {@code verify-model DIR}). */
    public static String sha256Now(Path dir) throws IOException {
        List<Path> files = files(dir);
        if (files.size() > MAX_FILES) {
            throw new IOException(dir + " has more than " + MAX_FILES + " files");
        }
        MessageDigest d = Hex.sha256();
        for (Path f : files) {
            d.update(line(dir.relativize(f).toString(), Files.size(f), HashEngine.sha256Now(f)));
        }
        return Hex.of(d.digest());
    }

    /** Starts hashing every file under {@code dir}; completes when all are hashed. */
    public static Pending<DirectoryDigest> of(HashEngine engine, Path dir) {
        List<Path> files;
        try {
            files = files(dir);
        } catch (IOException | RuntimeException e) {
            FileStat none = new FileStat(dir.toString(), -1, 0, 0, "");
            return Pending.completed(new DirectoryDigest(Collections.emptyList(), FileHash.failed(none, e.toString())));
        }
        boolean truncated = files.size() > MAX_FILES;
        List<Path> listed = truncated ? files.subList(0, MAX_FILES) : files;
        List<Pending<FileHash>> hashes = new ArrayList<>();
        for (Path f : listed) {
            hashes.add(engine.hash(f));
        }
        Pending<DirectoryDigest> all = new Pending<>();
        AtomicInteger left = new AtomicInteger(hashes.size());
        if (hashes.isEmpty()) {
            all.complete(combine(dir, listed, hashes, truncated));
        }
        for (Pending<FileHash> h : hashes) {
            h.whenDone(x -> {
                if (left.decrementAndGet() == 0) {
                    all.complete(combine(dir, listed, hashes, truncated));
                }
            });
        }
        return all;
    }

    private static DirectoryDigest combine(Path dir, List<Path> files, List<Pending<FileHash>> hashes, boolean truncated) {
        List<Part> parts = new ArrayList<>();
        MessageDigest d = Hex.sha256();
        long size = 0;
        long mtime = 0;
        String error = truncated ? "more than " + MAX_FILES + " files" : null;
        for (int i = 0; i < files.size(); i++) {
            FileHash h = hashes.get(i).join();
            String relative = dir.relativize(files.get(i)).toString();
            long len = Math.max(h.stat.size, 0);
            parts.add(new Part(relative, len, h.sha256));
            size += len;
            mtime = Math.max(mtime, h.stat.mtimeNanos);
            if (h.sha256 == null && error == null) {
                error = relative + ": " + (h.error != null ? h.error : h.status);
            }
            d.update(line(relative, len, h.sha256));
        }
        FileStat stat = new FileStat(dir.toString(), size, mtime, 0, "");
        return new DirectoryDigest(Collections.unmodifiableList(parts),
                error == null ? FileHash.hashed(stat, Hex.of(d.digest()), 0) : FileHash.failed(stat, error));
    }
}
