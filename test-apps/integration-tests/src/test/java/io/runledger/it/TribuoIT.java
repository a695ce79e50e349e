package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Tribuo programs under the agent: trainer settings, data, transformations, evaluations, saved models. */
class TribuoIT {

    private static final Path TRIBUO_DIR = Path.of(System.getProperty("runledger.tribuo.dir", AgentProcess.ROOT + "/test-apps/tribuo-apps/target"));

    private static String classPath() throws Exception {
        return AgentProcess.moduleClassPath(TRIBUO_DIR, "tribuo-apps");
    }

    /** Without and with the agent: identical evaluation figures and model provenance (printed by the app). */
    private static String runTwice(Path dir, String main, String... args) throws Exception {
        return AgentProcess.withAndWithout(dir, classPath(), List.of(), main, args)[1].stdout;
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
    void logisticRegressionOnBreastCancer(@TempDir Path dir) throws Exception {
        Path data = TestData.file("breastcancer.csv");
        String out = runTwice(dir, "io.runledger.apps.tribuo.BreastCancerLogistic", data.toString(), "OUT");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size());
        JsonNode t = s.path("trainings").get(0);
        assertEquals("tribuo", t.path("framework").asText());
        assertEquals("4.3.2", t.path("frameworkVersion").asText());
        assertEquals("org.tribuo.classification.sgd.linear.LogisticRegressionTrainer", t.path("modelType").asText());
        JsonNode hp = t.path("hyperparameters");
        // every trainer field as Tribuo's provenance states it, as the app printed it
        for (String field : new String[] {"seed", "epochs", "minibatchSize", "loggingInterval", "shuffle", "train-invocation-count"}) {
            assertEquals(TestData.printed(out, "cancer trainer " + field, field), hp.path(field).asText(), field);
        }
        assertEquals("org.tribuo.math.optimisers.AdaGrad", hp.path("optimiser.class-name").asText());
        assertEquals(1.0, hp.path("optimiser.initialLearningRate").asDouble());
        assertEquals("org.tribuo.classification.sgd.objectives.LogMulticlass", hp.path("objective.class-name").asText());
        assertEquals(0, hp.path("invocationCount").asInt());
        assertEquals(12345, t.path("seeds").path("seed").asInt());

        JsonNode dataset = input(t, "dataset");
        assertEquals(Integer.parseInt(TestData.printed(out, "cancer train", "train")), dataset.path("rows").asInt());
        assertEquals(30, dataset.path("details").path("features").asInt());
        JsonNode domain = dataset.path("details").path("outputDomain");
        assertEquals(dataset.path("rows").asInt(), domain.path("B").asInt() + domain.path("M").asInt());
        assertTrue(dataset.path("details").path("provenance").toString().contains("FieldResponseProcessor"));
        String sha = TestData.sha256(data);
        JsonNode file = input(t, "file");
        assertEquals(data.toUri().toString(), file.path("uri").asText());
        assertEquals(sha, file.path("sha256").asText());
        assertEquals(sha, file.path("frameworkSha256").asText());
        assertTrue(t.path("warnings").isEmpty(), t.path("warnings").toString());
        assertEquals(sha, s.path("dataSources").get(0).path("sha256").asText());

        JsonNode eval = t.path("evaluations").get(0);
        assertEquals(1, t.path("evaluations").size());
        assertEquals(Double.parseDouble(TestData.printed(out, "cancer accuracy", "accuracy")), eval.path("metrics").path("accuracy").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "cancer macroF1", "macroF1")), eval.path("metrics").path("macroAveragedF1").asDouble());
        // Tribuo's own printing of the evaluation, made on the agent's thread after the program moved on
        String printedMatrix = out.lines().filter(l -> l.startsWith("cancer confusion ")).findFirst().orElseThrow().substring(17);
        assertTrue(printedMatrix.contains("53"), printedMatrix);
        assertEquals(printedMatrix,
                eval.path("details").path("confusionMatrix").asText().trim().replaceAll("\\s+", " "));
        String report = eval.path("details").path("report").asText();
        assertTrue(report.contains("recall") && report.contains("prec") && report.lines().count() >= 3, report);
        assertTrue(eval.path("details").path("provenance").path("dataset-provenance.class-name").isTextual(),
                "the evaluated dataset's provenance: " + eval.path("details").path("provenance"));
        // the evaluated model is the one trained: its provenance is named by the hash the training records, not repeated
        assertEquals(t.path("details").path("tribuoModelProvenanceSha256").asText(), eval.path("details").path("modelProvenanceSha256").asText());
        eval.path("details").path("provenance").fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("model-provenance."), k));
        assertEquals("test", eval.path("details").path("data").path("split").asText(), "TrainTestSplitter's test side");
        assertFalse(eval.path("details").path("data").path("trainingData").asBoolean());

        assertEquals("org.tribuo.classification.sgd.linear.LinearSGDModel", t.path("details").path("modelClass").asText());
        assertTrue(t.path("details").path("tribuoModelProvenance").path("trainer.seed").isNumber());
        // the model's dataset part is the training's data input: named by that input's hash, not written twice
        assertEquals(dataset.path("details").path("provenanceSha256").asText(),
                t.path("details").path("tribuoModelDatasetProvenanceSha256").asText());
        t.path("details").path("tribuoModelProvenance").fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("dataset."), k));
        assertEquals(64, t.path("details").path("tribuoModelProvenanceSha256").asText().length());

        assertEquals(1, s.path("artifacts").size(), "serializeToFile writes through serializeToStream: one artifact");
        Path saved = Path.of(TestData.printed(out, "cancer saved", "saved"));
        assertEquals(saved.toString(), s.path("artifacts").get(0).path("path").asText());
        assertEquals(TestData.sha256(saved), s.path("artifacts").get(0).path("sha256").asText());
        assertEquals(1, s.path("dataSources").size(), "the model read back with deserializeFromFile is this run's artifact, not data: "
                + s.path("dataSources"));
    }

    @Test
    void aDataFileChangedAfterLoadingIsFlagged(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(TestData.file("breastcancer.csv"), dir.resolve("breastcancer.csv"));
        Path classes = dir.resolve("classes.log");
        AgentProcess.Result r = app("io.runledger.apps.tribuo.BreastCancerLogistic", copy.toString(), dir.resolve("out").toString(), "modify")
                .classPath(classPath()).in(dir).jvmArg("-Xlog:class+load=info:file=" + classes)
                .jvmArg("-Duser.home=" + Files.createDirectories(dir.resolve("home")))   // a cold start: ByteBuddy weaves
                .agentArgs("dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        // only the module whose framework loaded is armed: no other module's matchers or advice in this JVM
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains(" io.runledger.instrument.tribuo.TribuoInstrumentation "), "Tribuo armed");
        for (String other : new String[] {"dl4j.Dl4jInstrumentation", "smile.SmileInstrumentation", "xgboost.XgboostInstrumentation",
            "dl4j.Dl4jAdvice", "smile.SmileAdvice", "xgboost.XgboostAdvice"}) {
            assertTrue(!loaded.contains(" io.runledger.instrument." + other), other + " loaded in a Tribuo JVM");
        }
        JsonNode t = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings").get(0);
        assertEquals(1, t.path("warnings").size(), t.toString());
        assertTrue(t.path("warnings").get(0).asText().contains("changed between loading and training"), t.path("warnings").toString());
        assertEquals(TestData.sha256(copy), input(t, "file").path("sha256").asText());
    }

    /**
     * Issue 19: the second start of the same job defines the woven Tribuo classes from the cache, loads no
     * ByteBuddy class at all, and records the same training; the first, cold start wove them with ByteBuddy.
     * Both print what the program prints without the agent, and neither loads Jackson's databind. A third
     * start with the application's jar rebuilt (another file, another time) is warm too: Tribuo's classes are
     * woven by their own bytes, whatever else is on the class path.
     */
    @Test
    void aWarmStartLoadsNoByteBuddyAndRecordsTheSame(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String data = TestData.file("breastcancer.csv").toString();
        AgentProcess.Result plain = app("io.runledger.apps.tribuo.BreastCancerLogistic", data, dir.resolve("out").toString())
                .classPath(classPath()).in(dir).withoutAgent().run();
        String appJar = TRIBUO_DIR.resolve("tribuo-apps-0.1.0-SNAPSHOT.jar").toString();
        Path rebuilt = Files.copy(Paths.get(appJar), dir.resolve("tribuo-apps-rebuilt.jar"));
        assertTrue(rebuilt.toFile().setLastModified(System.currentTimeMillis() + 60_000));
        List<JsonNode> trainings = new ArrayList<>();
        for (String start : new String[] {"cold", "warm", "rebuilt"}) {
            Path classes = dir.resolve(start + ".classes");
            Path ledger = dir.resolve("ledger-" + start);
            String cp = start.equals("rebuilt") ? classPath().replace(appJar, rebuilt.toString()) : classPath();
            assertTrue(start.equals("rebuilt") != cp.equals(classPath()), cp);
            AgentProcess.Result r = app("io.runledger.apps.tribuo.BreastCancerLogistic", data, dir.resolve("out").toString())
                    .classPath(cp).in(dir).jvmArg("-Xlog:class+load=info:file=" + classes).jvmArg("-Duser.home=" + home)
                    .agentArgs("dir=" + ledger).run();
            assertEquals(0, r.exitCode, r.toString());
            assertEquals(plain.stdout, r.stdout, start + ": the agent must not change what the training prints");
            long byteBuddy = Files.readAllLines(classes).stream().filter(l -> l.contains(" net.bytebuddy.")).count();
            if (start.equals("cold")) {
                assertTrue(byteBuddy > 100, "the cold start weaves with ByteBuddy: " + byteBuddy);
            } else {
                assertEquals(0, byteBuddy, start + ": a warm start loads no ByteBuddy class");
            }
            // the snapshot, the ledger line and the model statement are written with jackson-core alone
            List<String> databind = Files.readAllLines(classes).stream().filter(l -> l.contains(" com.fasterxml.jackson.databind."))
                    .collect(java.util.stream.Collectors.toList());
            assertEquals(List.of(), databind, start + ": the training JVM builds no ObjectMapper");
            // a class whose loading discards the program's compiled code (a map subclass, a finalizer) is not the agent's doing
            List<String> deoptimizing = Files.readAllLines(classes).stream()
                    .filter(l -> l.contains(" com.fasterxml.jackson.core.util.InternCache ") || l.contains(" java.util.concurrent.Executors$FinalizableDelegatedExecutorService "))
                    .collect(java.util.stream.Collectors.toList());
            assertEquals(List.of(), deoptimizing, start + ": classes that invalidate compiled code");
            JsonNode t = Ledgers.onlySnapshot(ledger).path("trainings").get(0);
            com.fasterxml.jackson.databind.node.ObjectNode kept = Ledgers.JSON.createObjectNode();   // what a run's record says, times aside
            for (String field : new String[] {"modelType", "entryPoint", "frameworkVersion", "hyperparameters", "seeds", "status"}) {
                kept.set(field, t.path(field));
            }
            for (JsonNode e : t.path("evaluations")) {
                kept.withArray("evaluations").add(e.path("metrics"));
            }
            for (JsonNode m : t.path("metrics")) {
                kept.withArray("metrics").add(m.path("name").asText() + " " + m.path("count").asLong() + " " + m.path("points").findValuesAsText("value"));
            }
            trainings.add(kept);
        }
        assertTrue(Files.list(home.resolve(".cache/runledger/woven")).anyMatch(f -> f.getFileName().toString().startsWith("org.tribuo.")),
                "woven classes are kept under the user's cache");
        assertEquals(trainings.get(0), trainings.get(1), "the warm start records the same training");
        assertEquals(trainings.get(0), trainings.get(2), "the start with the rebuilt jar records the same training");

        // another job on the same class path: some classes come from the cache, others (TransformTrainer) are woven now;
        // their call-depth counters must agree, or the wrapped trainer's train() becomes a second training
        Path ledger = dir.resolve("ledger-mixed");
        AgentProcess.Result mixed = app("io.runledger.apps.tribuo.AbaloneTransformRegression", TestData.file("abalone-train.data").toString(),
                TestData.file("abalone-test.data").toString(), dir.resolve("out2").toString())
                .classPath(classPath()).in(dir).jvmArg("-Duser.home=" + home).agentArgs("dir=" + ledger).run();
        assertEquals(0, mixed.exitCode, mixed.toString());
        assertEquals(1, Ledgers.onlySnapshot(ledger).path("trainings").size(), "the wrapped trainer's train() is nested in a half-cached JVM");
        assertEquals("org.tribuo.classification.sgd.linear.LogisticRegressionTrainer", trainings.get(1).path("modelType").asText());
        assertTrue(trainings.get(1).path("evaluations").size() > 0 && trainings.get(1).path("hyperparameters").size() > 5, trainings.get(1).toString());
    }

    @Test
    void transformTrainerRegressionOnAbalone(@TempDir Path dir) throws Exception {
        Path train = TestData.file("abalone-train.data");
        Path test = TestData.file("abalone-test.data");
        String out = runTwice(dir, "io.runledger.apps.tribuo.AbaloneTransformRegression", train.toString(), test.toString(), "OUT");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(1, s.path("trainings").size(), "the wrapped trainer's own train() is nested, not a second training");
        JsonNode t = s.path("trainings").get(0);
        assertEquals("org.tribuo.transform.TransformTrainer", t.path("modelType").asText());
        assertEquals("org.tribuo.regression.sgd.linear.LinearSGDTrainer", t.path("details").path("wrappedTrainer").asText());
        JsonNode hp = t.path("hyperparameters");
        assertEquals(42, hp.path("innerTrainer.seed").asInt());
        assertEquals(5, hp.path("innerTrainer.epochs").asInt());
        assertEquals(0.1, hp.path("innerTrainer.optimiser.initialLearningRate").asDouble());
        assertEquals("org.tribuo.regression.sgd.objectives.SquaredLoss", hp.path("innerTrainer.objective.class-name").asText());
        assertTrue(hp.toString().contains("MeanStdDevTransformation"), hp.toString());

        JsonNode step = t.path("featureSteps").get(0);
        assertEquals("TransformerMap", step.path("type").asText());
        assertTrue(step.path("parameters").path("fitted").asText().contains("diameter=[MeanStdDevTransformer(observedMean="));

        // The loss Tribuo only logs ("At iteration N, average loss = X"), every 1,000 of 5 x 3,133 steps.
        JsonNode loss = t.path("metrics").get(0);
        assertEquals("score", loss.path("name").asText());
        assertEquals(15, loss.path("count").asInt());
        assertEquals(1000, loss.path("points").get(0).path("iteration").asInt());

        JsonNode eval = t.path("evaluations").get(0);
        assertEquals(Double.parseDouble(TestData.printed(out, "abalone rmse", "rmse")), eval.path("metrics").path("averageRMSE").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "abalone r2", "r2")), eval.path("metrics").path("averageR2").asDouble());
        List<String> sources = new ArrayList<>();
        for (JsonNode d : s.path("dataSources")) {
            sources.add(d.path("uri").asText());
            assertEquals(TestData.sha256(Path.of(java.net.URI.create(d.path("uri").asText()))), d.path("sha256").asText());
        }
        assertEquals(List.of(train.toUri().toString(), test.toUri().toString()), sources, "training file, then the evaluated one");
        assertEquals(TestData.sha256(Path.of(TestData.printed(out, "abalone saved", "saved"))), s.path("artifacts").get(0).path("sha256").asText());
    }

    @Test
    void gridSearchGivesOneTrainingPerModelInOrder(@TempDir Path dir) throws Exception {
        String out = runTwice(dir, "io.runledger.apps.tribuo.IrisGridSearch", TestData.file("iris.txt").toString(), "OUT");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode trainings = s.path("trainings");
        assertEquals(5, trainings.size());
        double[] rates = {0.01, 0.05, 0.1, 0.5, 1.0};
        for (int i = 0; i < 5; i++) {
            JsonNode t = trainings.get(i);
            assertEquals(i, t.path("index").asInt());
            assertEquals(rates[i], t.path("hyperparameters").path("optimiser.initialLearningRate").asDouble());
            assertEquals(Double.parseDouble(TestData.printed(out, "grid lr " + rates[i] + " ", "accuracy")),
                    t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble());
        }
        // serializeToFile, then plain Java serialization of the same (best) model; the string written after it is no model
        assertEquals(2, s.path("artifacts").size(), s.path("artifacts").toString());
        int bestIndex = s.path("artifacts").get(0).path("training").asInt();
        assertEquals(Double.parseDouble(TestData.printed(out, "grid best", "best")),
                trainings.get(bestIndex).path("evaluations").get(0).path("metrics").path("accuracy").asDouble());
        assertEquals(TestData.sha256(Path.of(TestData.printed(out, "grid best", "saved"))), s.path("artifacts").get(0).path("sha256").asText());
        Path javaFile = Path.of(TestData.printed(out, "grid serialized", "serialized"));
        assertEquals(javaFile.toString(), s.path("artifacts").get(1).path("path").asText());
        assertEquals(TestData.sha256(javaFile), s.path("artifacts").get(1).path("sha256").asText());
        assertEquals(bestIndex, s.path("artifacts").get(1).path("training").asInt());
    }

    /** The clustering and anomaly tutorials: every figure a number, and the train-set and test-set evaluations told apart. */
    @Test
    void clusteringAndAnomalyEvaluationsAreNumbersAndSayWhatDataTheyRanOn(@TempDir Path dir) throws Exception {
        String out = runTwice(dir, "io.runledger.apps.tribuo.ClusteringAndAnomaly");
        JsonNode trainings = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings");
        assertEquals(2, trainings.size());
        JsonNode kmeans = trainings.get(0);
        assertEquals("org.tribuo.clustering.kmeans.KMeansTrainer", kmeans.path("modelType").asText());
        assertEquals(2, kmeans.path("evaluations").size());
        JsonNode onTrain = kmeans.path("evaluations").get(0);
        JsonNode onTest = kmeans.path("evaluations").get(1);
        assertEquals(Double.parseDouble(TestData.printed(out, "kmeans train", "normalizedMI")), onTrain.path("metrics").path("normalizedMI").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "kmeans train", "adjustedMI")), onTrain.path("metrics").path("adjustedMI").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "kmeans test", "normalizedMI")), onTest.path("metrics").path("normalizedMI").asDouble());
        assertEquals(500, onTrain.path("details").path("data").path("rows").asInt());
        assertTrue(onTrain.path("details").path("data").path("trainingData").asBoolean(), onTrain.path("details").path("data").toString());
        assertFalse(onTest.path("details").path("data").path("trainingData").asBoolean(), onTest.path("details").path("data").toString());
        assertEquals(input(kmeans, "dataset").path("details").path("provenanceSha256").asText(),
                onTrain.path("details").path("data").path("provenanceSha256").asText());

        JsonNode svm = trainings.get(1);
        assertEquals("org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer", svm.path("modelType").asText());
        JsonNode anomaly = svm.path("evaluations").get(0).path("metrics");
        assertEquals(Double.parseDouble(TestData.printed(out, "anomaly", "precision")), anomaly.path("precision").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "anomaly", "recall")), anomaly.path("recall").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "anomaly", "f1")), anomaly.path("f1").asDouble());
        assertEquals(Long.parseLong(TestData.printed(out, "anomaly", "tp")), anomaly.path("truePositives").asLong());
        assertEquals(Long.parseLong(TestData.printed(out, "anomaly", "fp")), anomaly.path("falsePositives").asLong());
    }
}
