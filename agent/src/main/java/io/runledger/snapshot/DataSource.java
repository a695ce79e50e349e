package io.runledger.snapshot;

import java.util.Map;

/** A data source the run read: file, directory, URL or query. */
public final class DataSource {

    public final SourceKind kind;
    public final String uri;
    public final Long sizeBytes;
    public final String modifiedAt;
    public final String sha256;
    public final Long rows;
    public final Map<String, Object> details;

    public DataSource(SourceKind kind, String uri, Long sizeBytes, String modifiedAt, String sha256, Long rows, Map<String,  Object> details) {
        this.kind = kind;
        this.uri = uri;
        this.sizeBytes = sizeBytes;
        this.modifiedAt = modifiedAt;
        this.sha256 = sha256;
        this.rows = rows;
        this.details = details;
    }
}
