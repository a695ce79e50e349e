package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent attached to a JVM that is already training: it records from then on. */
class AttachIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));

    @Test
    void attachMidTrainingRecordsTheRestOfTheRun(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Process p = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dir.resolve("out").toString(), "100")
                .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(dir).withoutAgent().start();
        AgentProcess.awaitOutput(dir, "iris iteration 150 ", 120_000);   // epoch 10 of 100, no agent so far (the attach itself takes a few epochs on a busy machine)

        AgentProcess.Result attach = AgentProcess.cli(dir, "attach", String.valueOf(p.pid()), "run.name=attached,dir=" + ledger);
        assertEquals(0, attach.exitCode, attach.toString());
        assertTrue(attach.stdout.startsWith("attached to process " + p.pid()), attach.stdout);
        AgentProcess.Result again = AgentProcess.cli(dir, "attach", String.valueOf(p.pid()), "dir=" + ledger);
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.stdout.contains("already runs the RunLedger agent; nothing changed"), again.stdout);

        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        AgentProcess.Result app = AgentProcess.finish(p, dir);
        assertEquals(0, app.exitCode, app.toString());

        JsonNode s = Ledgers.onlySnapshot(ledger);
        assertEquals("attached", s.path("run").path("name").asText());
        assertEquals("SUCCEEDED", s.path("run").path("status").asText());
        assertTrue(s.path("run").path("attachedAt").isTextual());
        assertTrue(s.path("warnings").toString().contains("what happened before that is unknown"), s.path("warnings").toString());
        JsonNode t = s.path("trainings").get(0);
        assertEquals("(already running when the agent attached)", t.path("entryPoint").asText());
        assertEquals(123, t.path("hyperparameters").path("seed").asInt(), "the configuration is read from the live network");
        JsonNode scores = t.path("metrics").get(0);
        assertTrue(scores.path("points").get(0).path("iteration").asInt() >= 150, "only what came after the attach");
        assertEquals(Integer.parseInt(TestData.printed(app.stdout, "iris iterations", "iterations")) - 1,
                scores.path("points").get(scores.path("points").size() - 1).path("iteration").asInt(), "up to the last iteration");
        assertTrue(t.path("metrics").get(1).path("count").asInt() >= 40, "the later epochs");
        assertEquals(Double.parseDouble(TestData.printed(app.stdout, "iris accuracy", "accuracy")),
                t.path("evaluations").get(0).path("metrics").path("accuracy").asDouble());
        assertEquals(TestData.sha256(TestData.file("iris.txt")), s.path("dataSources").get(0).path("sha256").asText(),
                "the file opened for evaluation after the attach");
        Path model = Path.of(TestData.printed(app.stdout, "iris model", "model"));
        assertEquals(TestData.sha256(model), s.path("artifacts").get(0).path("sha256").asText());
    }

    @Test
    void attachToNoSuchProcessIsAnError(@TempDir Path dir) throws Exception {
        AgentProcess.Result r = AgentProcess.cli(dir, "attach", "999999999");
        assertEquals(2, r.exitCode, r.toString());
        assertEquals(1, r.stderr.lines().count(), r.stderr);
    }
}
