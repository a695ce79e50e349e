package io.runledger.snapshot;

import java.util.Map;

/** Evaluation results of a trained model. */
public final class Evaluation {

    public final String type;
    public final Map<String, Object> metrics;
    public final Map<String, Object> details;

    public Evaluation(String type, Map<String,  Object> metrics, Map<String,  Object> details) {
        this.type = type;
        this.metrics = metrics;
        this.details = details;
    }
}
