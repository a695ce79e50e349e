package io.runledger.agent;

import io.runledger.files.PathReads;
import io.runledger.hash.FileHash;
import io.runledger.util.Pending;
import io.runledger.hash.HashEngine;
import io.runledger.redact.CredentialFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * The data files of a run, once each by absolute path, whoever reported them (a framework's reader or
 * the JDK hooks). Hashing starts once recording has begun; a JDK read is handed to a background
 * executor so the reading thread only pays for a map lookup. Guarded by its own lock.
 */
final class DataSources {

    private final List<FileRecord> files = new ArrayList<>();
    private final Map<Path, FileRecord> byPath = new HashMap<>();
    private final java.util.Set<String> remoteUris = new java.util.HashSet<>();
    /** The files each framework reader opened, to link a training's iterator to its sources. */
    private final Map<Object, List<Path>> readerFiles = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile HashEngine engine;
    /** {@code hash.remote}: files on remote file systems are read and hashed (else they stay as the framework listed them). */
    private final boolean remote;

    DataSources(boolean remote) {
        this.remote = remote;
    }

    boolean hashesRemoteFiles() {
        return remote;
    }
    private volatile Executor starts;
    private volatile RunListener listener;

    /** Records {@code file} once; {@code reads} (may be null) is what the JDK hooks saw of it. */
    void add(Path file, String framework, PathReads reads) {
        record(file, framework, reads);
    }

    /** {@link #add}, returning the file's record (null for a credential file, which is never recorded). */
    private FileRecord record(Path file, String framework, PathReads reads) {
        Path f = file.toAbsolutePath().normalize();
        if (CredentialFiles.isCredential(f.toString())) {
            return null;   // never data, never hashed, whoever named it
        }
        FileRecord r;
        synchronized (this) {
            FileRecord known = byPath.get(f);
            if (known != null) {
                if (reads != null) {
                    known.reads = reads;   // a framework named it first; the JDK saw what was read of it
                }
                return known;
            }
            r = new FileRecord(f, "file", framework, null, null);
            r.reads = reads;
            byPath.put(f, r);
            files.add(r);
        }
        HashEngine hashes = engine;
        Executor background = starts;
        if (reads != null && background != null) {
            background.execute(() -> recorded(r, hashes));   // stat and hash start leave the reading thread
        } else {
            recorded(r, hashes);
        }
        return r;
    }

    /** Records a file on a remote file system once, by URI, and starts hashing it once recording has begun. */
    void addRemote(io.runledger.instrument.RemoteFile file, String framework) {
        FileRecord r;
        synchronized (this) {
            if (!remoteUris.add(file.uri)) {
                return;
            }
            r = FileRecord.remote(file.uri, file.sizeBytes, file.modifiedMillis, framework, file::open);
            files.add(r);
        }
        recorded(r, engine);
    }

    /** {@code file} was loaded as a model by {@code framework}: recorded (once) and marked so, not as data. */
    void modelLoaded(Path file, String framework) {
        FileRecord r = record(file, framework, null);
        if (r != null) {
            r.loadedAsModelBy = framework;
        }
    }

    /** Links {@code reader} (a framework's record reader or data frame) to the files it opened. */
    void reader(Object reader, List<Path> opened) {
        readerFiles.put(reader, opened);
    }

    List<Path> filesOf(Object reader) {
        List<Path> opened = reader == null ? null : readerFiles.get(reader);
        return opened == null ? Collections.emptyList() : opened;
    }

    /**
     * Recording began: hash every file known so far and every later one; later JDK reads are started on
     * {@code background} (null: keep the executor set before).
     */
    void startHashing(HashEngine hashes, Executor background) {
        if (background != null) {
            starts = background;
        }
        engine = hashes;
        for (FileRecord r : all()) {
            if (r.startHashing(hashes)) {
                timeHash(r);
            }
        }
    }

    /** Metrics started: count the files read before they existed (e.g. a reader opened before fit), then every new one. */
    void listen(RunListener l) {
        listener = l;
        for (FileRecord r : all()) {
            count(r, l);
        }
    }

    /** A copy, in the order the files were first seen. */
    synchronized List<FileRecord> all() {
        return new ArrayList<>(files);
    }

    private void recorded(FileRecord r, HashEngine hashes) {
        count(r, listener);
        if (hashes != null && r.startHashing(hashes)) {
            timeHash(r);
        }
    }

    private static void count(FileRecord r, RunListener l) {
        if (l != null && r.counted.compareAndSet(false, true)) {
            if (r.path == null) {
                return;   // a remote file: the data-read metrics count what the JDK reads
            }
            try {
                l.dataFile(Files.size(r.path));
            } catch (IOException | RuntimeException ignored) {
                l.dataFile(0);
            }
        }
    }

    /** Feeds the data-hash-time metric when a file's hash is done. */
    private void timeHash(FileRecord r) {
        Pending<FileHash> f = r.hash();
        if (f != null) {
            f.whenDone(h -> {
                RunListener l = listener;
                if (l != null && !h.fromCache && h.hashNanos > 0) {
                    l.dataHashed(h.hashNanos);
                }
            });
        }
    }
}
