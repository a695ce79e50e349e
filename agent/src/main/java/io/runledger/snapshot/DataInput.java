package io.runledger.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A piece of data that reached a training: a file, a data source, or an in-memory fingerprint. */
public final class DataInput {

    public final String kind;
    public final String uri;
    public final Long sizeBytes;
    public final String sha256;
    public final Long rows;
    public final List<String> shape;
    /**
     * The hash the framework itself recorded for this input (Tribuo's provenance), kept beside the agent's
     * own {@link #sha256}: when they differ the file changed between loading and training.
     */
    public final String frameworkSha256;
    /** How many of the training's calls this same input reached (same fingerprint); omitted for one. */
    public final Integer uses;
    public final Map<String, Object> details;
    /**
     * A fingerprint left to be worked out when the snapshot is written, off the training's thread (null
     * when there is none): {@link #sha256} is then null until {@link #withLateFingerprint}. Never written.
     */
    private final transient Supplier<String> lateSha256;

    public DataInput(String kind, String uri, Long sizeBytes, String sha256, Long rows, List<String> shape, Map<String, Object> details) {
        this(kind, uri, sizeBytes, sha256, rows, shape, null, null, details);
    }

    @JsonCreator
    public DataInput(String kind, String uri, Long sizeBytes, String sha256, Long rows, List<String> shape, String frameworkSha256,
                     Integer uses, Map<String, Object> details) {
        this(kind, uri, sizeBytes, sha256, rows, shape, frameworkSha256, uses, details, null);
    }

    private DataInput(String kind, String uri, Long sizeBytes, String sha256, Long rows, List<String> shape, String frameworkSha256,
                      Integer uses, Map<String, Object> details, Supplier<String> lateSha256) {
        this.kind = kind;
        this.uri = uri;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.rows = rows;
        this.shape = shape;
        this.frameworkSha256 = frameworkSha256;
        this.uses = uses;
        this.details = details;
        this.lateSha256 = lateSha256;
    }

    /**
     * An in-memory input whose SHA-256 {@code sha256} works out later, once (it must hold its own copy of
     * the values, so that what the program does next cannot change them).
     */
    public static DataInput fingerprintedLater(String kind, Long rows, List<String> shape, Map<String, Object> details,
                                               Supplier<String> sha256) {
        return new DataInput(kind, null, null, null, rows, shape, null, null, details, sha256);
    }

    /** This input with its fingerprint, worked out now if it was left for later. */
    public DataInput withLateFingerprint() {
        return lateSha256 == null ? this : new DataInput(kind, uri, sizeBytes, lateSha256.get(), rows, shape, frameworkSha256, uses, details);
    }

    /** The same input with the size and hash of its file, as recorded among the run's data sources. */
    public DataInput withFile(Long size, String hash) {
        return new DataInput(kind, uri, size, hash, rows, shape, frameworkSha256, uses, details, lateSha256);
    }

    /** The same input, used {@code times} times (null for once). */
    public DataInput usedTimes(int times) {
        return new DataInput(kind, uri, sizeBytes, sha256, rows, shape, frameworkSha256, times > 1 ? times : null, details, lateSha256);
    }

    private String fingerprint() {
        return sha256 != null || lateSha256 == null ? sha256 : lateSha256.get();
    }

    /**
     * Same data: kind, location, shape and fingerprint (a loop passing one DataSet again and again). The
     * fingerprint last: one left for later is worked out here, on the training's thread, only when all else agrees.
     */
    public boolean sameDataAs(DataInput other) {
        return kind.equals(other.kind) && java.util.Objects.equals(uri, other.uri) && java.util.Objects.equals(shape, other.shape)
                && java.util.Objects.equals(rows, other.rows) && java.util.Objects.equals(fingerprint(), other.fingerprint());
    }
}
