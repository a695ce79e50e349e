package io.runledger.agent;

import io.runledger.files.PathReads;
import java.util.concurrent.atomic.AtomicBoolean;
import io.runledger.hash.DirectoryDigest;
import io.runledger.hash.FileHash;
import io.runledger.hash.FileStat;
import io.runledger.hash.HashEngine;
import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.ArtifactFile;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.SourceKind;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import io.runledger.util.Pending;

/** A file the run read or wrote, hashed in the background once recording has begun. */
final class FileRecord {

    final Path path;
    final String kind;
    final String framework;
    final Integer training;
    final String error;
    private volatile Pending<FileHash> hash;
    /** Counted in the data-read metrics (once, whichever of recording and metrics start comes first). */
    final AtomicBoolean counted = new AtomicBoolean();
    /** Set when the JDK hooks saw the application read this file. */
    volatile PathReads reads;
    /** The framework that loaded this file as a model (null: read as data). */
    volatile String loadedAsModelBy;

    /** A file on a remote file system (null path): what its file system listed, and how to read it. */
    private final FileStat remoteStat;
    private final HashEngine.StreamSource remote;

    FileRecord(Path path, String kind, String framework, Integer training, String error) {
        this(path, kind, framework, training, error, null, null);
    }

    private FileRecord(Path path, String kind, String framework, Integer training, String error, FileStat remoteStat,
                       HashEngine.StreamSource remote) {
        this.path = path;
        this.kind = kind;
        this.framework = framework;
        this.training = training;
        this.error = error;
        this.remoteStat = remoteStat;
        this.remote = remote;
    }

    /** A data file on a remote file system, read through {@code source} when hashed. */
    static FileRecord remote(String uri, long size, long modifiedMillis, String framework, HashEngine.StreamSource source) {
        return new FileRecord(null, "file", framework, null, null, new FileStat(uri, size, modifiedMillis * 1_000_000L, 0, ""), source);
    }

    /** The URI a data source names this file by. */
    String uri() {
        return path != null ? path.toUri().toString() : remoteStat.path;
    }

    /** Set when the path is a directory written as one artifact (a Spark model). */
    private volatile Pending<DirectoryDigest> directory;

    /** Starts hashing unless it was started already; true if this call started it. */
    synchronized boolean startHashing(HashEngine engine) {
        if (hash == null && remote != null) {
            hash = engine.hashStream(remoteStat, remote);
            return true;
        }
        if (hash == null && path != null && error == null) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Pending<DirectoryDigest> d = DirectoryDigest.of(engine, path);
                directory = d;
                hash = d.map(digest -> digest.total);
            } else {
                hash = engine.hash(path);
            }
            return true;
        }
        return false;
    }

    Pending<FileHash> hash() {
        return hash;
    }

    boolean pending() {
        return hash != null && !hash.isDone();
    }

    private FileHash done() {
        Pending<FileHash> h = hash;
        return h != null && h.isDone() ? h.join() : null;
    }

    DataSource toDataSource() {
        FileHash h = done();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("readBy", framework);
        String model = loadedAsModelBy;
        if (model != null) {
            details.put("loadedBy", model);
        }
        PathReads r = reads;
        if (r != null) {
            details.put("bytesRead", r.bytesRead());
            details.put("firstReadAt", String.valueOf(r.firstReadAt()));
            details.put("lastReadAt", String.valueOf(r.lastReadAt()));
        }
        if (remote != null) {
            details.put("remote", true);   // listed and read through the framework's file-system client, not the JDK
        }
        if (h != null && h.status != FileHash.Status.COMPLETE) {
            details.put("hashStatus", h.status.name());
            if (h.error != null) {
                details.put("hashError", h.error);
            }
        }
        if (h != null && h.status == FileHash.Status.PARTIAL) {
            details.put("partial", true);
            details.put("sampledSha256", h.sampledSha256);
            details.put("sampledBytes", h.sampledBytes);
        }
        return new DataSource(model != null ? SourceKind.MODEL : SourceKind.FILE, uri(), h == null || h.stat.size < 0 ? null : h.stat.size,
                h == null || h.stat.size < 0 ? null : Instant.ofEpochSecond(0, h.stat.mtimeNanos).toString(),
                h == null ? null : h.sha256, null, Collections.unmodifiableMap(details));
    }

    Artifact toArtifact() {
        FileHash h = done();
        Pending<DirectoryDigest> d = directory;
        List<ArtifactFile> files = null;
        if (d != null && d.isDone()) {
            files = new ArrayList<>();
            for (DirectoryDigest.Part p : d.join().parts) {
                files.add(new ArtifactFile(p.path, p.sizeBytes, p.sha256));
            }
        }
        return new Artifact(kind, path == null ? null : path.toString(), h == null || h.stat.size < 0 ? null : h.stat.size,
                h == null ? null : h.sha256, training, error == null ? "WRITTEN" : "FAILED", error, files);
    }
}
