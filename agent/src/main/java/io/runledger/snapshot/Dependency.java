package io.runledger.snapshot;


/** A jar (or class directory) the run's code came from. sha256 is null while still pending. */
public final class Dependency {

    public final String file;
    public final String path;
    public final String origin;
    public final String group;
    public final String artifact;
    public final String version;
    public final Long sizeBytes;
    public final String sha256;

    public Dependency(String file, String path, String origin, String group, String artifact, String version, Long sizeBytes, String sha256) {
        this.file = file;
        this.path = path;
        this.origin = origin;
        this.group = group;
        this.artifact = artifact;
        this.version = version;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }
}
