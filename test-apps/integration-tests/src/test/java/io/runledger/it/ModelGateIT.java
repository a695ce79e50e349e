package io.runledger.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, the deployment gate: real DL4J and Tribuo programs save models under a signing agent, and
 * {@code verify-model} with the pinned key passes each model as written, and refuses a changed copy, a
 * file no run wrote, and a model whose run was edited out of the ledger's trust.
 */
class ModelGateIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));
    private static final Path TRIBUO_DIR = Path.of(System.getProperty("runledger.tribuo.dir", AgentProcess.ROOT + "/test-apps/tribuo-apps/target"));

    @Test
    void realDl4jAndTribuoModelsPassTheGateAndChangedCopiesDoNot(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("ledger.key");
        assertEquals(0, AgentProcess.cli(dir, "key", "generate", key.toString()).exitCode);
        String pub = dir.resolve("ledger.key.pub").toString();
        Path ledger = dir.resolve("ledger");
        String agentArgs = "dir=" + ledger + ",ledger.signing-key=" + key;

        Path dl4jOut = dir.resolve("dl4j");
        AgentProcess.Result dl4j = app("io.runledger.apps.dl4j.IrisClassifier", TestData.file("iris.txt").toString(), dl4jOut.toString(), "5")
                .classPath(AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps")).in(Files.createDirectories(dl4jOut)).agentArgs(agentArgs).run();
        assertEquals(0, dl4j.exitCode, dl4j.toString());
        Path tribuoOut = dir.resolve("tribuo");
        AgentProcess.Result tribuo = app("io.runledger.apps.tribuo.BreastCancerLogistic", TestData.file("breastcancer.csv").toString(), tribuoOut.toString())
                .classPath(AgentProcess.moduleClassPath(TRIBUO_DIR, "tribuo-apps")).in(Files.createDirectories(dir.resolve("t"))).agentArgs(agentArgs).run();
        assertEquals(0, tribuo.exitCode, tribuo.toString());
        String[] runIds = Ledgers.snapshotFiles(ledger).stream().map(p -> p.getFileName().toString().replace(".json", "")).toArray(String[]::new);
        assertEquals(2, runIds.length);
        // the formats, as published: every ledger line, each envelope and the statement inside it
        for (String line : Ledgers.ledgerLines(ledger)) {
            Ledgers.assertValidLedgerPart(Ledgers.JSON.readTree(line), "entry");
        }
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> Ledgers.assertValidLedgerPart(Ledgers.JSON.readTree("{\"seq\":0,\"runId\":\"x\"}"), "entry"), "the schema rejects");
        for (String id : runIds) {
            com.fasterxml.jackson.databind.JsonNode envelope = Ledgers.JSON.readTree(ledger.resolve("attestations/" + id + ".dsse.json").toFile());
            Ledgers.assertValidLedgerPart(envelope, "dsseEnvelope");
            Ledgers.assertValidLedgerPart(Ledgers.JSON.readTree(java.util.Base64.getDecoder().decode(envelope.path("payload").asText())),
                    "modelStatement");
        }

        AgentProcess.Result zip = AgentProcess.cli(dir, "verify-model", dl4jOut.resolve("iris-model.zip").toString(), "--dir", ledger.toString(), "--key", pub);
        assertEquals(0, zip.exitCode, zip.toString());
        assertTrue(zip.stdout.startsWith("OK: iris-model.zip (sha256 ") && zip.stdout.contains("was written by run " + runIds[0] + " (SUCCEEDED"), zip.stdout);
        assertTrue(zip.stdout.contains("iris.txt  sha256 " + TestData.sha256(TestData.file("iris.txt"))), zip.stdout);
        assertTrue(zip.stdout.contains("training #0: dl4j org.deeplearning4j.nn.multilayer.MultiLayerNetwork") && zip.stdout.contains("seed=123"), zip.stdout);
        assertTrue(zip.stdout.contains("evaluation ") && zip.stdout.contains("accuracy="), zip.stdout);
        assertTrue(zip.stdout.contains("note: statement signed by key") && zip.stdout.contains("(pinned)"), zip.stdout);

        Path model = tribuoOut.resolve("cancer-model.tribuo");
        AgentProcess.Result ser = AgentProcess.cli(dir, "verify-model", model.toString(), "--dir", ledger.toString(), "--key", pub);
        assertEquals(0, ser.exitCode, ser.toString());
        assertTrue(ser.stdout.contains("was written by run " + runIds[1]) && ser.stdout.contains("breastcancer.csv  sha256 ")
                && ser.stdout.contains("LogisticRegressionTrainer") && ser.stdout.contains("accuracy="), ser.stdout);

        // the deployment copy of the model, one byte changed on the way
        Path shipped = Files.createDirectories(dir.resolve("deploy")).resolve("cancer-model.tribuo");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(shipped, bytes);
        AgentProcess.Result changed = AgentProcess.cli(dir, "verify-model", shipped.toString(), "--dir", ledger.toString(), "--key", pub);
        assertEquals(1, changed.exitCode, changed.toString());
        assertTrue(changed.stdout.startsWith("CHANGED: cancer-model.tribuo") && changed.stdout.contains("run " + runIds[1] + " wrote " + model), changed.stdout);

        AgentProcess.Result unknown = AgentProcess.cli(dir, "verify-model", TestData.file("iris.txt").toString(), "--dir", ledger.toString(), "--key", pub);
        assertEquals(1, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stdout.startsWith("UNKNOWN: iris.txt"), unknown.stdout);

        AgentProcess.Result otherKey = AgentProcess.cli(dir, "key", "generate", dir.resolve("other.key").toString());
        assertEquals(0, otherKey.exitCode);
        AgentProcess.Result foreign = AgentProcess.cli(dir, "verify-model", model.toString(), "--dir", ledger.toString(), "--key", dir.resolve("other.key.pub").toString());
        assertEquals(1, foreign.exitCode, foreign.toString());
        assertTrue(foreign.stdout.startsWith("UNVERIFIABLE") && foreign.stdout.contains("no valid signature by a pinned key"), foreign.stdout);

        AgentProcess.Result bad = AgentProcess.cli(dir, "verify-model", dir.resolve("absent.zip").toString(), "--dir", ledger.toString());
        assertEquals(2, bad.exitCode, bad.toString());
    }
}
