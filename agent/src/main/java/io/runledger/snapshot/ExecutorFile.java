package io.runledger.snapshot;

/** A file an executor read through the JDK (its path, how many bytes, first and last read). */
public final class ExecutorFile {

    public final String path;
    public final long bytesRead;
    public final String firstReadAt;
    public final String lastReadAt;

    public ExecutorFile(String path, long bytesRead, String firstReadAt, String lastReadAt) {
        this.path = path;
        this.bytesRead = bytesRead;
        this.firstReadAt = firstReadAt;
        this.lastReadAt = lastReadAt;
    }
}
