package io.runledger.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a data source is; written in lower case. */
public enum SourceKind {
    /** One file, hashed. */
    FILE("file"),
    /** Files read from one directory, folded into one source with a combined hash. */
    DIRECTORY("directory"),
    /** One query through a JDBC driver (URL + SQL). */
    QUERY("query"),
    /** A model file loaded through a framework's load API (a pretrained or earlier model), hashed; not data. */
    MODEL("model");

    private final String wire;

    SourceKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SourceKind of(String wire) {
        for (SourceKind k : values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown data source kind: " + wire);
    }
}
