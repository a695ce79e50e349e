package io.runledger.files;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the run read of one file through the JDK, over every stream and channel opened on it: bytes
 * actually read and the times of the first and last read. Updated on the reading thread, lock-free.
 */
public final class PathReads {

    public final String path;
    private final AtomicLong bytes = new AtomicLong();
    private volatile long firstReadMillis;
    private volatile long lastReadMillis;

    PathReads(String path) {
        this.path = path;
    }

    /** Adds one read; true when it was the first read of this file (the caller then records it). */
    boolean add(long n) {
        long now = System.currentTimeMillis();
        lastReadMillis = now;
        boolean first = bytes.getAndAdd(n) == 0 && firstReadMillis == 0;
        if (first) {
            synchronized (this) {
                if (firstReadMillis != 0) {
                    return false;
                }
                firstReadMillis = now;
            }
        }
        return first;
    }

    public long bytesRead() {
        return bytes.get();
    }

    public Instant firstReadAt() {
        long t = firstReadMillis;
        return t == 0 ? null : Instant.ofEpochMilli(t);
    }

    public Instant lastReadAt() {
        long t = lastReadMillis;
        return t == 0 ? null : Instant.ofEpochMilli(t);
    }
}
