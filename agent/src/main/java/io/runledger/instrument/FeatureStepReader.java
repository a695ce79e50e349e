package io.runledger.instrument;

import io.runledger.snapshot.FeatureStep;

import java.util.Collections;
import java.util.List;

/** Reads fitted feature-engineering steps (normalizers, transforms) and what they learned. */
public interface FeatureStepReader {

    /** A fitted or attached feature step, or null. */
    default FeatureStep featureStep(Object step, Object input) {
        return null;
    }

    /** Feature steps fitted during training, read from its result. */
    default List<FeatureStep> resultFeatureSteps(Object result) {
        return Collections.emptyList();
    }
}
