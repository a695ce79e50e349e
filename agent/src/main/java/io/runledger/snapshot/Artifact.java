package io.runledger.snapshot;

import java.util.List;

/**
 * A file the run wrote (model, normalizer), with the training that produced it. A model saved as a
 * directory (Spark ML) is one artifact: {@code files} lists what is in it and {@code sha256} covers them all
 * (SHA-256 of the sorted lines {@code path TAB size TAB sha256 LF}).
 */
public final class Artifact {

    public final String kind;
    public final String path;
    public final Long sizeBytes;
    public final String sha256;
    public final Integer training;
    public final String status;
    public final String error;
    /** The files of a directory artifact; null for a single file. */
    public final List<ArtifactFile> files;

    public Artifact(String kind, String path, Long sizeBytes, String sha256, Integer training, String status, String error,
                    List<ArtifactFile> files) {
        this.files = files;
        this.kind = kind;
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.training = training;
        this.status = status;
        this.error = error;
    }
}
