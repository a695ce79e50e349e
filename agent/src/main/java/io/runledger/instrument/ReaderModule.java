package io.runledger.instrument;

/**
 * A module whose readers are one object implementing the reader interfaces its framework has: each
 * getter returns that object when it implements the interface, else null. The object is created at the
 * first event (a holder in the subclass), never in premain.
 */
public abstract class ReaderModule implements FrameworkModule {

    /** The object implementing this module's reader interfaces. */
    protected abstract Object reader();

    private <T> T as(Class<T> capability) {
        Object r = reader();
        return capability.isInstance(r) ? capability.cast(r) : null;
    }

    @Override
    public TrainingReader trainingReader() {
        return as(TrainingReader.class);
    }

    @Override
    public DataReader dataReader() {
        return as(DataReader.class);
    }

    @Override
    public ProgressReader progressReader() {
        return as(ProgressReader.class);
    }

    @Override
    public EvaluationReader evaluationReader() {
        return as(EvaluationReader.class);
    }

    @Override
    public FeatureStepReader featureStepReader() {
        return as(FeatureStepReader.class);
    }

    @Override
    public ArtifactReader artifactReader() {
        return as(ArtifactReader.class);
    }
}
