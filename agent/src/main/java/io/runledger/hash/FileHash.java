package io.runledger.hash;

/** The outcome of hashing one file. {@code sha256} is set only when {@code status} is COMPLETE. */
public final class FileHash {

    /** PARTIAL: the file was larger than {@code hash.sample-above}; only {@code sampledSha256} is set. */
    public enum Status { COMPLETE, PARTIAL, CHANGED_WHILE_HASHING, FAILED }

    public final FileStat stat;
    public final String sha256;
    public final Status status;
    public final String error;
    public final boolean fromCache;
    /** For PARTIAL: SHA-256 over the file's size and the sampled chunks, and how many bytes were sampled. */
    public final String sampledSha256;
    public final long sampledBytes;
    /** Time spent reading and hashing; 0 when answered from the cache or not hashed. */
    public final long hashNanos;

    private FileHash(FileStat stat, String sha256, Status status, String error, boolean fromCache, String sampledSha256, long sampledBytes,
                     long hashNanos) {
        this.hashNanos = hashNanos;
        this.stat = stat;
        this.sha256 = sha256;
        this.status = status;
        this.error = error;
        this.fromCache = fromCache;
        this.sampledSha256 = sampledSha256;
        this.sampledBytes = sampledBytes;
    }

    private FileHash(FileStat stat, String sha256, Status status, String error, boolean fromCache) {
        this(stat, sha256, status, error, fromCache, null, 0, 0);
    }

    static FileHash partial(FileStat stat, String sampledSha256, long sampledBytes, long hashNanos) {
        return new FileHash(stat, null, Status.PARTIAL, null, false, sampledSha256, sampledBytes, hashNanos);
    }

    /** Hashed just now, in {@code hashNanos}. */
    static FileHash hashed(FileStat stat, String sha256, long hashNanos) {
        return new FileHash(stat, sha256, Status.COMPLETE, null, false, null, 0, hashNanos);
    }

    /** Answered from the hash cache: no read. */
    static FileHash cached(FileStat stat, String sha256) {
        return new FileHash(stat, sha256, Status.COMPLETE, null, true);
    }

    static FileHash changed(FileStat stat) {
        return new FileHash(stat, null, Status.CHANGED_WHILE_HASHING, "file changed while being hashed", false);
    }

    static FileHash failed(FileStat stat, String error) {
        return new FileHash(stat, null, Status.FAILED, error, false);
    }
}
