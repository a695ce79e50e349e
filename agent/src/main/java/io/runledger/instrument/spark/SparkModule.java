package io.runledger.instrument.spark;

import io.runledger.instrument.ReaderModule;
import io.runledger.instrument.TypeInstrumentation;
import io.runledger.instrument.WorkerJvm;
import io.runledger.util.Reflect;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

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
        return new String[] {"3.5.9", "4.2.0"};
    }

    @Override
    public List<String> depthNames() {
        return java.util.Arrays.asList("spark.evaluate", "spark.fit", "spark.save", "spark.transform");
    }

    @Override
    public List<String> armingPrefixes() {
        return Collections.singletonList("org/apache/spark/ml/");
    }

    /** Spark's executor back ends (standalone and local-cluster, YARN, Kubernetes), each started with {@code --app-id} and {@code --executor-id}. */
    private static final List<String> EXECUTOR_MAINS = Arrays.asList("org.apache.spark.executor.CoarseGrainedExecutorBackend",
            "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend", "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend");

    @Override
    public WorkerJvm workerJvm(String mainClass, Supplier<List<String>> arguments) {
        if (!EXECUTOR_MAINS.contains(mainClass)) {
            return null;
        }
        List<String> args = arguments.get();
        String app = option(args, "--app-id");
        String executor = option(args, "--executor-id");
        return app == null || executor == null ? null : new WorkerJvm(name(), app, executor);
    }

    private static String option(List<String> args, String name) {
        int at = args == null ? -1 : args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }

    /** The application the training's input Dataset belongs to: {@code dataset.sparkSession().sparkContext().applicationId()}. */
    @Override
    public String workerGroup(Object estimator, Object[] arguments) {
        if (arguments == null || arguments.length == 0) {
            return null;
        }
        Object id = Reflect.call(Reflect.call(Reflect.call(arguments[0], "sparkSession"), "sparkContext"), "applicationId");
        return id instanceof String ? (String) id : null;
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
