package io.runledger.snapshot;

import java.util.Map;

/** A feature-engineering step applied before training (normalizer, transform, formula, feature map). */
public final class FeatureStep {

    public final String type;
    public final Map<String, Object> parameters;

    public FeatureStep(String type, Map<String,  Object> parameters) {
        this.type = type;
        this.parameters = parameters;
    }
}
