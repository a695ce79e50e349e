package io.runledger.agent;

import io.runledger.ledger.Ledger;
import io.runledger.ledger.ModelStatement;
import io.runledger.redact.Redactor;
import io.runledger.redact.RedactedJson;
import io.runledger.snapshot.Snapshot;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Serializes snapshots and hands them to the ledger: RUNNING checkpoints (rewritten in place) until the
 * final snapshot, which is written and chained once. One lock orders them, so a checkpoint can never
 * overwrite the final snapshot.
 */
final class SnapshotWriter {

    private final String runId;
    private final Supplier<Redactor> redactor;
    private final Object lock = new Object();
    private boolean closed;

    SnapshotWriter(String runId, Supplier<Redactor> redactor) {
        this.runId = runId;
        this.redactor = redactor;
    }

    /** Rewrites the RUNNING snapshot; false when the final one is written or being written. */
    boolean checkpoint(Ledger ledger, Supplier<Snapshot> build) throws IOException {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            ledger.writeCheckpoint(runId, serialize(build.get(), redactor.get()));
            return true;
        }
    }

    /** Stops checkpoints from now on (the run is ending). */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Writes the final snapshot atomically and appends it to the ledger chain; returns the bytes written. */
    byte[] writeFinal(Ledger ledger, Snapshot snapshot) throws Exception {
        synchronized (lock) {
            closed = true;
            Redactor r = redactor.get();
            byte[] json = serialize(snapshot, r);
            ledger.finish(runId, snapshot.run.status.name(), json, ModelStatement.partsOf(snapshot, r));
            return json;
        }
    }

    /** The snapshot's JSON, every string in it redacted on the way (see {@link RedactedJson}). */
    static byte[] serialize(Snapshot s, Redactor redactor) throws IOException {
        return RedactedJson.pretty(s, redactor);
    }
}
