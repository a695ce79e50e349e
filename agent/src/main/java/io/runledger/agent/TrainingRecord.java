package io.runledger.agent;

import io.runledger.snapshot.FailureInfo;
import io.runledger.snapshot.Training;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A training as it happens; {@link #toSnapshot()} freezes it into the immutable {@link Training}. */
final class TrainingRecord {

    final int index;
    final String framework;
    final String modelType;
    final String entryPoint;
    final Instant startedAt;
    private volatile Instant endedAt;
    private volatile FailureInfo error;
    private final Map<String, Object> hyperparameters = Collections.synchronizedMap(new LinkedHashMap<>());

    TrainingRecord(int index, String framework, String modelType, String entryPoint, Instant startedAt) {
        this.index = index;
        this.framework = framework;
        this.modelType = modelType;
        this.entryPoint = entryPoint;
        this.startedAt = startedAt;
    }

    void end(Instant at, FailureInfo failure) {
        this.endedAt = at;
        this.error = failure;
    }

    Training toSnapshot() {
        String status = endedAt == null ? "RUNNING" : error == null ? "SUCCEEDED" : "FAILED";
        Map<String, Object> params;
        synchronized (hyperparameters) {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        }
        return new Training(index, framework, null, modelType, entryPoint, startedAt.toString(),
                endedAt == null ? null : endedAt.toString(), status, error, params, Collections.emptyMap(),
                Collections.emptyList(), Collections.emptyList(), Collections.emptyList(), Collections.emptyList(),
                Collections.emptyList());
    }
}
