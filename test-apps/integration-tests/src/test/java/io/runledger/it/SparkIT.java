package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark ML program on {@code local[2]} under the agent: a Pipeline fitted, evaluated and saved, then
 * a CrossValidator whose grid runs two fits at a time on its own pool. Asserted against what the program
 * printed; the same output and the same model data with and without the agent.
 */
class SparkIT {

    private static final Path SPARK_DIR = Path.of(System.getProperty("runledger.spark.dir", AgentProcess.ROOT + "/test-apps/spark-apps/target"));
    private static final Path SPARK_NEWEST_DIR = Path.of(System.getProperty("runledger.spark.newest.dir",
            AgentProcess.ROOT + "/test-apps/spark-newest/target"));

    /** What Spark 3.5 needs on Java 17: the application's flags, not the agent's. */
    static final List<String> JAVA_17_OPENS = Stream.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
            "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
            "sun.util.calendar").map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").collect(Collectors.toList());

    private static double[] printedArray(String out, String prefix) {
        String line = out.lines().filter(l -> l.startsWith(prefix + " [")).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + out));
        return Arrays.stream(line.substring(prefix.length() + 2, line.length() - 1).split(", ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double printed(String out, String prefix) {
        String line = out.lines().filter(l -> l.startsWith(prefix + " ")).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + out));
        return Double.parseDouble(line.substring(prefix.length() + 1));
    }

    private static JsonNode evaluation(JsonNode training, String type) {
        for (JsonNode e : training.path("evaluations")) {
            if (e.path("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " evaluation in " + training.path("evaluations"));
    }

    @Test
    void pipelineAndCrossValidatorAreTwoTrainingsWithTheirDataParamsMetricsAndModel(@TempDir Path dir) throws Exception {
        pipelineAndCrossValidator(dir, AgentProcess.moduleClassPath(SPARK_DIR, "spark-apps"), "3.5.9");
    }

    /** The newest tested Spark: 4.2 on Scala 2.13, the same program and the same record. */
    @Test
    void theSameOnSpark4(@TempDir Path dir) throws Exception {
        JsonNode s = pipelineAndCrossValidator(dir, AgentProcess.moduleClassPath(SPARK_NEWEST_DIR, "spark-newest"), "4.2.0");
        assertEquals(0, s.path("trainings").get(0).path("warnings").size(), "4.2 is inside the tested range");
    }

    /**
     * A CSV on a file system the agent cannot open itself ({@code elsewhere:///…}, registered by the app as a
     * Hadoop file system, as HDFS or S3 would be): listed with what Spark's index holds by default, read
     * through Hadoop and hashed only with {@code hash.remote=true}.
     */
    @Test
    void remoteFilesAreListedAndHashedOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path csv = TestData.file("breastcancer.csv").toAbsolutePath();
        String remote = "elsewhere://" + csv;
        for (String hashRemote : new String[] {"false", "true"}) {
            Path ledger = dir.resolve("ledger-" + hashRemote);
            AgentProcess app = AgentProcess.app("io.runledger.apps.spark.BreastCancerPipeline", remote,
                            dir.resolve("out-" + hashRemote + "/model").toString(), "local[2]", "no-cv")
                    .classPath(AgentProcess.moduleClassPath(SPARK_DIR, "spark-apps")).in(dir)
                    .agentArgs("dir=" + ledger + (hashRemote.equals("true") ? ",hash.remote=true" : ""));
            JAVA_17_OPENS.forEach(app::jvmArg);
            AgentProcess.Result r = app.run();
            assertEquals(0, r.exitCode, r.toString());
            JsonNode s = Ledgers.onlySnapshot(ledger);
            JsonNode listed = s.path("trainings").get(0).path("dataInputs").get(0).path("details").path("sources").get(0).path("files").get(0);
            assertEquals("elsewhere:///" + csv.toString().substring(1), listed.path("path").asText(), "the file as Spark listed it");
            assertEquals(Files.size(csv), listed.path("sizeBytes").asLong());
            assertEquals(Files.getLastModifiedTime(csv).toMillis(), listed.path("modifiedMillis").asLong());
            JsonNode source = null;
            for (JsonNode d : s.path("dataSources")) {
                if (d.path("uri").asText().startsWith("elsewhere:")) {
                    source = d;
                }
            }
            if (hashRemote.equals("false")) {
                assertEquals(null, source, "not read by the agent unless asked: " + s.path("dataSources"));
            } else {
                assertTrue(source != null, s.path("dataSources").toString());
                assertEquals(TestData.sha256(csv), source.path("sha256").asText(), "read through Hadoop and hashed");
                assertEquals(Files.size(csv), source.path("sizeBytes").asLong());
                assertTrue(source.path("details").path("remote").asBoolean(), source.toString());
                assertEquals("spark", source.path("details").path("readBy").asText());
            }
            Ledgers.assertValid(s);
        }
    }

    private static JsonNode pipelineAndCrossValidator(Path dir, String classPath, String version) throws Exception {
        AgentProcess.Result[] both = AgentProcess.withAndWithout(dir, classPath, JAVA_17_OPENS,
                "io.runledger.apps.spark.BreastCancerPipeline", TestData.file("breastcancer.csv").toString(), "OUT/model");
        String out = both[1].stdout;
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode trainings = s.path("trainings");
        assertEquals(2, trainings.size(), "the pipeline, and the cross-validation with its 8 grid fits and final fit nested: " + trainings);

        // the pipeline: stage params (set apart from defaults), data from the plan, objective per iteration, feature stages
        JsonNode p = trainings.get(0);
        assertEquals("spark", p.path("framework").asText());
        assertEquals(version, p.path("frameworkVersion").asText());
        assertEquals("org.apache.spark.ml.classification.LogisticRegression", p.path("modelType").asText());
        assertTrue(p.path("entryPoint").asText().startsWith("org.apache.spark.ml.Pipeline.fit("), p.path("entryPoint").asText());
        JsonNode hp = p.path("hyperparameters");
        assertEquals(0.01, hp.path("stages.3.LogisticRegression.regParam").asDouble());
        assertEquals(20, hp.path("stages.3.LogisticRegression.maxIter").asInt());
        assertEquals(1e-6, hp.path("stages.3.LogisticRegression.tol").asDouble(), 1e-12, "a default is recorded too");
        assertEquals("alphabetAsc", hp.path("stages.0.StringIndexer.stringOrderType").asText());
        List<String> set = new ArrayList<>();
        p.path("details").path("explicitlySet").forEach(n -> set.add(n.asText()));
        assertTrue(set.contains("stages.3.LogisticRegression.regParam") && set.contains("stages.2.StandardScaler.withMean"), set.toString());
        assertFalse(set.contains("stages.3.LogisticRegression.tol"), "defaults are not marked as set: " + set);
        assertEquals(42, p.path("seeds").path("input.sample.0").asLong(), "the randomSplit seed, read from the plan");

        JsonNode data = p.path("dataInputs").get(0);
        assertEquals("spark-dataset", data.path("kind").asText());
        JsonNode source = data.path("details").path("sources").get(0);
        assertEquals("CSV", source.path("format").asText());
        assertTrue(source.path("files").get(0).path("path").asText().endsWith("/test-apps/data/breastcancer.csv"), source.toString());
        assertEquals(Files.size(TestData.file("breastcancer.csv")), source.path("sizeBytes").asLong());
        JsonNode sample = data.path("details").path("samples").get(0);
        assertEquals(0.0, sample.path("lowerBound").asDouble());
        assertEquals(0.7, sample.path("upperBound").asDouble());
        assertTrue(data.path("details").path("schema").toString().contains("\"diagnosis: string\""), data.toString());

        // the CSV is a data source with its hash; Spark's shuffle files, extracted native libraries and /etc are not
        String csvHash = TestData.sha256(TestData.file("breastcancer.csv"));
        boolean csvSeen = false;
        for (JsonNode ds : s.path("dataSources")) {
            String uri = ds.path("uri").asText();
            assertFalse(uri.contains("blockmgr-") || uri.contains("/etc/") || uri.endsWith(".so") || uri.contains("/spark-"), "noise: " + uri);
            csvSeen |= uri.endsWith("/breastcancer.csv") && csvHash.equals(ds.path("sha256").asText());
        }
        assertTrue(csvSeen, s.path("dataSources").toString());

        double[] history = printedArray(out, "objective history");
        JsonNode objective = p.path("metrics").get(0);
        assertEquals("objective", objective.path("name").asText());
        assertEquals(history.length, objective.path("count").asInt());
        for (int i = 0; i < history.length; i++) {
            assertEquals(history[i], objective.path("points").get(i).path("value").asDouble(), 0.0);
        }
        assertEquals((int) printed(out, "iterations"), p.path("details").path("totalIterations").asInt());

        JsonNode steps = p.path("featureSteps");
        assertEquals(3, steps.size(), steps.toString());
        assertEquals("org.apache.spark.ml.feature.StringIndexerModel", steps.get(0).path("type").asText());
        assertEquals("[[B, M]]", steps.get(0).path("parameters").path("learned.labels").asText());
        assertEquals("org.apache.spark.ml.feature.StandardScalerModel", steps.get(2).path("type").asText());
        assertTrue(steps.get(2).path("parameters").path("learned.mean").asText().startsWith("["), steps.get(2).toString());

        JsonNode auc = evaluation(p, "BinaryClassificationEvaluator");
        assertEquals(printed(out, "test areaUnderROC"), auc.path("metrics").path("areaUnderROC").asDouble(), 0.0);
        assertEquals(0.7, auc.path("details").path("samples").get(0).path("lowerBound").asDouble(), "evaluated on the test split");

        // the saved model: one directory artifact, every file hashed
        Path model = dir.resolve("agent/out/model");
        JsonNode artifact = s.path("artifacts").get(0);
        assertEquals(1, s.path("artifacts").size(), s.path("artifacts").toString());
        assertEquals(model.toString(), artifact.path("path").asText());
        assertEquals(0, artifact.path("training").asInt());
        Map<String, String> files = filesUnder(model);
        assertEquals(files.size(), artifact.path("files").size());
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        for (JsonNode f : artifact.path("files")) {
            assertEquals(files.get(f.path("path").asText()), f.path("sha256").asText(), f.toString());
            whole.update((f.path("path").asText() + "\t" + f.path("sizeBytes").asLong() + "\t" + f.path("sha256").asText() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(HexFormat.of().formatHex(whole.digest()), artifact.path("sha256").asText());
        assertSameModel(dir.resolve("plain/out/model"), model);
        // verify-model takes the directory: found by the digest over its files (unsigned here, so not VERIFIED)
        AgentProcess.Result gate = AgentProcess.cli(dir, "verify-model", model.toString(), "--dir", dir.resolve("ledger").toString(), "--json");
        JsonNode verdict = Ledgers.JSON.readTree(gate.stdout);
        assertEquals(1, gate.exitCode, gate.toString());
        assertEquals("UNVERIFIABLE", verdict.path("verdict").asText(), gate.stdout);
        assertEquals(s.path("run").path("id").asText(), verdict.path("runId").asText(), gate.stdout);
        assertEquals(artifact.path("sha256").asText(), verdict.path("sha256").asText());

        // the cross-validation: the grid with each point's metric, the best, its objective; inner fits not trainings of their own
        JsonNode cv = trainings.get(1);
        assertTrue(cv.path("entryPoint").asText().startsWith("org.apache.spark.ml.tuning.CrossValidator.fit("), cv.toString());
        assertEquals(2, cv.path("hyperparameters").path("numFolds").asInt());
        assertEquals(2, cv.path("hyperparameters").path("parallelism").asInt());
        assertEquals("logreg.elasticNetParam=0.0, logreg.regParam=0.01", cv.path("hyperparameters").path("grid.0").asText());
        assertEquals(0.01, cv.path("hyperparameters").path("estimator.Pipeline.stages.3.LogisticRegression.regParam").asDouble());
        assertEquals(7, cv.path("seeds").path("seed").asLong());
        double[] avg = printedArray(out, "cv avgMetrics");
        JsonNode grid = cv.path("details").path("grid");
        assertEquals(4, grid.size());
        int best = 0;
        for (int i = 0; i < avg.length; i++) {
            assertEquals(avg[i], grid.get(i).path("metric").asDouble(), 0.0);
            best = avg[i] > avg[best] ? i : best;
        }
        assertEquals(best, cv.path("details").path("bestIndex").asInt());
        assertEquals(avg[best], evaluation(cv, "CrossValidatorModel").path("metrics").path("areaUnderROC").asDouble(), 0.0);
        assertEquals(printed(out, "cv best test areaUnderROC"),
                evaluation(cv, "BinaryClassificationEvaluator").path("metrics").path("areaUnderROC").asDouble(), 0.0,
                "the best model's evaluation, tied to the cross-validation through the Dataset its transform made");
        assertEquals(2, cv.path("evaluations").size(), "the grid's own scoring is in the grid, not 8 evaluations: " + cv.path("evaluations"));
        assertTrue(cv.path("metrics").get(0).path("count").asInt() > 1, "the best model's objective history");
        Ledgers.assertValid(s);

        // the report draws the grid: one line per grid point through its two parameters to its metric, the best one marked
        Path report = dir.resolve("report.html");
        AgentProcess.Result written = AgentProcess.cli(dir, "report", "latest", "-o", report.toString(), "--dir", dir.resolve("ledger").toString());
        assertEquals(0, written.exitCode, written.toString());
        String html = Files.readString(report);
        String sweep = html.substring(html.indexOf("<svg class=\"sweep\""), html.indexOf("</svg>", html.indexOf("<svg class=\"sweep\"")));
        assertEquals(4, sweep.split("<polyline class=\"point", -1).length - 1, "one line per grid point: " + sweep);
        assertEquals(1, sweep.split("<polyline class=\"point best\"", -1).length - 1, sweep);
        assertTrue(sweep.contains("data-name=\"logreg.regParam\"") && sweep.contains("data-name=\"logreg.elasticNetParam\"")
                && sweep.contains("data-name=\"areaUnderROC\""), sweep);
        assertTrue(sweep.contains("grid point " + best + " (best): "), sweep);
        return s;
    }

    /** Relative path → SHA-256 of every file under {@code root}. */
    private static Map<String, String> filesUnder(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(f).toString(), TestData.sha256(f));
            }
        }
        return out;
    }

    /**
     * The same model, run to run: the same files (Spark names data files with a job UUID), the same metadata
     * (but its save timestamp), the same Parquet data pages; Parquet footers hold the same bytes, in an order
     * parquet-mr takes from a hash set of encodings (it differs between two runs without any agent too).
     */
    private static void assertSameModel(Path plain, Path agent) throws Exception {
        Map<String, byte[]> a = modelFiles(plain);
        Map<String, byte[]> b = modelFiles(agent);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            byte[] x = a.get(name);
            byte[] y = b.get(name);
            if (name.endsWith(".parquet")) {
                int footer = ByteBuffer.wrap(x, x.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                assertEquals(x.length, y.length, name);
                assertArrayEquals(Arrays.copyOf(x, x.length - 8 - footer), Arrays.copyOf(y, y.length - 8 - footer), name + ": data pages");
                byte[] fx = Arrays.copyOfRange(x, x.length - 8 - footer, x.length);
                byte[] fy = Arrays.copyOfRange(y, y.length - 8 - footer, y.length);
                Arrays.sort(fx);
                Arrays.sort(fy);
                assertArrayEquals(fx, fy, name + ": footer");
            } else {
                assertEquals(new String(x, StandardCharsets.UTF_8).replaceAll("\"timestamp\":\\d+", ""),
                        new String(y, StandardCharsets.UTF_8).replaceAll("\"timestamp\":\\d+", ""), name);
            }
        }
    }

    private static Map<String, byte[]> modelFiles(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(f).toString().replaceAll("part-(\\d+)-[0-9a-f-]{36}", "part-$1");
                if (!name.endsWith(".crc")) {   // checksums of the files compared here
                    out.put(name, Files.readAllBytes(f));
                }
            }
        }
        return out;
    }
}
