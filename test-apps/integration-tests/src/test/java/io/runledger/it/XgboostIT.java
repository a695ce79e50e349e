package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real XGBoost4J programs under the agent (the module's proof): hyperparameters as passed, every watch's
 * evaluation per round from XGBoost's own results, in-memory and file-backed DMatrix data, saved models,
 * cross-validation; identical predictions and model bytes with and without the agent.
 */
class XgboostIT {

    private static final Path XGBOOST_DIR = Path.of(System.getProperty("runledger.xgboost.dir", AgentProcess.ROOT + "/test-apps/xgboost-apps/target"));

    private static String run(Path dir, String main, String... args) throws Exception {
        return runBoth(dir, main, args)[1].stdout;   // equal to the run without the agent: withAndWithout checked every line
    }

    private static AgentProcess.Result[] runBoth(Path dir, String main, String... args) throws Exception {
        return AgentProcess.withAndWithout(dir, AgentProcess.moduleClassPath(XGBOOST_DIR, "xgboost-apps"), List.of(), main, args);
    }

    private static JsonNode series(JsonNode training, String name) {
        for (JsonNode m : training.path("metrics")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no series " + name + " in " + training.path("metrics"));
    }

    private static double printedDouble(String out, String name) {
        return Double.parseDouble(TestData.printed(out, "RESULT " + name, name));
    }

    @Test
    void regressionWithTwoWatchesAndASavedModel(@TempDir Path dir) throws Exception {
        String out = run(dir, "io.runledger.apps.xgboost.AbaloneRegression", TestData.file("abalone-train.data").toString(),
                TestData.file("abalone-test.data").toString(), "OUT");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size(), s.path("trainings").toString());
        JsonNode t = s.path("trainings").get(0);
        assertEquals("xgboost", t.path("framework").asText());
        assertEquals("3.4.0", t.path("frameworkVersion").asText());
        assertEquals("ml.dmlc.xgboost4j.java.Booster", t.path("modelType").asText());
        assertEquals("SUCCEEDED", t.path("status").asText());
        JsonNode hp = t.path("hyperparameters");
        assertEquals("reg:squarederror", hp.path("objective").asText());
        assertEquals(4, hp.path("max_depth").asInt());
        assertEquals(0.1, hp.path("eta").asDouble());
        assertEquals(30, hp.path("rounds").asInt());
        assertEquals(0, hp.path("earlyStoppingRounds").asInt());
        assertEquals("train,test", hp.path("watches").asText());
        assertFalse(hp.path("continuedFromBooster").asBoolean());
        assertEquals(7, t.path("seeds").path("seed").asInt());
        // every round of both watches, as XGBoost computed them; the last equals what the program got back
        for (String watch : new String[] {"train", "test"}) {
            JsonNode series = series(t, watch + "-rmse");
            assertEquals(30, series.path("count").asInt());
            JsonNode last = series.path("points").get(series.path("points").size() - 1);
            assertEquals(29, last.path("iteration").asInt());
            assertEquals(printedDouble(out, watch + "-rmse"), last.path("value").asDouble(), 1e-6);
        }
        // the in-memory matrices: shape, missing marker, and the fingerprint the program computed itself
        JsonNode train = t.path("dataInputs").get(0);
        assertEquals("dmatrix", train.path("kind").asText());
        assertEquals(3133, train.path("rows").asInt());
        assertEquals("[3133, 10]", train.path("shape").get(0).asText());
        assertEquals("NaN", train.path("details").path("missing").asText());
        assertEquals("train, watch train", train.path("details").path("roles").asText());
        assertEquals(TestData.printed(out, "RESULT fingerprint-train", "fingerprint-train"), train.path("sha256").asText());
        JsonNode test = t.path("dataInputs").get(1);
        assertEquals("watch test", test.path("details").path("roles").asText());
        assertEquals(TestData.printed(out, "RESULT fingerprint-test", "fingerprint-test"), test.path("sha256").asText());
        assertEquals(29, t.path("details").path("best_iteration").asInt());
        // the files the program read by hand, through the JDK hooks
        assertTrue(s.path("dataSources").toString().contains("abalone-train.data"), s.path("dataSources").toString());
        JsonNode model = s.path("artifacts").get(0);
        assertTrue(model.path("path").asText().endsWith("abalone.json"), model.toString());
        assertEquals(TestData.printed(out, "RESULT model-sha256", "model-sha256"), model.path("sha256").asText());
        assertFalse(s.path("dataSources").toString().contains("abalone.json"), "a model read back is not data");
    }

    @Test
    void classificationFromAFileBackedMatrixWithEarlyStopping(@TempDir Path dir) throws Exception {
        String out = run(dir, "io.runledger.apps.xgboost.CancerFileClassification", TestData.file("breastcancer.csv").toString(), "OUT");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals(5, t.path("hyperparameters").path("earlyStoppingRounds").asInt());
        assertEquals("binary:logistic", t.path("hyperparameters").path("objective").asText());
        // XGBoost reads the CSV natively (no JDK read): the module names it and the agent hashes it
        JsonNode input = t.path("dataInputs").get(0);
        assertEquals("file", input.path("kind").asText());
        assertTrue(input.path("uri").asText().endsWith("cancer-xgb.csv"), input.toString());
        String dataSha = TestData.printed(out, "RESULT data-sha256", "data-sha256");
        assertEquals(dataSha, input.path("sha256").asText());
        assertEquals(569, input.path("rows").asInt());
        assertTrue(s.path("dataSources").toString().contains(dataSha), s.path("dataSources").toString());
        assertEquals(20, series(t, "train-logloss").path("count").asInt());
        // the program's own evalSet after training is an evaluation of the booster, not a round
        JsonNode evaluation = t.path("evaluations").get(0);
        assertEquals("Booster.evalSet", evaluation.path("type").asText());
        assertTrue(out.contains("train-logloss:" + evaluation.path("metrics").path("train-logloss").asText()), out);
        JsonNode model = s.path("artifacts").get(0);
        assertTrue(model.path("path").asText().endsWith("cancer.ubj"), "saved through a stream: " + model);
        assertEquals(TestData.printed(out, "RESULT model-sha256", "model-sha256"), model.path("sha256").asText());
        // Files.write(path, booster.toByteArray()): the file holding the booster's bytes is its model too
        assertEquals(2, s.path("artifacts").size(), s.path("artifacts").toString());
        JsonNode bytes = s.path("artifacts").get(1);
        assertTrue(bytes.path("path").asText().endsWith("cancer-bytes.ubj"), bytes.toString());
        assertEquals(TestData.printed(out, "RESULT bytes-sha256", "bytes-sha256"), bytes.path("sha256").asText());
        assertEquals(0, bytes.path("training").asInt(), "the training whose booster it is: " + bytes);
        assertEquals("model", bytes.path("kind").asText(), bytes.toString());
    }

    @Test
    void crossValidationIsOneTrainingWithItsPerRoundHistory(@TempDir Path dir) throws Exception {
        AgentProcess.Result withAgent = runBoth(dir, "io.runledger.apps.xgboost.AbaloneRegression",
                TestData.file("abalone-train.data").toString(), TestData.file("abalone-test.data").toString(), "OUT", "cv")[1];
        String out = withAgent.stderr;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size(), "one training, not one per fold");
        JsonNode t = s.path("trainings").get(0);
        assertTrue(t.path("entryPoint").asText().startsWith("crossValidation("), t.path("entryPoint").asText());
        assertEquals(3, t.path("hyperparameters").path("nfold").asInt());
        assertEquals(10, t.path("hyperparameters").path("rounds").asInt());
        JsonNode test = series(t, "cv-test-rmse");
        assertEquals(10, test.path("count").asInt());
        assertTrue(out.contains("cv-test-rmse:" + String.format("%.6f", test.path("points").get(9).path("value").asDouble())), out);
        for (JsonNode m : t.path("metrics")) {
            assertTrue(m.path("name").asText().startsWith("cv-"), "the folds' own evaluations are not rounds: " + m.path("name"));
        }
    }
}
