package io.runledger.agent;

import io.runledger.hash.HashEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * The model files (and streams) a run wrote. Hashed only at the final flush, when whoever wrote them is
 * surely done with them. Guarded by its own lock.
 */
final class Artifacts {

    private final List<FileRecord> written = new ArrayList<>();

    /** Adds {@code r} unless the same file was already recorded as written (two layers of one save). */
    synchronized void add(FileRecord r) {
        for (FileRecord a : written) {
            if (r.path != null && r.path.equals(a.path) && r.error == null && a.error == null) {
                return;   // e.g. Smile's Write.object uses ObjectOutputStream
            }
        }
        written.add(r);
    }

    void startHashing(HashEngine engine) {
        for (FileRecord r : all()) {
            r.startHashing(engine);
        }
    }

    synchronized List<FileRecord> all() {
        return new ArrayList<>(written);
    }
}
