package io.runledger.instrument.dl4j;

import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * DeepLearning4J (with ND4J and DataVec): {@code MultiLayerNetwork} and {@code ComputationGraph} fits,
 * per-iteration scores, DataVec readers, normalizers, evaluations and {@code ModelSerializer}.
 * Consecutive {@code fit} overloads of one call are one training (outermost call only).
 */
public final class Dl4jModule implements FrameworkModule {

    private static final List<String> PREFIXES = Collections.unmodifiableList(
            Arrays.asList("org/deeplearning4j/", "org/nd4j/", "org/datavec/"));

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public List<String> armingPrefixes() {
        return PREFIXES;
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new Dl4jInstrumentation();
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
    public ProgressReader progressReader() {
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

    /** The ND4J backend (CPU/GPU, BLAS, vendor) decides the numerics: a change is an environment change. */
    @Override
    public List<String> environmentDetails() {
        return Collections.singletonList("backend");
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final Dl4jInspector INSTANCE = new Dl4jInspector();
    }
}
