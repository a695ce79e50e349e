package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenLineage events a run emits, to a file and to an HTTP endpoint (a local server standing in for
 * Marquez), each parsed with the official Java client's own model classes.
 */
class OpenLineageIT {

    private static final Path SPARK_DIR = Path.of(System.getProperty("runledger.spark.dir", AgentProcess.ROOT + "/test-apps/spark-apps/target"));

    /** The job's working directory is a git repository: its commit becomes the job's source location. */
    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        Collections.addAll(cmd, args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }

    private static List<String> lines(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void aSparkRunEmitsStartAndCompleteWithItsDataModelAndTraining(@TempDir Path dir) throws Exception {
        List<String> posted = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posted.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim() + "|" + exchange.getRequestHeaders().getFirst("Content-Type"));
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        Path events = dir.resolve("lineage/events.jsonl");
        Files.createDirectories(events.getParent());
        git(dir, "init", "-q");
        git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "training job");
        Path ledger = dir.resolve("ledger");
        AgentProcess.Result r;
        try {
            AgentProcess app = AgentProcess.app("io.runledger.apps.spark.BreastCancerPipeline", TestData.file("breastcancer.csv").toString(),
                            dir.resolve("out/model").toString(), "local[2]", "no-cv")
                    .classPath(AgentProcess.moduleClassPath(SPARK_DIR, "spark-apps")).in(dir)
                    .agentArgs("dir=" + ledger + ",openlineage.file=" + events + ",openlineage.url=http://127.0.0.1:" + server.getAddress().getPort());
            SparkIT.JAVA_17_OPENS.forEach(app::jvmArg);
            r = app.run();
        } finally {
            server.stop(0);
        }
        assertEquals(0, r.exitCode, r.toString());
        JsonNode s = Ledgers.onlySnapshot(ledger);

        List<String> written = lines(events);
        assertEquals(2, written.size(), written.toString());
        assertEquals(2, posted.size(), posted.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals(written.get(i) + "|application/json", posted.get(i), "the same event to both transports");
        }
        OpenLineage.RunEvent start = OpenLineageClientUtils.runEventFromJson(written.get(0));
        OpenLineage.RunEvent complete = OpenLineageClientUtils.runEventFromJson(written.get(1));
        assertEquals(OpenLineage.RunEvent.EventType.START, start.getEventType());
        assertEquals(OpenLineage.RunEvent.EventType.COMPLETE, complete.getEventType());
        String runId = s.path("run").path("id").asText();
        assertEquals(runId, start.getRun().getRunId().toString());
        assertEquals(runId, complete.getRun().getRunId().toString());
        assertEquals("runledger", complete.getJob().getNamespace());
        assertEquals("BreastCancerPipeline", complete.getJob().getName());
        assertEquals("MODEL", complete.getJob().getFacets().getJobType().getJobType());
        assertEquals("BATCH", complete.getJob().getFacets().getJobType().getProcessingType());
        assertEquals("git", complete.getJob().getFacets().getSourceCodeLocation().getType());
        assertEquals(s.path("code").path("commit").asText(), complete.getJob().getFacets().getSourceCodeLocation().getVersion());
        assertEquals("spark", complete.getRun().getFacets().getProcessing_engine().getName());
        assertEquals("3.5.9", complete.getRun().getFacets().getProcessing_engine().getVersion());

        // inputs: the CSV, versioned by its content hash, with the schema Spark read
        OpenLineage.InputDataset csv = complete.getInputs().stream().filter(d -> d.getName().endsWith("/breastcancer.csv")).findFirst()
                .orElseThrow(() -> new AssertionError(written.get(1)));
        assertEquals("file", csv.getNamespace());
        assertEquals("sha256:" + TestData.sha256(TestData.file("breastcancer.csv")), csv.getFacets().getVersion().getDatasetVersion());
        assertTrue(csv.getFacets().getSchema().getFields().stream()
                .anyMatch(f -> f.getName().equals("diagnosis") && f.getType().equals("string")), csv.getFacets().getSchema().getFields().toString());
        // output: the model directory with the artifact's hash
        OpenLineage.OutputDataset model = complete.getOutputs().get(0);
        assertEquals(dir.resolve("out/model").toString(), model.getName().replaceAll("/$", ""));
        assertEquals("sha256:" + s.path("artifacts").get(0).path("sha256").asText(), model.getFacets().getVersion().getDatasetVersion());

        // the custom facets: hyperparameters, final metric values, evaluations
        JsonNode facets = Ledgers.JSON.readTree(written.get(1)).path("run").path("facets");
        assertEquals(0.01, facets.path("runledger_training").path("trainings").get(0).path("hyperparameters")
                .path("stages.3.LogisticRegression.regParam").asDouble());
        assertTrue(facets.path("runledger_training").path("_schemaURL").asText().startsWith("https://runledger.dev/spec/openlineage-facets/"));
        JsonNode objective = facets.path("runledger_metrics").path("metrics").get(0);
        assertEquals("objective", objective.path("name").asText());
        JsonNode series = s.path("trainings").get(0).path("metrics").get(0);
        assertEquals(series.path("count").asInt(), objective.path("count").asInt());
        assertEquals(series.path("points").get(series.path("points").size() - 1).path("value").asDouble(), objective.path("last").asDouble());
        double auc = Double.parseDouble(r.stdout.lines().filter(l -> l.startsWith("test areaUnderROC ")).findFirst().orElseThrow().substring(18));
        assertEquals(auc, facets.path("runledger_evaluations").path("evaluations").get(0).path("metrics").path("areaUnderROC").asDouble());
    }

    @Test
    void aFailedRunEmitsFailWithItsErrorRedacted(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        AgentProcess.Result r = AgentProcess.app("io.runledger.apps.plain.ExitApp", "throw").in(dir)
                .agentArgs("dir=" + dir.resolve("ledger") + ",capture=always,openlineage.file=" + events).run();
        assertEquals(1, r.exitCode, r.toString());
        List<String> written = lines(events);
        assertEquals(2, written.size(), written.toString());
        OpenLineage.RunEvent fail = OpenLineageClientUtils.runEventFromJson(written.get(1));
        assertEquals(OpenLineage.RunEvent.EventType.FAIL, fail.getEventType());
        String message = fail.getRun().getFacets().getErrorMessage().getMessage();
        assertTrue(message.startsWith("java.lang.IllegalStateException: training data is broken"), message);
        assertEquals("JAVA", fail.getRun().getFacets().getErrorMessage().getProgrammingLanguage());
        assertFalse(String.join("\n", written).contains("hunter2"), "the password in the exception never leaves the process");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(events)));
    }

    /** An endpoint that accepts connections and never answers holds the exit no longer than flush.timeout allows. */
    @Test
    void aStalledEndpointDoesNotHoldTheExit(@TempDir Path dir) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long begin = System.nanoTime();
            AgentProcess.Result r = AgentProcess.app("io.runledger.apps.plain.ExitApp", "normal").in(dir)
                    .agentArgs("dir=" + dir.resolve("ledger") + ",capture=always,flush.timeout=2s,openlineage.url=http://127.0.0.1:" + silent.getLocalPort())
                    .run();
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(millis < 9000, "exit held " + millis + " ms by a silent lineage endpoint");
            assertTrue(r.stderr.contains("OpenLineage COMPLETE event was not sent before the flush timeout"), r.stderr);
            assertEquals(1, Ledgers.snapshotFiles(dir.resolve("ledger")).size(), "the run is recorded all the same");
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
