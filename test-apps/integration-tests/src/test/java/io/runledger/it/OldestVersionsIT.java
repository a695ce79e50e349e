package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's version matrix, oldest side: the same programs (or, for Tribuo 4.2, one written as 4.2 users
 * do) built against the oldest tested release of each framework, run with and without the agent. The
 * newest side is the per-framework ITs (DL4J 1.0.0-M2.1, Tribuo 4.3.2, XGBoost4J 3.4.0).
 */
class OldestVersionsIT {

    private static String classPath(String module) throws Exception {
        return AgentProcess.moduleClassPath(AgentProcess.ROOT.resolve("test-apps").resolve(module).resolve("target"), module);
    }

    private static JsonNode onlyTraining(Path dir) throws Exception {
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size(), s.path("trainings").toString());
        return s.path("trainings").get(0);
    }

    @Test
    void dl4jOneZeroZeroBeta7(@TempDir Path root) throws Exception {
        Path dir = root.resolve("iris");
        AgentProcess.Result[] runs = AgentProcess.withAndWithout(dir, classPath("dl4j-oldest"), List.of(),
                "io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), "OUT", "10");
        assertEquals(TestData.zipContents(dir.resolve("plain/out/iris-model.zip")), TestData.zipContents(dir.resolve("agent/out/iris-model.zip")),
                "the same model with and without the agent");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals("1.0.0-beta7", t.path("frameworkVersion").asText());
        assertEquals(123, t.path("hyperparameters").path("seed").asInt());
        assertEquals(10, t.path("hyperparameters").path("epochsRequested").asInt());
        assertEquals(Double.parseDouble(TestData.printed(runs[1].stdout, "iris accuracy", "accuracy")),
                t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble(), 1e-9);
        assertEquals(TestData.sha256(TestData.file("iris.txt")), s.path("dataSources").get(0).path("sha256").asText());
        assertEquals(TestData.sha256(dir.resolve("agent/out/iris-model.zip")), s.path("artifacts").get(0).path("sha256").asText());
        assertTrue(t.path("warnings").isEmpty(), "inside the tested range: " + t.path("warnings"));
        assertTrue(!runs[1].stderr.contains("[runledger]"), runs[1].stderr);

        Path loop = root.resolve("loop");
        String out = AgentProcess.withAndWithout(loop, classPath("dl4j-oldest"), List.of(), "io.runledger.apps.dl4j.FitLoop",
                TestData.file("iris.txt").toString(), "OUT", "50")[1].stdout;
        JsonNode l = onlyTraining(loop);
        assertEquals(50, l.path("fitCalls").asInt());
        assertEquals(Double.parseDouble(TestData.printed(out, "loop accuracy", "accuracy")),
                l.path("evaluations").get(0).path("metrics").path("accuracy").asDouble(), 1e-12, "eval.eval by hand, on beta7 too");
        assertEquals(7, l.path("seeds").path("Nd4j.getRandom().setSeed").asInt());
        JsonNode conf = new ObjectMapper().readTree(l.path("details").path("configuration").asText());
        assertEquals(0, conf.path("iterationCount").asInt(-1), "beta7's configuration copied as the training started, too");
    }

    @Test
    void tribuoFourTwoZero(@TempDir Path dir) throws Exception {
        String out = AgentProcess.withAndWithout(dir, classPath("tribuo-oldest"), List.of(), "io.runledger.apps.tribuo42.CancerLogistic",
                TestData.file("breastcancer.csv").toString(), "OUT")[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals("4.2.0", t.path("frameworkVersion").asText());
        assertEquals("org.tribuo.classification.sgd.linear.LogisticRegressionTrainer", t.path("modelType").asText());
        assertEquals(12345, t.path("hyperparameters").path("seed").asInt());
        assertEquals(Double.parseDouble(TestData.printed(out, "cancer42 accuracy", "accuracy")),
                t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble());
        assertEquals("test", t.path("evaluations").get(0).path("details").path("data").path("split").asText());
        Path saved = Path.of(TestData.printed(out, "cancer42 saved", "saved"));
        assertEquals(TestData.sha256(saved), s.path("artifacts").get(0).path("sha256").asText(), "saved with Java serialization, as 4.2 does");
        assertTrue(t.path("warnings").isEmpty(), t.path("warnings").toString());
    }

    @Test
    void xgboostTwoZeroThree(@TempDir Path dir) throws Exception {
        String out = AgentProcess.withAndWithout(dir, classPath("xgboost-oldest"), List.of(), "io.runledger.apps.xgboost.AbaloneRegression",
                TestData.file("abalone-train.data").toString(), TestData.file("abalone-test.data").toString(), "OUT")[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals("2.0.3", t.path("frameworkVersion").asText());
        assertEquals(4, t.path("hyperparameters").path("max_depth").asInt());
        assertEquals(30, t.path("hyperparameters").path("rounds").asInt());
        boolean found = false;
        for (JsonNode m : t.path("metrics")) {
            if (m.path("name").asText().equals("test-rmse")) {
                found = true;
                assertEquals(30, m.path("count").asInt());
                assertEquals(Double.parseDouble(TestData.printed(out, "RESULT test-rmse", "test-rmse")),
                        m.path("points").get(m.path("points").size() - 1).path("value").asDouble(), 1e-6);
            }
        }
        assertTrue(found, t.path("metrics").toString());
        assertEquals(1, s.path("artifacts").size(), s.path("artifacts").toString());
        assertTrue(t.path("warnings").isEmpty(), t.path("warnings").toString());
    }
}
