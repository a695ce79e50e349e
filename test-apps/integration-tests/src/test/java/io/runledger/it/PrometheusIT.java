package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Prometheus server scrapes a DL4J training through the agent's endpoint. */
class PrometheusIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String get(String url, String accept) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        if (accept != null) {
            c.setRequestProperty("Accept", accept);
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Polls Prometheus' query API until the query returns a series, or the deadline passes. */
    private static JsonNode awaitSeries(int prometheusPort, String query, long deadlineMillis) throws Exception {
        String url = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        while (System.currentTimeMillis() < deadlineMillis) {
            try {
                JsonNode result = Ledgers.JSON.readTree(get(url, null)).path("data").path("result");
                if (result.size() > 0) {
                    return result.get(0);
                }
            } catch (Exception notYet) {
                // Prometheus still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never returned a series for " + query);
    }

    @Test
    void prometheusScrapesIterationsAndScoreWithTheirLabels(@TempDir Path dir) throws Exception {
        Programs.require("prometheus", "prometheus");

        int agentPort = freePort();
        int prometheusPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: training",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + agentPort + "']",
                ""));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Process training = null;
        try {
            Path appDir = Files.createDirectory(dir.resolve("app"));
            training = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "120")
                    .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(appDir)
                    .agentArgs("run.name=scraped,prometheus.port=" + agentPort + ",dir=" + dir.resolve("ledger")).start();
            long deadline = System.currentTimeMillis() + 90_000;
            JsonNode iterations = awaitSeries(prometheusPort, "runledger_training_iterations_total{framework=\"dl4j\"} > 0", deadline);
            assertEquals("MultiLayerNetwork", iterations.path("metric").path("model_type").asText());
            assertEquals("scraped", iterations.path("metric").path("run_name").asText());
            assertEquals("training", iterations.path("metric").path("job").asText());
            JsonNode score = awaitSeries(prometheusPort, "runledger_training_score{framework=\"dl4j\",run_name=\"scraped\"}", deadline);
            assertTrue(Double.parseDouble(score.path("value").get(1).asText()) > 0);
            JsonNode info = awaitSeries(prometheusPort, "runledger_run_info", deadline);
            assertEquals("io.runledger.apps.dl4j.IrisClassifier", info.path("metric").path("main_class").asText());
            awaitSeries(prometheusPort, "jvm_memory_used_bytes", deadline);
            JsonNode hostMemory = awaitSeries(prometheusPort, "runledger_host_memory_available_bytes", deadline);
            double available = Double.parseDouble(hostMemory.path("value").get(1).asText());
            JsonNode hostTotal = awaitSeries(prometheusPort, "runledger_host_memory_total_bytes", deadline);
            assertTrue(available > 0 && available <= Double.parseDouble(hostTotal.path("value").get(1).asText()), hostMemory.toString());

            // Every query of the Grafana dashboard is valid PromQL, and those about a running training return data.
            JsonNode dashboard = Ledgers.JSON.readTree(AgentProcess.ROOT.resolve("docs/grafana/runledger-dashboard.json").toFile());
            int checked = 0;
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText().replace("$run_name", "scraped");
                    String title = panel.path("title").asText();
                    if (title.startsWith("Evaluation") || title.startsWith("Fit calls") || title.startsWith("Batch jobs")) {
                        String url = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
                        assertEquals("success", Ledgers.JSON.readTree(get(url, null)).path("status").asText(), title + ": " + expr);
                    } else {
                        awaitSeries(prometheusPort, expr, deadline);   // data once the training runs
                    }
                    checked++;
                }
            }
            assertTrue(checked >= 10, "dashboard queries checked: " + checked);

            // The endpoint itself: both formats, and promtool finds nothing wrong with our families.
            String text = get("http://127.0.0.1:" + agentPort + "/metrics", null);
            assertTrue(text.contains("# TYPE runledger_training_iterations_total counter"), text);
            assertTrue(text.matches("(?s).*runledger_data_hash_seconds_count\\{run_name=\"scraped\"} [1-9].*"), "the data file's hash was timed: " + text);
            assertTrue(text.matches("(?s).*runledger_data_files_total\\{run_name=\"scraped\"} 1\\.0.*"), "iris.txt, opened before fit: " + text);
            String openMetrics = get("http://127.0.0.1:" + agentPort + "/metrics", "application/openmetrics-text; version=1.0.0");
            assertTrue(openMetrics.trim().endsWith("# EOF"), "OpenMetrics exposition");
            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String problems = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
            for (String line : problems.split("\n")) {
                assertFalse(line.startsWith("runledger_"), "promtool: " + line);
            }
        } finally {
            if (training != null) {
                training.destroy();
                training.waitFor(30, TimeUnit.SECONDS);
            }
            prometheus.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseIsOneWarningAndTheTrainingRunsOn(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            AgentProcess.Result r = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "1")
                    .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(dir)
                    .agentArgs("prometheus.port=" + taken.getLocalPort() + ",dir=" + dir.resolve("ledger")).run();
            assertEquals(0, r.exitCode, r.toString());
            assertEquals(1, r.stderr.lines().filter(l -> l.startsWith("[runledger] metrics endpoint not started")).count(), r.stderr);
            assertEquals("SUCCEEDED", Ledgers.onlySnapshot(dir.resolve("ledger")).path("trainings").get(0).path("status").asText());
        }
    }

    /** Issue 14: idle, trickling and flooding clients held open while the training JVM serves an honest scrape and exits on time. */
    @Test
    void oneClientCannotStallTheEndpointNorKeepTheTrainingJvmAlive(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process child = app("io.runledger.apps.plain.ExitApp", "sleep", "4000").in(dir)
                .agentArgs("capture=always,prometheus.port=" + port + ",dir=" + dir.resolve("ledger")).start();
        long started = System.nanoTime();
        AgentProcess.awaitOutput(dir, "ready", 30_000);
        java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
        try {
            for (int attempt = 0; ; attempt++) {   // the endpoint comes up on the agent's collector thread
                try {
                    get("http://127.0.0.1:" + port + "/metrics", null);
                    break;
                } catch (java.io.IOException notYet) {
                    if (attempt > 50) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
            for (int i = 0; i < 20; i++) {
                held.add(new java.net.Socket("127.0.0.1", port));
            }
            java.net.Socket trickler = new java.net.Socket("127.0.0.1", port);
            held.add(trickler);
            trickler.getOutputStream().write('G');
            java.net.Socket flood = new java.net.Socket("127.0.0.1", port);
            held.add(flood);
            Thread flooder = new Thread(() -> {
                try {
                    flood.getOutputStream().write(new byte[4 << 20]);
                } catch (Exception refused) {
                    // answered 431 and closed
                }
            });
            flooder.setDaemon(true);
            flooder.start();
            Thread.sleep(300);
            trickler.getOutputStream().write('E');
            long start = System.nanoTime();
            String body = get("http://127.0.0.1:" + port + "/metrics", null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(body.contains("runledger_"), body);
            assertTrue(millis < 1000, "scrape took " + millis + " ms");
            System.out.println("scrape of a training JVM held by 22 hostile connections: " + millis + " ms");

            AgentProcess.Result r = AgentProcess.finish(child, dir);
            long lived = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("woke up"), r.stdout);
            assertTrue(lived < 4000 + 8000, "the JVM lived " + lived + " ms for a 4 s sleep");
            assertEquals("SUCCEEDED", Ledgers.onlySnapshot(dir.resolve("ledger")).path("run").path("status").asText());
        } finally {
            for (java.net.Socket s : held) {
                s.close();
            }
            child.destroyForcibly();
        }
    }
}
