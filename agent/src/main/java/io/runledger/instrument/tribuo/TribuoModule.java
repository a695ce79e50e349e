package io.runledger.instrument.tribuo;

import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.FrameworkModule;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.TrainingReader;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Tribuo: every {@code Trainer.train(Dataset, ..)} is one training (trainers are stateless per call),
 * described from Tribuo's own provenance; evaluators, SGD loss from its log, models saved by
 * {@code serializeToFile}/{@code serializeToStream} or plain Java serialization.
 */
public final class TribuoModule implements FrameworkModule {

    @Override
    public String name() {
        return "tribuo";
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("org/tribuo/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new TribuoInstrumentation();
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

    @Override
    public boolean savesModelsWithJavaSerialization() {
        return true;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final TribuoInspector INSTANCE = new TribuoInspector();
    }
}
