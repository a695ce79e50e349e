package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch job's final metrics reach Prometheus through a real Pushgateway after the job has exited. */
class PushgatewayIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode query(int port, String q) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try (var in = c.getInputStream()) {
            return Ledgers.JSON.readTree(in.readAllBytes()).path("data").path("result");
        }
    }

    private static JsonNode awaitSeries(int port, String q, long deadline) throws Exception {
        while (System.currentTimeMillis() < deadline) {
            try {
                JsonNode r = query(port, q);
                if (r.size() > 0) {
                    return r.get(0);
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no series for " + q);
    }

    @Test
    void finalValuesOfAFinishedJobArrive(@TempDir Path dir) throws Exception {
        Programs.require("prometheus-pushgateway", "prometheus-pushgateway");
        Programs.require("prometheus", "prometheus");

        int gatewayPort = freePort();
        int prometheusPort = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:", "  scrape_interval: 1s", "scrape_configs:", "  - job_name: pushgateway", "    honor_labels: true",
                "    static_configs:", "      - targets: ['127.0.0.1:" + gatewayPort + "']", ""));
        Process gateway = new ProcessBuilder("prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + gatewayPort,
                "--persistence.file=" + dir.resolve("pushgateway.db")).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            Path appDir = Files.createDirectory(dir.resolve("app"));
            AgentProcess.Result r = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "2")
                    .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(appDir)
                    .agentArgs("run.name=pushed,pushgateway.url=http://127.0.0.1:" + gatewayPort + ",dir=" + dir.resolve("ledger")).run();
            assertEquals(0, r.exitCode, r.toString());   // the job is gone; its metrics are not
            long deadline = System.currentTimeMillis() + 60_000;
            JsonNode success = awaitSeries(prometheusPort, "runledger_run_last_success_timestamp_seconds{job=\"runledger\",instance=\"pushed\"}", deadline);
            assertTrue(Double.parseDouble(success.path("value").get(1).asText()) > 1.7e9, success.toString());
            JsonNode iterations = awaitSeries(prometheusPort, "runledger_training_iterations_total{instance=\"pushed\",framework=\"dl4j\"}", deadline);
            assertEquals(Integer.parseInt(TestData.printed(r.stdout, "iris iterations", "iterations")),
                    (int) Double.parseDouble(iterations.path("value").get(1).asText()), "the final count");
        } finally {
            prometheus.destroy();
            gateway.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGatewayThatIsDownNeverCostsTheSnapshot(@TempDir Path dir) throws Exception {
        int closed = freePort();
        AgentProcess.Result r = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "1")
                .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(dir)
                .agentArgs("flush.timeout=2s,pushgateway.url=http://127.0.0.1:" + closed + ",dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("SUCCEEDED", Ledgers.onlySnapshot(dir.resolve("ledger")).path("run").path("status").asText());
        assertEquals(1, r.stderr.lines().filter(l -> l.contains("could not push metrics to the Pushgateway")).count(), r.stderr);
    }
}
