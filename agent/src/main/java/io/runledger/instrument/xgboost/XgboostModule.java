package io.runledger.instrument.xgboost;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * XGBoost4J: every outermost {@code XGBoost.train(..)} or {@code crossValidation(..)} is one training;
 * its parameter map, rounds and early stopping as hyperparameters; each watch's evaluation per round as
 * a metric series, read from the string XGBoost's own {@code Booster.evalSet} returns; each DMatrix as a
 * file source or an in-memory fingerprint; {@code Booster.saveModel} as an artifact.
 */
public final class XgboostModule extends ReaderModule {

    @Override
    public String name() {
        return "xgboost";
    }

    /** Its matchers pick classes by name and by declared methods. */
    @Override
    public boolean wovenFromOwnBytesOnly() {
        return true;
    }

    /** The versions test-apps builds and runs (see the README's support table). */
    @Override
    public String[] testedVersions() {
        return new String[] {"2.0.3", "3.4.0"};
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("xgboost.cv", "xgboost.eval", "xgboost.save", "xgboost.train");
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("ml/dmlc/xgboost4j/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new XgboostInstrumentation();
    }

    @Override
    protected Object reader() {
        return Reader.INSTANCE;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final XgboostReader INSTANCE = new XgboostReader();
    }
}
