package io.runledger.instrument.smile;

import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Smile: every static {@code fit} is one training (the positional overload it delegates to gives the
 * values really used), {@code smile.io.Read} sources, fitted transforms, validation results, models
 * written by {@code Write.object} or plain Java serialization.
 */
public final class SmileModule implements FrameworkModule {

    @Override
    public String name() {
        return "smile";
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("smile/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new SmileInstrumentation();
    }

    @Override
    public TrainingReader trainingReader() {
        return Reader.INSTANCE;
    }

    @Override
    public DataReader dataReader() {
        return Reader.INSTANCE;
    }

    @Override
    public EvaluationReader evaluationReader() {
        return Reader.INSTANCE;
    }

    @Override
    public FeatureStepReader featureStepReader() {
        return Reader.INSTANCE;
    }

    @Override
    public ArtifactReader artifactReader() {
        return Reader.INSTANCE;
    }

    @Override
    public boolean savesModelsWithJavaSerialization() {
        return true;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final SmileInspector INSTANCE = new SmileInspector();
    }
}
