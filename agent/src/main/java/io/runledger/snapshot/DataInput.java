package io.runledger.snapshot;

import java.util.List;
import java.util.Map;

/** A piece of data that reached a training: a file, a data source, or an in-memory fingerprint. */
public final class DataInput {

    public final String kind;
    public final String uri;
    public final Long sizeBytes;
    public final String sha256;
    public final Long rows;
    public final List<String> shape;
    public final Map<String, Object> details;

    public DataInput(String kind, String uri, Long sizeBytes, String sha256, Long rows, List<String> shape, Map<String,  Object> details) {
        this.kind = kind;
        this.uri = uri;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.rows = rows;
        this.shape = shape;
        this.details = details;
    }
}
