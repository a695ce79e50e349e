package io.runledger.snapshot;


/** A file the run wrote (model, normalizer), with the training that produced it. */
public final class Artifact {

    public final String kind;
    public final String path;
    public final Long sizeBytes;
    public final String sha256;
    public final Integer training;
    public final String status;
    public final String error;

    public Artifact(String kind, String path, Long sizeBytes, String sha256, Integer training, String status, String error) {
        this.kind = kind;
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.training = training;
        this.status = status;
        this.error = error;
    }
}
