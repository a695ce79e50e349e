package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Smile programs under the agent: effective hyperparameters, ignored keys, data, transforms, evaluations. */
class SmileIT {

    private static final Path SMILE_DIR = Path.of(System.getProperty("runledger.smile.dir", AgentProcess.ROOT + "/test-apps/smile-apps/target"));
    /**
     * Smile's parallel RandomForest draws random numbers on whichever pool thread runs a tree, so even two
     * runs without any agent differ; with no pool workers it is reproducible. Both runs get the same flag.
     */
    private static final String SINGLE_THREADED = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0";

    private static String classPath() throws Exception {
        return AgentProcess.moduleClassPath(SMILE_DIR, "smile-apps");
    }

    private static AgentProcess.Result[] runTwice(Path dir, String main, String... args) throws Exception {
        return AgentProcess.withAndWithout(dir, classPath(), List.of(SINGLE_THREADED), main, args);
    }

    private static JsonNode input(JsonNode training, String kind) {
        for (JsonNode d : training.path("dataInputs")) {
            if (d.path("kind").asText().equals(kind)) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " input in " + training.path("dataInputs"));
    }

    @Test
    void randomForestWithPropertiesAndCrossValidation(@TempDir Path dir) throws Exception {
        Path arff = TestData.file("iris.arff");
        String out = runTwice(dir, "io.runledger.apps.smile.IrisRandomForest", arff.toString(), "OUT")[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode trainings = s.path("trainings");
        assertEquals(2, trainings.size(), "the model, then the cross-validation as one training (its folds nested)");
        JsonNode t = trainings.get(0);
        assertEquals("smile", t.path("framework").asText());
        assertEquals("3.1.1", t.path("frameworkVersion").asText());
        assertEquals("smile.classification.RandomForest", t.path("modelType").asText());
        assertEquals("fit(smile.data.formula.Formula,smile.data.DataFrame,java.util.Properties)", t.path("entryPoint").asText());
        JsonNode hp = t.path("hyperparameters");
        assertEquals("class ~ .", hp.path("formula").asText());
        assertEquals("60", hp.path("properties.smile.random_forest.trees").asText());
        assertEquals("12", hp.path("properties.smile.random_forest.max_depth").asText());
        // the values Smile really used, from the positional overload, by their real parameter names
        assertEquals(60, hp.path("effective.ntrees").asInt());
        assertEquals(12, hp.path("effective.maxDepth").asInt());
        assertEquals(5, hp.path("effective.nodeSize").asInt());
        assertEquals("GINI", hp.path("effective.rule").asText());
        assertEquals(1.0, hp.path("effective.subsample").asDouble());
        assertTrue(t.path("warnings").isEmpty(), t.path("warnings").toString());

        JsonNode frame = input(t, "dataframe");
        assertEquals(150, frame.path("rows").asInt());
        assertTrue(frame.path("details").path("schema").asText().contains("class"), frame.toString());
        assertEquals(64, frame.path("sha256").asText().length());
        String sha = TestData.sha256(arff);
        assertEquals(sha, input(t, "file").path("sha256").asText());
        assertEquals(sha, s.path("dataSources").get(0).path("sha256").asText());
        assertEquals(frame.path("sha256").asText(), input(trainings.get(0), "dataframe").path("sha256").asText());

        assertTrue(t.path("evaluations").isEmpty(), "the forest's own out-of-bag scoring is not an evaluation");
        assertEquals(19650218L, t.path("seeds").path("MathEx.setSeed").asLong(), "MathEx.setSeed, Smile's documented seed");

        JsonNode validation = trainings.get(1);
        assertEquals("smile.validation.CrossValidation", validation.path("modelType").asText());
        assertEquals(5, validation.path("hyperparameters").path("k").asInt());
        assertEquals(60, validation.path("hyperparameters").path("effective.ntrees").asInt(), "the folds' own fit parameters");
        assertEquals(5, validation.path("details").path("folds").asInt());
        assertEquals("smile.classification.RandomForest", validation.path("details").path("foldModelType").asText());
        JsonNode cv = validation.path("evaluations").get(0);
        assertEquals(1, validation.path("evaluations").size());
        assertEquals("smile.validation.CrossValidation.classification", cv.path("type").asText());
        assertEquals(Double.parseDouble(TestData.printed(out, "rf cv accuracy", "accuracy")), cv.path("metrics").path("accuracy").asDouble());
        assertEquals(5, cv.path("details").path("folds").size(), "per-fold metrics");
        double sum = 0;
        for (JsonNode fold : cv.path("details").path("folds")) {
            sum += fold.path("accuracy").asDouble();
        }
        assertEquals(cv.path("metrics").path("accuracy").asDouble(), sum / 5, 1e-12, "the aggregate is the folds' mean");
        assertEquals(1, s.path("artifacts").size(), "Write.object writes through ObjectOutputStream: one artifact");
        Path saved = Path.of(TestData.printed(out, "rf saved", "saved"));
        assertEquals(TestData.sha256(saved), s.path("artifacts").get(0).path("sha256").asText());
        assertEquals(0, s.path("artifacts").get(0).path("training").asInt());
    }

    @Test
    void standardizerThenGradientTreeBoost(@TempDir Path dir) throws Exception {
        Path arff = TestData.file("cal_housing.arff");
        String out = runTwice(dir, "io.runledger.apps.smile.CalHousingBoost", arff.toString())[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size());
        JsonNode t = s.path("trainings").get(0);
        assertEquals("smile.regression.GradientTreeBoost", t.path("modelType").asText());
        JsonNode hp = t.path("hyperparameters");
        assertEquals("medianHouseValue ~ .", hp.path("formula").asText());
        assertEquals(40, hp.path("effective.ntrees").asInt());
        assertEquals(0.1, hp.path("effective.shrinkage").asDouble());
        assertEquals(16000, input(t, "dataframe").path("rows").asInt());
        JsonNode step = t.path("featureSteps").get(0);
        assertTrue(step.path("parameters").path("fitted").asText().startsWith("Standardizer("), step.toString());
        assertTrue(step.path("parameters").path("fitted").asText().contains("medianIncome"), step.toString());
        JsonNode eval = t.path("evaluations").get(0);
        assertEquals("smile.validation.metric.RMSE.of", eval.path("type").asText());
        assertEquals(Double.parseDouble(TestData.printed(out, "gbt trees", "rmse")), eval.path("metrics").path("RMSE.of").asDouble());
        assertEquals(TestData.sha256(arff), s.path("dataSources").get(0).path("sha256").asText());
    }

    @Test
    void misspeltPropertyIsReportedWithTheNearestValidKey(@TempDir Path dir) throws Exception {
        Path csv = TestData.file("breastcancer.csv");
        AgentProcess.Result[] runs = runTwice(dir, "io.runledger.apps.smile.BreastCancerLogisticSmile", csv.toString());
        String expected = "smile: LogisticRegression.fit ignores property 'smile.logistic.lamda'";
        assertTrue(runs[1].stderr.contains("[runledger] " + expected), runs[1].stderr);
        assertEquals(1, runs[1].stderr.lines().filter(l -> l.contains(expected)).count(), "said once");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals(1, t.path("warnings").size());
        assertTrue(t.path("warnings").get(0).asText().contains("did you mean 'smile.logistic.lambda'?"), t.path("warnings").toString());
        JsonNode hp = t.path("hyperparameters");
        assertEquals("0.5", hp.path("properties.smile.logistic.lamda").asText(), "the Properties exactly as passed");
        assertEquals(0.1, hp.path("effective.lambda").asDouble(), "what Smile used instead: its default");
        assertEquals(200, hp.path("effective.maxIter").asInt());
        JsonNode matrix = input(t, "matrix");
        assertEquals("[569, 30]", matrix.path("shape").get(0).asText());
        assertEquals(569, input(t, "labels").path("rows").asInt());
        String out = runs[1].stdout;
        assertEquals(Double.parseDouble(TestData.printed(out, "logit rows", "accuracy")),
                t.path("evaluations").get(0).path("metrics").path("Accuracy.of").asDouble());
        assertEquals(TestData.sha256(csv), s.path("dataSources").get(0).path("sha256").asText());
    }

    /** Leave-one-out is one training of 150 folds; the model fitted afterwards on all rows is its own, and the one saved. */
    @Test
    void leaveOneOutIsOneTrainingAndTheFinalModelItsOwn(@TempDir Path dir) throws Exception {
        Path arff = TestData.file("iris.arff");
        String out = runTwice(dir, "io.runledger.apps.smile.IrisLoocv", arff.toString(), "OUT")[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode trainings = s.path("trainings");
        assertEquals(2, trainings.size(), trainings.toString().substring(0, Math.min(2000, trainings.toString().length())));
        JsonNode loocv = trainings.get(0);
        assertEquals("smile.validation.LOOCV", loocv.path("modelType").asText());
        assertEquals(150, loocv.path("hyperparameters").path("folds").asInt());
        assertEquals("SUCCEEDED", loocv.path("status").asText());
        JsonNode metrics = loocv.path("evaluations").get(0).path("metrics");
        assertEquals(Double.parseDouble(TestData.printed(out, "loocv accuracy", "accuracy")), metrics.path("accuracy").asDouble());
        assertEquals(Integer.parseInt(TestData.printed(out, "loocv accuracy", "error")), metrics.path("error").asInt());
        assertEquals(TestData.sha256(arff), input(loocv, "file").path("sha256").asText());
        JsonNode tree = trainings.get(1);
        assertEquals("smile.classification.DecisionTree", tree.path("modelType").asText());
        assertTrue(tree.path("evaluations").isEmpty(), "the final model was not evaluated: no figures are paired with it");
        for (JsonNode t : trainings) {
            assertEquals(19650218L, t.path("seeds").path("MathEx.setSeed").asLong(), t.path("modelType").asText());
        }
        assertEquals(1, s.path("artifacts").size());
        assertEquals(1, s.path("artifacts").get(0).path("training").asInt(), "the saved model is the final fit, not a fold");

        // select never pairs the saved tree with the leave-one-out accuracy of other models
        AgentProcess.Result select = AgentProcess.cli(dir, "select", "--dir", dir.resolve("ledger").toString(), "--metric", "accuracy", "--max");
        assertEquals(1, select.exitCode, select.toString());
    }

    /** A single hold-out validation keeps its figures in its metrics field: they are recorded as numbers. */
    @Test
    void holdOutValidationMetricsAreNumbers(@TempDir Path dir) throws Exception {
        String out = runTwice(dir, "io.runledger.apps.smile.IrisHoldout", TestData.file("iris.arff").toString())[1].stdout;
        JsonNode trainings = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings");
        JsonNode evaluation = trainings.get(trainings.size() - 1).path("evaluations").get(0);
        assertEquals("smile.validation.ClassificationValidation.of", evaluation.path("type").asText());
        assertEquals(Double.parseDouble(TestData.printed(out, "holdout accuracy", "accuracy")), evaluation.path("metrics").path("accuracy").asDouble());
        assertEquals(Integer.parseInt(TestData.printed(out, "holdout error", "error")), evaluation.path("metrics").path("error").asInt());
    }
}
