package io.runledger.hash;

/** The outcome of hashing one file. {@code sha256} is set only when {@code status} is COMPLETE. */
public final class FileHash {

    public enum Status { COMPLETE, CHANGED_WHILE_HASHING, FAILED }

    public final FileStat stat;
    public final String sha256;
    public final Status status;
    public final String error;
    public final boolean fromCache;

    private FileHash(FileStat stat, String sha256, Status status, String error, boolean fromCache) {
        this.stat = stat;
        this.sha256 = sha256;
        this.status = status;
        this.error = error;
        this.fromCache = fromCache;
    }

    static FileHash complete(FileStat stat, String sha256, boolean fromCache) {
        return new FileHash(stat, sha256, Status.COMPLETE, null, fromCache);
    }

    static FileHash changed(FileStat stat) {
        return new FileHash(stat, null, Status.CHANGED_WHILE_HASHING, "file changed while being hashed", false);
    }

    static FileHash failed(FileStat stat, String error) {
        return new FileHash(stat, null, Status.FAILED, error, false);
    }
}
