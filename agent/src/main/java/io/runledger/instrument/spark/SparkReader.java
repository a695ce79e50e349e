package io.runledger.instrument.spark;

import io.runledger.collect.DependencyCollector;
import io.runledger.instrument.ArtifactReader;
import io.runledger.instrument.DataReader;
import io.runledger.instrument.EvaluationReader;
import io.runledger.instrument.FeatureStepReader;
import io.runledger.instrument.ProgressReader;
import io.runledger.instrument.TrainingReader;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.util.IdentityMemo;
import io.runledger.util.Reflect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads Spark ML's objects by reflection, calling only accessors of state Spark already holds (params,
 * analysed plans, listed files, a model's training summary, a tuning model's metrics); never an action.
 */
final class SparkReader implements TrainingReader, DataReader, ProgressReader, EvaluationReader, FeatureStepReader, ArtifactReader {

    /** Learned values kept per feature step (a scaler's mean over 10,000 columns is not a record). */
    static final int MAX_LEARNED_VALUES = 64;
    private static final String TUNING = "org.apache.spark.ml.tuning.";

    /** The model whose {@code transform} produced each live Dataset, and each such Dataset's plan (identity keys). */
    private final Map<Object, Object> producedBy = Collections.synchronizedMap(new WeakHashMap<>());
    private final IdentityMemo<DataInput> lastDescribed = new IdentityMemo<>();

    // ---- training ----

    @Override
    public String version(Object estimator) {
        return estimator == null ? null : DependencyCollector.versionOf(estimator.getClass());
    }

    /** A pipeline makes the type of its last stage; a tuning estimator that of its estimator. */
    @Override
    public String modelType(Object estimator, String entryPoint) {
        Object inner = estimator;
        for (int i = 0; i < 4; i++) {
            Object wrapped = Reflect.call(inner, "getEstimator");
            Object stages = Reflect.call(inner, "getStages");
            if (wrapped != null) {
                inner = wrapped;
            } else if (stages instanceof Object[] && ((Object[]) stages).length > 0) {
                inner = ((Object[]) stages)[((Object[]) stages).length - 1];
            } else {
                break;
            }
        }
        return inner == null ? null : inner.getClass().getName();
    }

    @Override
    public Map<String, Object> hyperparameters(Object estimator, String entryPoint, Object[] arguments) {
        return new SparkParams().add("", estimator, paramMap(arguments)).all();
    }

    @Override
    public Map<String, Object> details(Object estimator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("estimator", estimator.getClass().getName());
        out.put("uid", Reflect.call(estimator, "uid"));
        Object stages = Reflect.call(estimator, "getStages");
        if (stages == null) {
            stages = Reflect.call(Reflect.call(estimator, "getEstimator"), "getStages");
        }
        if (stages instanceof Object[]) {
            List<String> names = new ArrayList<>();
            for (Object s : (Object[]) stages) {
                names.add(s.getClass().getSimpleName() + " (" + Reflect.call(s, "uid") + ")");
            }
            out.put("stages", names);
        }
        out.put("explicitlySet", new SparkParams().add("", estimator, null).explicitlySet());
        return out;
    }

    /** Every {@code seed} param (an estimator's, a tuning estimator's folds) and the seeds of random splits in the input's plan. */
    @Override
    public Map<String, Object> seeds(Object estimator) {
        Map<String, Object> out = new LinkedHashMap<>();
        new SparkParams().add("", estimator, null).all().forEach((k, v) -> {
            if (k.equals("seed") || k.endsWith(".seed")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public Map<String, Object> seeds(Object estimator, Object[] arguments) {
        Map<String, Object> out = seeds(estimator);
        if (arguments != null && arguments.length > 0) {
            int i = 0;
            for (Object node : SparkPlans.nodes(SparkPlans.plan(arguments[0]))) {
                if (node.getClass().getSimpleName().equals("Sample")) {
                    out.put("input.sample." + i++, SparkPlans.seed(node));
                }
            }
        }
        return out;
    }

    /** A tuning estimator fits its grid on a pool of its own when {@code parallelism} > 1: those fits are part of it. */
    @Override
    public boolean nestsTrainingsOfOtherThreads(Object estimator) {
        return estimator != null && estimator.getClass().getName().startsWith(TUNING)
                || Reflect.isA(estimator, "org.apache.spark.ml.classification.OneVsRest");
    }

    /** A tuning estimator's own scoring of its grid is read from its result, not recorded call by call. */
    @Override
    public boolean evaluationsDuringTrainingAreInternal() {
        return true;
    }

    /** What the fitted model says of itself: iterations, features, classes; a tuning model's grid with its metrics. */
    @Override
    public Map<String, Object> resultDetails(Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object grid = tuningGrid(result);
        if (grid != null) {
            out.put("grid", grid);
            int best = bestIndex(result);
            if (best >= 0) {
                out.put("bestIndex", best);
            }
        }
        Object last = finalModel(fitted(result));
        putIfPresent(out, "numFeatures", Reflect.call(last, "numFeatures"));
        putIfPresent(out, "numClasses", Reflect.call(last, "numClasses"));
        Object summary = summary(last);
        putIfPresent(out, "totalIterations", Reflect.call(summary, "totalIterations"));
        return out;
    }

    // ---- tuning ----

    /** A tuning model's grid points with the metric of each (the average over folds, for cross-validation). */
    private static List<Map<String, Object>> tuningGrid(Object result) {
        if (result == null || !result.getClass().getName().startsWith(TUNING)) {
            return null;
        }
        Object maps = Reflect.call(result, "getEstimatorParamMaps");
        Object metrics = tuningMetrics(result);
        if (!(maps instanceof Object[]) || !(metrics instanceof double[])) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        double[] values = (double[]) metrics;
        for (int i = 0; i < ((Object[]) maps).length && i < values.length; i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("params", SparkParams.paramMapText(((Object[]) maps)[i]));
            point.put("metric", values[i]);
            out.add(point);
        }
        return out;
    }

    /** Each grid point's metric: a cross-validation's averages over folds, a validation split's values. */
    private static Object tuningMetrics(Object result) {
        Object metrics = Reflect.call(result, "avgMetrics");
        return metrics != null ? metrics : Reflect.call(result, "validationMetrics");
    }

    /** The model a fit made: a tuning model's best model, else the result itself. */
    private static Object fitted(Object result) {
        Object best = Reflect.call(result, "bestModel");
        return best != null ? best : result;
    }

    private static int bestIndex(Object result) {
        Object metrics = tuningMetrics(result);
        if (!(metrics instanceof double[]) || ((double[]) metrics).length == 0) {
            return -1;
        }
        boolean larger = !Boolean.FALSE.equals(Reflect.call(Reflect.call(result, "getEvaluator"), "isLargerBetter"));
        double[] v = (double[]) metrics;
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (larger ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A tuning model's best grid point as an evaluation of the training (the figure the grid was judged by). */
    @Override
    public List<Evaluation> resultEvaluations(Object result) {
        List<Map<String, Object>> grid = tuningGrid(result);
        int best = bestIndex(result);
        if (grid == null || best < 0) {
            return Collections.emptyList();
        }
        Object evaluator = Reflect.call(result, "getEvaluator");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(String.valueOf(Reflect.call(evaluator, "getMetricName")), grid.get(best).get("metric"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("split", result.getClass().getSimpleName().startsWith("CrossValidator")
                ? "cross-validation (" + Reflect.call(result, "getNumFolds") + " folds), best grid point"
                : "validation split (train ratio " + Reflect.call(result, "getTrainRatio") + "), best grid point");
        details.put("params", grid.get(best).get("params"));
        details.put("evaluator", evaluator == null ? null : evaluator.getClass().getSimpleName());
        return Collections.singletonList(new Evaluation(result.getClass().getSimpleName(), metrics, details));
    }

    // ---- data ----

    /** The Dataset a fit reads: its plan's sources, splits and schema. */
    @Override
    public List<DataInput> dataInputs(Object estimator, Object[] arguments, SourceLookup sources) {
        if (arguments == null || arguments.length == 0 || !Reflect.isA(arguments[0], SparkInstrumentation.DATASET)) {
            return Collections.emptyList();
        }
        return Collections.singletonList(described(arguments[0]));
    }

    /**
     * The description of a fit's input Dataset, made once: {@code trainingFiles} and {@code dataInputs} ask
     * for the same one at a training's start, and walking the plan lists every file the index holds.
     */
    private DataInput described(Object dataset) {
        return lastDescribed.get(dataset, () -> SparkPlans.describe(dataset, "train"));
    }

    /** The files Spark listed for the fit's input on remote file systems, read through Hadoop when hashed ({@code hash.remote}). */
    @Override
    public List<io.runledger.instrument.RemoteFile> remoteTrainingFiles(Object estimator, Object[] arguments) {
        List<DataInput> inputs = dataInputs(estimator, arguments, null);
        return inputs.isEmpty() ? Collections.<io.runledger.instrument.RemoteFile>emptyList() : SparkPlans.remoteFiles(arguments[0], inputs.get(0));
    }

    /** The local files Spark listed for the fit's input: hashed as data sources. */
    @Override
    public List<Path> trainingFiles(Object estimator, Object[] arguments) {
        List<DataInput> inputs = dataInputs(estimator, arguments, null);
        return inputs.isEmpty() ? Collections.<Path>emptyList() : SparkPlans.localFiles(inputs.get(0));
    }

    /** {@code model.transform(dataset)} returned {@code output}: remembered so an evaluation of it names the model. */
    @Override
    public List<Path> files(Object model, Object output) {
        if (model != null && Reflect.isA(output, SparkInstrumentation.DATASET)) {
            producedBy.put(output, model);
            Object plan = Reflect.call(output, "logicalPlan");
            if (plan != null) {
                producedBy.put(plan, model);
            }
        }
        return Collections.emptyList();
    }

    // ---- evaluations ----

    /** The model whose output an evaluated Dataset is (itself, or a plan below it), else the Dataset. */
    @Override
    public Object evaluatedModel(Object dataset) {
        Object model = producedBy.get(dataset);
        if (model != null) {
            return model;
        }
        for (Object node : SparkPlans.nodes(Reflect.call(dataset, "logicalPlan"))) {
            model = producedBy.get(node);
            if (model != null) {
                return model;
            }
        }
        return dataset;
    }

    /** {evaluator, value, dataset} from the evaluate advice: the metric named as the evaluator names it. */
    @Override
    public List<Evaluation> evaluations(Object result) {
        if (!(result instanceof Object[]) || ((Object[]) result).length < 2 || !(((Object[]) result)[1] instanceof Double)) {
            return Collections.emptyList();
        }
        Object evaluator = ((Object[]) result)[0];
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(String.valueOf(Reflect.call(evaluator, "getMetricName")), ((Object[]) result)[1]);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evaluator", Reflect.call(evaluator, "uid"));
        details.put("largerIsBetter", Reflect.call(evaluator, "isLargerBetter"));
        Object dataset = ((Object[]) result).length > 2 ? ((Object[]) result)[2] : null;
        if (dataset != null) {
            DataInput data = SparkPlans.describe(dataset, null);
            details.put("data", data.details.get("sources"));
            if (data.details.containsKey("samples")) {
                details.put("samples", data.details.get("samples"));
            }
        }
        return Collections.singletonList(new Evaluation(evaluator.getClass().getSimpleName(), metrics, details));
    }

    // ---- metrics ----

    /** The final model's training summary: its objective at each iteration. */
    @Override
    public List<RoundMetrics> resultRounds(Object result) {
        Object history = Reflect.call(summary(finalModel(fitted(result))), "objectiveHistory");
        List<RoundMetrics> out = new ArrayList<>();
        if (history instanceof double[]) {
            double[] h = (double[]) history;
            for (int i = 0; i < h.length; i++) {
                out.add(new RoundMetrics(i, Collections.singletonMap("objective", h[i])));
            }
        }
        return out;
    }

    /** A pipeline model's last stage, else the model itself. */
    private static Object finalModel(Object model) {
        Object stages = Reflect.call(model, "stages");
        if (stages instanceof Object[] && ((Object[]) stages).length > 0) {
            return ((Object[]) stages)[((Object[]) stages).length - 1];
        }
        return model;
    }

    /** The training summary a model keeps, when it has one ({@code hasSummary} first: {@code summary} throws otherwise). */
    private static Object summary(Object model) {
        return Boolean.TRUE.equals(Reflect.call(model, "hasSummary")) ? Reflect.call(model, "summary") : null;
    }

    // ---- feature steps ----

    /** A fitted pipeline's stages before its last: each with its params and what it learned. */
    @Override
    public List<FeatureStep> resultFeatureSteps(Object result) {
        Object stages = Reflect.call(fitted(result), "stages");
        List<FeatureStep> out = new ArrayList<>();
        if (!(stages instanceof Object[])) {
            return out;
        }
        Object[] s = (Object[]) stages;
        for (int i = 0; i < s.length - 1; i++) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("stage", i);
            parameters.put("uid", Reflect.call(s[i], "uid"));
            new SparkParams().add("", s[i], null).all().forEach(parameters::put);
            learned(s[i], parameters);
            out.add(new FeatureStep(s[i].getClass().getName(), parameters));
        }
        return out;
    }

    /** What common feature models learned, as fields they hold (never recomputed). */
    private static void learned(Object stage, Map<String, Object> out) {
        for (String name : new String[] {"mean", "std", "originalMin", "originalMax", "maxAbs", "explainedVariance"}) {
            Object vector = Reflect.call(stage, name);
            if (Reflect.isA(vector, "org.apache.spark.ml.linalg.Vector")) {
                Object values = Reflect.call(vector, "toArray");
                if (values instanceof double[]) {
                    out.put("learned." + name, bounded((double[]) values));
                }
            }
        }
        Object labels = Reflect.call(stage, "labelsArray");
        if (labels instanceof Object[]) {
            out.put("learned.labels", SparkParams.plain(labels));
        }
        Object sizes = Reflect.call(stage, "categorySizes");
        if (sizes instanceof int[]) {
            out.put("learned.categorySizes", SparkParams.plain(sizes));
        }
    }

    private static Object bounded(double[] values) {
        if (values.length <= MAX_LEARNED_VALUES) {
            return SparkParams.plain(values);
        }
        double[] head = new double[MAX_LEARNED_VALUES];
        System.arraycopy(values, 0, head, 0, head.length);
        return SparkParams.plain(head) + " (first " + MAX_LEARNED_VALUES + " of " + values.length + ")";
    }

    // ---- artifacts ----

    /** The local directory an {@code MLWriter} saved to (a path without scheme is local unless Hadoop says otherwise: checked on disk). */
    @Override
    public Path modelFile(Object target) {
        if (!(target instanceof String)) {
            return null;
        }
        Path p = SparkPlans.localFile((String) target);
        return p != null && Files.isDirectory(p) ? p : null;
    }

    /** The model an {@code MLWriter} writes ({@code instance}, as each of Spark's writers names it). */
    @Override
    public Object savedModel(Object writer) {
        Object instance = Reflect.field(writer, "instance");
        return instance != null ? instance : writer;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** The ParamMap a {@code fit(dataset, paramMap)} overload passes, or null. */
    private static Object paramMap(Object[] arguments) {
        return arguments != null && arguments.length > 1 && Reflect.isA(arguments[1], "org.apache.spark.ml.param.ParamMap") ? arguments[1] : null;
    }
}
