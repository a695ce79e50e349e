package io.runledger.instrument.dl4j;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * DeepLearning4J (with ND4J and DataVec): {@code MultiLayerNetwork} and {@code ComputationGraph} fits,
 * per-iteration scores, DataVec readers, normalizers, evaluations and {@code ModelSerializer}.
 * Consecutive {@code fit} overloads of one call are one training (outermost call only).
 */
public final class Dl4jModule extends ReaderModule {

    private static final List<String> PREFIXES = Collections.unmodifiableList(
            Arrays.asList("org/deeplearning4j/", "org/nd4j/", "org/datavec/"));

    @Override
    public String name() {
        return "dl4j";
    }

    /** Its matchers pick classes by name and by declared methods. */
    @Override
    public boolean wovenFromOwnBytesOnly() {
        return true;
    }

    /** The versions test-apps builds and runs (see the README's support table). */
    @Override
    public String[] testedVersions() {
        return new String[] {"1.0.0-beta7", "1.0.0-M2.1"};
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("dl4j.eval", "dl4j.evaluate", "dl4j.fit", "dl4j.init", "dl4j.load", "dl4j.normalizer", "dl4j.output", "dl4j.save");
    }

    @Override
    public List<String> armingPrefixes() {
        return PREFIXES;
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new Dl4jInstrumentation();
    }

    /** The ND4J backend (CPU/GPU, BLAS, vendor) decides the numerics: a change is an environment change. */
    @Override
    public List<String> environmentDetails() {
        return Collections.singletonList("backend");
    }

    @Override
    protected Object reader() {
        return Reader.INSTANCE;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final Dl4jInspector INSTANCE = new Dl4jInspector();
    }
}
