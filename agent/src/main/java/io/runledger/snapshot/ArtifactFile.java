package io.runledger.snapshot;

/** One file of an artifact that is a directory (a Spark ML model), by its path relative to that directory. */
public final class ArtifactFile {

    public final String path;
    public final Long sizeBytes;
    public final String sha256;

    public ArtifactFile(String path, Long sizeBytes, String sha256) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }
}
