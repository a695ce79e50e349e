package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real DL4J training programs under the agent: the snapshot says what they did, and they do exactly the same. */
class Dl4jIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));

    private static String classPath() throws Exception {
        return AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps");
    }

    private static AgentProcess.Result[] runTwice(Path dir, String main, String... args) throws Exception {
        return AgentProcess.withAndWithout(dir, classPath(), List.of(), main, args);
    }

    private static JsonNode metric(JsonNode training, String name) {
        for (JsonNode m : training.path("metrics")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + training.path("metrics"));
    }

    private static List<String> iterationScores(String stdout, String tag) {
        List<String> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith(tag + " iteration ")) {
                out.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return out;
    }

    @Test
    void irisClassifier(@TempDir Path dir) throws Exception {
        Path iris = TestData.file("iris.txt");
        AgentProcess.Result[] runs = runTwice(dir, "io.runledger.apps.dl4j.IrisClassifier", iris.toString(), "OUT", "20");
        String out = runs[1].stdout;
        // Same seed, same model: identical content in every entry of the model zip.
        assertEquals(TestData.zipContents(dir.resolve("plain/out/iris-model.zip")), TestData.zipContents(dir.resolve("agent/out/iris-model.zip")));

        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals("SUCCEEDED", s.path("run").path("status").asText());
        assertEquals(1, s.path("trainings").size());
        JsonNode t = s.path("trainings").get(0);
        assertEquals("dl4j", t.path("framework").asText());
        assertEquals("1.0.0-M2.1", t.path("frameworkVersion").asText());
        assertEquals("org.deeplearning4j.nn.multilayer.MultiLayerNetwork", t.path("modelType").asText());
        assertEquals("fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator,int)", t.path("entryPoint").asText());
        assertEquals("SUCCEEDED", t.path("status").asText());

        JsonNode hp = t.path("hyperparameters");
        assertEquals(123, hp.path("seed").asInt());
        assertEquals(123, t.path("seeds").path("seed").asInt());
        assertEquals(20, hp.path("epochsRequested").asInt());
        assertEquals("STOCHASTIC_GRADIENT_DESCENT", hp.path("optimizationAlgo").asText());
        assertEquals("DenseLayer", hp.path("layers.0").asText());
        assertEquals(4, hp.path("layers.0.nin").asInt());
        assertEquals(8, hp.path("layers.0.nout").asInt());
        assertEquals("ActivationTanH", hp.path("layers.0.activationFn").asText());
        assertEquals("WeightInitXavier", hp.path("layers.0.weightInitFn").asText());
        assertEquals("Nesterovs", hp.path("layers.0.iupdater").asText());
        assertEquals(0.05, hp.path("layers.0.iupdater.learningRate").asDouble());
        assertEquals(0.9, hp.path("layers.0.iupdater.momentum").asDouble());
        assertEquals(1e-4, hp.path("layers.0.regularization.0.l2.value").asDouble());
        assertEquals(0.9, hp.path("layers.1.idropout.p").asDouble());
        assertEquals("LossNegativeLogLikelihood", hp.path("layers.2.lossFn").asText());
        assertEquals("ActivationSoftmax", hp.path("layers.2.activationFn").asText());
        assertEquals(TestData.printed(out, "iris learningRate", "params"), t.path("details").path("numParams").asText());
        assertTrue(t.path("details").path("configuration").asText().contains("\"seed\" : 123"));
        assertEquals("CPU", t.path("details").path("backend").path("nd4j.backend").asText());
        assertFalse(t.path("details").path("backend").path("nd4j.blas.vendor").asText().isEmpty());

        // Data: the file the record reader read, with our own hash of it, once despite every reset().
        String irisSha = TestData.sha256(iris);
        assertEquals(1, s.path("dataSources").size());
        assertEquals(iris.toUri().toString(), s.path("dataSources").get(0).path("uri").asText());
        assertEquals(irisSha, s.path("dataSources").get(0).path("sha256").asText());
        JsonNode inputs = t.path("dataInputs");
        assertEquals("iterator", inputs.get(0).path("kind").asText());
        assertEquals(10, inputs.get(0).path("details").path("batchSize").asInt());
        assertEquals(irisSha, inputs.get(1).path("sha256").asText());

        // Feature step: the fitted normalizer's statistics.
        JsonNode step = t.path("featureSteps").get(0);
        assertEquals("NormalizerStandardize", step.path("type").asText());
        assertEquals(4, step.path("parameters").path("mean").size());
        assertEquals(5.8433, step.path("parameters").path("mean").get(0).asDouble(), 1e-3);

        // Loss per iteration and per epoch, matching what the app's own listener printed.
        List<String> printedScores = iterationScores(out, "iris");
        JsonNode scores = metric(t, "score");
        assertEquals(Integer.parseInt(TestData.printed(out, "iris iterations", "iterations")), scores.path("count").asInt());
        assertEquals(printedScores.size(), scores.path("count").asInt());
        assertEquals(printedScores.size(), scores.path("points").size());
        JsonNode last = scores.path("points").get(scores.path("points").size() - 1);
        assertEquals(Double.parseDouble(TestData.printed(out, "iris iterations", "finalScore")), last.path("value").asDouble());
        assertEquals(Double.parseDouble(printedScores.get(0)), scores.path("points").get(0).path("value").asDouble());
        assertEquals(20, metric(t, "score.epoch").path("count").asInt());

        JsonNode eval = t.path("evaluations").get(0);
        assertEquals("Evaluation", eval.path("type").asText());
        assertEquals(Double.parseDouble(TestData.printed(out, "iris accuracy", "accuracy")), eval.path("metrics").path("accuracy").asDouble());
        assertTrue(eval.path("details").path("confusionMatrix").asText().contains("0  1  2"));

        // Model files: the written one with its hash; the failed one recorded as failed, its exception untouched.
        Path model = Path.of(TestData.printed(out, "iris model", "model"));
        JsonNode written = s.path("artifacts").get(0);
        assertEquals(model.toString(), written.path("path").asText());
        assertEquals(TestData.sha256(model), written.path("sha256").asText());
        assertEquals("WRITTEN", written.path("status").asText());
        assertEquals(0, written.path("training").asInt());
        JsonNode failed = s.path("artifacts").get(1);
        assertEquals("FAILED", failed.path("status").asText());
        assertTrue(out.contains("iris normalizer-save failed: java.io.IOException: flush() failed: stream is closed"), out);
        assertEquals("java.io.IOException: flush() failed: stream is closed", failed.path("error").asText());
    }

    @Test
    void computationGraphRegressionWithTransformProcess(@TempDir Path dir) throws Exception {
        Path train = TestData.file("abalone-train.data");
        Path test = TestData.file("abalone-test.data");
        AgentProcess.Result[] runs = AgentProcess.withAndWithout(dir, classPath(),
                List.of("-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log")), "io.runledger.apps.dl4j.AbaloneGraph",
                train.toString(), test.toString(), "OUT", "2");
        String out = runs[1].stdout;
        assertEquals(TestData.zipContents(dir.resolve("plain/out/abalone-graph.zip")), TestData.zipContents(dir.resolve("agent/out/abalone-graph.zip")));
        // DL4J's configuration and TransformProcess JSON are read with jackson-core alone: no ObjectMapper in the training JVM
        List<Path> logs;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("classes-")).collect(java.util.stream.Collectors.toList());
        }
        assertEquals(2, logs.size(), logs.toString());
        for (Path log : logs) {
            assertTrue(Files.readAllLines(log).stream().noneMatch(l -> l.contains(" com.fasterxml.jackson.databind.")), log.toString());
        }
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode t = s.path("trainings").get(0);
        assertEquals(1, s.path("trainings").size());
        assertEquals("org.deeplearning4j.nn.graph.ComputationGraph", t.path("modelType").asText());
        JsonNode hp = t.path("hyperparameters");
        assertEquals(42, hp.path("seed").asInt());
        assertEquals(2, hp.path("epochsRequested").asInt());
        assertEquals(16, hp.path("vertices.hidden.nout").asInt());
        assertEquals("ActivationReLU", hp.path("vertices.hidden.activationFn").asText());
        assertEquals("Adam", hp.path("vertices.hidden.iupdater").asText());
        assertEquals(0.01, hp.path("vertices.hidden.iupdater.learningRate").asDouble());
        assertEquals("LossMSE", hp.path("vertices.out.lossFn").asText());
        JsonNode graphConf = new ObjectMapper().readTree(t.path("details").path("configuration").asText());
        assertEquals(0, graphConf.path("iterationCount").asInt(-1), "the graph's configuration copied as its training started");
        assertEquals(0, graphConf.path("epochCount").asInt(-1));

        // Both files read (train and test), hashed; the transform and the scaler as feature steps.
        List<String> uris = new ArrayList<>();
        for (JsonNode d : s.path("dataSources")) {
            uris.add(d.path("uri").asText());
            assertEquals(TestData.sha256(Path.of(java.net.URI.create(d.path("uri").asText()))), d.path("sha256").asText());
        }
        assertEquals(List.of(train.toUri().toString(), test.toUri().toString()), uris);
        List<String> stepTypes = new ArrayList<>();
        for (JsonNode step : t.path("featureSteps")) {
            stepTypes.add(step.path("type").asText());
        }
        assertTrue(stepTypes.contains("TransformProcess") && stepTypes.contains("NormalizerMinMaxScaler"), stepTypes.toString());
        String transform = t.path("featureSteps").toString();
        assertTrue(transform.contains("CategoricalToOneHotTransform"), transform);

        JsonNode scores = metric(t, "score");
        assertEquals(Integer.parseInt(TestData.printed(out, "abalone iterations", "iterations")), scores.path("count").asInt());
        JsonNode eval = t.path("evaluations").get(0);
        assertEquals("RegressionEvaluation", eval.path("type").asText());
        assertEquals(Double.parseDouble(TestData.printed(out, "abalone mse", "mse")), eval.path("metrics").path("mse").asDouble());
        assertEquals(Double.parseDouble(TestData.printed(out, "abalone r2", "r2")), eval.path("metrics").path("r2").asDouble());

        // save(File) calls writeModel inside: one artifact, not two.
        assertEquals(1, s.path("artifacts").size());
        Path model = Path.of(TestData.printed(out, "abalone model", "model"));
        assertEquals(TestData.sha256(model), s.path("artifacts").get(0).path("sha256").asText());
    }

    @Test
    void twoNetworksInOneJvmAreTwoTrainingsInOrder(@TempDir Path dir) throws Exception {
        Path iris = TestData.file("iris.txt");
        AgentProcess.Result[] runs = runTwice(dir, "io.runledger.apps.dl4j.LearningRateSweep", iris.toString(), "OUT");
        String out = runs[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode trainings = s.path("trainings");
        assertEquals(2, trainings.size(), "fit(iterator, 5) loops over fit(iterator): one entry per network");
        assertEquals(0.1, trainings.get(0).path("hyperparameters").path("layers.0.iupdater.learningRate").asDouble());
        assertEquals(0.01, trainings.get(1).path("hyperparameters").path("layers.0.iupdater.learningRate").asDouble());
        for (int i = 0; i < 2; i++) {
            String tag = i == 0 ? "lr0.1" : "lr0.01";
            JsonNode t = trainings.get(i);
            assertEquals(i, t.path("index").asInt());
            assertEquals(iterationScores(out, tag).size(), metric(t, "score").path("count").asInt());
            assertEquals(Double.parseDouble(TestData.printed(out, tag + " finalScore", "finalScore")),
                    metric(t, "score").path("points").get(metric(t, "score").path("points").size() - 1).path("value").asDouble());
            assertEquals(Double.parseDouble(TestData.printed(out, tag + " accuracy", "accuracy")),
                    t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble());
            assertEquals(1, t.path("evaluations").size());
        }
        assertEquals(1, s.path("artifacts").size());
        assertEquals(TestData.sha256(Path.of(TestData.printed(out, "sweep model", "model"))), s.path("artifacts").get(0).path("sha256").asText());
    }

    @Test
    void inMemoryFitsAreFingerprintedByTheirValues(@TempDir Path dir) throws Exception {
        AgentProcess.Result[] runs = runTwice(dir, "io.runledger.apps.dl4j.ArrayFit", TestData.file("iris.txt").toString());
        String out = runs[1].stdout;
        JsonNode trainings = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings");
        // two consecutive fit calls on one network: one training of two calls, each call's data an input of it
        assertEquals(1, trainings.size());
        assertEquals(2, trainings.get(0).path("fitCalls").asInt());
        JsonNode dataset = trainings.get(0).path("dataInputs").get(0);
        assertEquals("fit(org.nd4j.linalg.dataset.api.DataSet)", trainings.get(0).path("entryPoint").asText());
        assertEquals("dataset", dataset.path("kind").asText());
        assertEquals(TestData.printed(out, "dataset sha256", "sha256"), dataset.path("sha256").asText());
        assertEquals(150, dataset.path("rows").asInt());
        assertEquals("[150, 4]", dataset.path("shape").get(0).asText());
        assertEquals("FLOAT", dataset.path("details").path("dataType").asText());
        JsonNode arrays = trainings.get(0).path("dataInputs").get(1);
        assertEquals("arrays", arrays.path("kind").asText());
        assertEquals(TestData.printed(out, "arrays sha256", "sha256"), arrays.path("sha256").asText());
        assertEquals(100, arrays.path("rows").asInt());
    }

    @Test
    void epochEndsCheckpointARunThatIsThenKilled(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Process p = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "400")
                .classPath(classPath()).in(dir).agentArgs("checkpoint.interval=0,dir=" + ledger).start();
        AgentProcess.awaitOutput(dir, "iris iteration 600 ", 120_000);   // 40 epochs in, periodic checkpoints off
        JsonNode checkpoint = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && checkpoint == null) {
            List<Path> files = Ledgers.snapshotFiles(ledger);
            if (!files.isEmpty()) {
                JsonNode s = Ledgers.JSON.readTree(files.get(0).toFile());
                if (s.path("trainings").size() == 1 && s.path("trainings").get(0).path("metrics").size() == 2) {
                    checkpoint = s;
                }
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        p.waitFor();
        assertTrue(checkpoint != null, "an epoch end wrote a checkpoint");
        assertEquals("RUNNING", checkpoint.path("run").path("status").asText());
        assertEquals("RUNNING", checkpoint.path("trainings").get(0).path("status").asText());
        assertTrue(metric(checkpoint.path("trainings").get(0), "score.epoch").path("count").asInt() >= 1);
        assertEquals(123, checkpoint.path("trainings").get(0).path("hyperparameters").path("seed").asInt());
        Ledgers.assertValid(checkpoint);
    }

    /**
     * Issue 13: a {@code java.util.Random} handed to DataVec ({@code new FileSplit(dir, exts, new Random(seed))},
     * then the same generator to a {@code RandomPathFilter}) is recorded as the seed it was created with,
     * once: the filter gets it already drawn from. The file order, and so the training, is unchanged.
     */
    @Test
    void aRandomHandedToDataVecIsRecordedAsItsSeed(@TempDir Path dir) throws Exception {
        Path files = Files.createDirectories(dir.resolve("iris-files"));
        List<String> rows = Files.readAllLines(TestData.file("iris.txt"));
        for (int f = 0; f < 15; f++) {
            Files.write(files.resolve(String.format("part-%02d.csv", f)), rows.subList(f * 10, f * 10 + 10));
        }
        String out = runTwice(dir, "io.runledger.apps.dl4j.ShuffledFiles", files.toString(), "20261202")[1].stdout;
        assertTrue(out.contains("train files [part-"), out);
        JsonNode training = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings").get(0);
        assertEquals(20261202L, training.path("seeds").path("FileSplit(Random)").asLong(), training.path("seeds").toString());
        assertTrue(training.path("seeds").path("RandomPathFilter(Random)").isMissingNode(),
                "the filter got the same generator, already drawn from: no second seed\n" + training.path("seeds"));
        assertEquals(Double.parseDouble(TestData.printed(out, "test accuracy", "accuracy")),
                training.path("evaluations").get(0).path("metrics").path("accuracy").asDouble(), 1e-12);
    }

    /**
     * The DL4J examples' loop of {@code model.fit(trainingData)}: one training per network, every call
     * counted, one continuous series with DL4J's own iteration numbers, the DataSet one input used N times,
     * the configuration described once; a second network is a second training.
     */
    @Test
    void aLoopOfFitCallsOnOneNetworkIsOneTraining(@TempDir Path dir) throws Exception {
        Path iris = TestData.file("iris.txt");
        String out = runTwice(dir, "io.runledger.apps.dl4j.FitLoop", iris.toString(), "OUT", "300", "second")[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals(2, s.path("trainings").size(), "one training per network, not one per call");
        JsonNode loop = s.path("trainings").get(0);
        assertEquals(300, loop.path("fitCalls").asInt());
        assertEquals("SUCCEEDED", loop.path("status").asText());
        JsonNode score = metric(loop, "score");
        assertEquals(300, score.path("count").asInt());
        JsonNode points = score.path("points");
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).path("iteration").asInt(), "DL4J's own counter, continuous across calls");
        }
        assertEquals(Double.parseDouble(TestData.printed(out, "loop score", "score")), points.get(299).path("value").asDouble(), 1e-12);
        assertEquals(1, loop.path("dataInputs").size(), loop.path("dataInputs").toString());
        JsonNode data = loop.path("dataInputs").get(0);
        assertEquals("dataset", data.path("kind").asText());
        assertEquals(300, data.path("uses").asInt());
        assertEquals(97, data.path("rows").asInt());
        assertEquals(123, loop.path("hyperparameters").path("seed").asInt(), "described once, at the first call");
        assertEquals(7, loop.path("seeds").path("Nd4j.getRandom().setSeed").asInt(), "the program's seed, not the one init() sets from the configuration");
        assertEquals(42, loop.path("seeds").path("DataSet.shuffle").asInt(), "the seed of the data order (DataSet.shuffle(42))");
        JsonNode second = s.path("trainings").get(1);
        assertEquals(150, second.path("fitCalls").asInt());
        assertEquals(150, metric(second, "score").path("count").asInt());
        assertEquals(data.path("sha256").asText(), second.path("dataInputs").get(0).path("sha256").asText(), "the same data");
        for (JsonNode t : new JsonNode[] {loop, second}) {
            // read on the collection thread while the loop runs, but as the network stood when its training began
            JsonNode conf = new ObjectMapper().readTree(t.path("details").path("configuration").asText());
            assertEquals(0, conf.path("iterationCount").asInt(-1), "the configuration as the training started, not some steps in");
            assertEquals(0, conf.path("epochCount").asInt(-1));
        }
        assertTrue(Files.size(Ledgers.snapshotFiles(dir.resolve("ledger")).get(0)) < 200_000, "a loop does not repeat itself in the snapshot");
        // Evaluation.eval(labels, model.output(x)) by hand, as the examples do: the figures, on the model that predicted
        JsonNode eval = loop.path("evaluations").get(0);
        assertEquals("Evaluation", eval.path("type").asText(), loop.path("evaluations").toString());
        assertEquals(Double.parseDouble(TestData.printed(out, "loop accuracy", "accuracy")), eval.path("metrics").path("accuracy").asDouble(), 1e-12);
        assertEquals("the model that predicted last before the first eval call", eval.path("details").path("model").asText());
        JsonNode evaluatedOn = eval.path("details").path("data");
        assertEquals(Integer.parseInt(TestData.printed(out, "test labels", "rows")), evaluatedOn.path("rows").asInt(), "the test split's rows");
        assertEquals(TestData.printed(out, "test labels", "sha256"), evaluatedOn.path("labelsSha256").asText(), "the labels it was scored against");
        assertEquals(1, evaluatedOn.path("evalCalls").asInt());
        assertEquals(0, second.path("evaluations").size(), "the second network was never evaluated");
    }

    /**
     * Issue 19: a warm start of a DL4J job loads no ByteBuddy class, the classes the agent itself loads at
     * exit (reading the program's hand-filled Evaluation loads DL4J's IMetric) included: the woven-class
     * cache is saved again after the final snapshot. The training and its evaluation read the same.
     */
    @Test
    void aWarmStartLoadsNoByteBuddyEvenForClassesLoadedAtExit(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String iris = TestData.file("iris.txt").toString();
        AgentProcess.Result plain = app("io.runledger.apps.dl4j.FitLoop", iris, dir.resolve("out").toString(), "20")
                .classPath(classPath()).in(dir).withoutAgent().run();
        for (String start : new String[] {"cold", "warm"}) {
            Path classes = dir.resolve(start + ".classes");
            Path ledger = dir.resolve("ledger-" + start);
            AgentProcess.Result r = app("io.runledger.apps.dl4j.FitLoop", iris, dir.resolve("out").toString(), "20")
                    .classPath(classPath()).in(dir).jvmArg("-Xlog:class+load=info:file=" + classes).jvmArg("-Duser.home=" + home)
                    .agentArgs("dir=" + ledger).run();
            assertEquals(0, r.exitCode, r.toString());
            assertEquals(plain.stdout, r.stdout, start + ": the agent must not change what the training prints");
            List<String> byteBuddy = Files.readAllLines(classes).stream().filter(l -> l.contains(" net.bytebuddy."))
                    .collect(java.util.stream.Collectors.toList());
            if (start.equals("cold")) {
                assertTrue(byteBuddy.size() > 100, "the cold start weaves with ByteBuddy: " + byteBuddy.size());
            } else {
                assertEquals(0, byteBuddy.size(), "a warm start loads no ByteBuddy class; the first: " + byteBuddy.stream().findFirst().orElse(""));
            }
            JsonNode t = Ledgers.onlySnapshot(ledger).path("trainings").get(0);
            assertEquals(20, t.path("fitCalls").asInt());
            assertEquals(123, t.path("hyperparameters").path("seed").asInt(), start + ": the configuration, read off the program's thread");
            assertEquals(Double.parseDouble(TestData.printed(r.stdout, "loop accuracy", "accuracy")),
                    t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble(), 1e-12);
        }
    }

    /** A JVM that saves a model but never trains leaves no run under capture=training, and says why, once. */
    @Test
    void savingWithoutTrainingSaysWhyNothingWasRecorded(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = app("io.runledger.apps.dl4j.SaveOnly", dir.resolve("out").toString()).classPath(classPath()).in(dir)
                .agentArgs("dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("saved "), r.stdout);
        long lines = r.stderr.lines().filter(l -> l.contains("[runledger]")).count();
        assertEquals(1, lines, r.stderr);
        assertTrue(r.stderr.contains("saved a dl4j model but trained nothing, so no run was recorded (capture=training); add capture=always"),
                r.stderr);
        assertTrue(!Files.exists(dir.resolve("ledger").resolve("ledger.jsonl")), "nothing recorded");
    }

    /**
     * A model loaded through ModelSerializer is an input of kind model, never data; a JVM that only loads
     * and scores a model leaves no run and says why.
     */
    @Test
    void aLoadedModelIsAModelInputAndLoadingWithoutTrainingSaysWhy(@TempDir Path dir) throws Exception {
        Path iris = TestData.file("iris.txt");
        AgentProcess.Result saved = app("io.runledger.apps.dl4j.IrisClassifier", iris.toString(), dir.resolve("out").toString(), "5")
                .classPath(classPath()).in(dir).withoutAgent().run();
        assertEquals(0, saved.exitCode, saved.toString());
        Path zip = dir.resolve("out/iris-model.zip");

        Path only = Files.createDirectories(dir.resolve("only"));
        AgentProcess.Result load = app("io.runledger.apps.dl4j.LoadAndTune", zip.toString(), iris.toString()).classPath(classPath()).in(only)
                .agentArgs("dir=" + dir.resolve("ledger")).run();
        assertEquals(0, load.exitCode, load.toString());
        assertTrue(load.stderr.contains("loaded a dl4j model but trained nothing, so no run was recorded"), load.stderr);
        assertEquals(1, load.stderr.lines().filter(l -> l.contains("[runledger]")).count(), load.stderr);
        assertTrue(!Files.exists(dir.resolve("ledger").resolve("ledger.jsonl")), "nothing recorded");

        runTwice(dir.resolve("tune"), "io.runledger.apps.dl4j.LoadAndTune", zip.toString(), iris.toString(), "tune");
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("tune/ledger"));
        List<String> kinds = new ArrayList<>();
        JsonNode model = null;
        for (JsonNode d : s.path("dataSources")) {
            kinds.add(d.path("kind").asText() + " " + d.path("uri").asText());
            if (d.path("uri").asText().equals(zip.toUri().toString())) {
                model = d;
            }
        }
        assertTrue(model != null, kinds.toString());
        assertEquals("model", model.path("kind").asText(), kinds.toString());
        assertEquals("dl4j", model.path("details").path("loadedBy").asText());
        assertEquals(TestData.sha256(zip), model.path("sha256").asText());
        assertTrue(kinds.contains("file " + iris.toUri()), kinds.toString());
        assertEquals(42, s.path("trainings").get(0).path("seeds").path("Nd4j.getRandom().setSeed").asInt());
    }

    /** SumModel's loop of fit(ListDataSetIterator): one training, one input with its batch size, rows and a fingerprint. */
    @Test
    void anInMemoryIteratorHasItsBatchSizeAndAFingerprint(@TempDir Path dir) throws Exception {
        String out = runTwice(dir, "io.runledger.apps.dl4j.SumModel", "30")[1].stdout;
        JsonNode t = Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings").get(0);
        assertEquals(1, Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings").size());
        assertEquals(30, t.path("fitCalls").asInt());
        assertEquals(Integer.parseInt(TestData.printed(out, "sum score", "iterations")), metric(t, "score").path("count").asInt());
        assertEquals(1, t.path("dataInputs").size(), t.path("dataInputs").toString());
        JsonNode input = t.path("dataInputs").get(0);
        assertEquals("iterator", input.path("kind").asText());
        assertEquals(100, input.path("details").path("batchSize").asInt());
        assertEquals(1000, input.path("rows").asInt());
        assertEquals(64, input.path("sha256").asText().length(), input.toString());
        assertEquals(30, input.path("uses").asInt(), "the same examples, used by every call");
    }
}
