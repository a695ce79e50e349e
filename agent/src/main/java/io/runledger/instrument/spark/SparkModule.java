package io.runledger.instrument.spark;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;

import java.util.Collections;
import java.util.List;

/**
 * Spark ML: every outermost {@code Estimator.fit(Dataset[, ParamMap])} is one training ({@code Pipeline.fit}
 * with its stages, {@code CrossValidator}/{@code TrainValidationSplit} with the grid nested in it), its
 * stages' params (set apart from defaults) as hyperparameters; the input Dataset's plan leaves (files,
 * JDBC tables, catalog tables, random splits) and schema as data, read from the analysed plan without
 * running a job; a model's training summary as a metric series; {@code Evaluator.evaluate} results tied
 * to the model whose {@code transform} produced the evaluated Dataset; {@code MLWriter.save} as an artifact.
 */
public final class SparkModule extends ReaderModule {

    @Override
    public String name() {
        return "spark";
    }

    /** The versions test-apps builds and runs (see the README's support table). */
    @Override
    public String[] testedVersions() {
        return new String[] {"3.5.9", "3.5.9"};
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("org/apache/spark/ml/");
    }

    @Override
    public TypeInstrumentation instrumentation() {
        return new SparkInstrumentation();
    }

    @Override
    protected Object reader() {
        return Reader.INSTANCE;
    }

    /** Loaded at the first training event, not in premain. */
    private static final class Reader {
        static final SparkReader INSTANCE = new SparkReader();
    }
}
