package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.util.Hex;
import io.runledger.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, models tied to their runs: the statement each finished run writes over its model files, and
 * {@link ModelVerifier} as a deployment gate against every way an insider could get a model past it.
 */
class ModelAttestationTest {

    /** A snapshot as the agent writes one: a data source, one training with hyperparameters, the model file it saved. */
    private static byte[] snapshot(String id, Path model, Path data) throws Exception {
        String json = "{\"schemaVersion\":1,\"run\":{\"id\":\"" + id + "\",\"status\":\"SUCCEEDED\",\"endedAt\":\"2026-12-02T10:00:00Z\"},"
                + "\"code\":{\"commit\":\"0123456789abcdef0123456789abcdef01234567\",\"dirty\":false},"
                + "\"trainings\":[{\"index\":0,\"framework\":\"tribuo\",\"hyperparameters\":{\"epochs\":5,\"seed\":12345},"
                + "\"evaluations\":[{\"type\":\"LabelEvaluationImpl\",\"metrics\":{\"accuracy\":0.69}}]}],"
                + "\"dataSources\":[{\"kind\":\"file\",\"uri\":\"" + data.toUri() + "\",\"sha256\":\"" + sha(data) + "\"}],"
                + "\"artifacts\":[{\"kind\":\"model\",\"path\":\"" + model + "\",\"sha256\":\"" + sha(model) + "\",\"training\":0,"
                + "\"status\":\"WRITTEN\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha(Path p) throws Exception {
        return Hex.sha256(Files.readAllBytes(p));
    }

    private static final class Setup {
        final Path dir;
        final LedgerKey key;
        final Ledger ledger;
        final Path model;

        Setup(Path dir, boolean signed) throws Exception {
            this.dir = Files.createDirectories(dir);
            this.key = signed ? LedgerKey.generate(dir.resolve("ledger.key")) : null;
            this.ledger = new Ledger(dir.resolve("ledger")).signWith(key);
            Path data = dir.resolve("train.csv");
            Files.writeString(data, "a,b\n1,2\n");
            Files.createDirectories(dir.resolve("out"));
            for (int i = 0; i < 3; i++) {   // earlier runs, so the proof has a path
                Path other = dir.resolve("out/other-" + i + ".bin");
                Files.writeString(other, "other model " + i);
                ledger.finish("run-0" + i, "SUCCEEDED", snapshot("run-0" + i, other, data));
            }
            this.model = dir.resolve("out/model.tribuo");
            Files.write(model, "the model's bytes".getBytes(StandardCharsets.UTF_8));
            ledger.finish("run-10", "SUCCEEDED", snapshot("run-10", model, data));
            ledger.finish("run-11", "SUCCEEDED", "{\"run\":{\"id\":\"run-11\",\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8));
        }

        ModelVerifier.Result check(Path file, LedgerKey... pinned) throws Exception {
            return ModelVerifier.verify(ledger, file, List.of(pinned));
        }

        LedgerKey pub() throws Exception {
            return LedgerKey.loadPublic(dir.resolve("ledger.key.pub")).get(0);
        }
    }

    private static boolean named(ModelVerifier.Result r, String fragment) {
        return r.problems.stream().anyMatch(p -> p.contains(fragment));
    }

    @Test
    void paeIsTheDsseEncoding() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void everyRunWithAModelGetsASignedInTotoStatementNamingItsRunDataHyperparametersAndCheckpoint(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        assertFalse(Files.exists(s.ledger.attestationFile("run-11")), "a run without a model file has no statement");
        Dsse env = Dsse.parse(Files.readAllBytes(s.ledger.attestationFile("run-10")));
        assertEquals(Dsse.IN_TOTO, env.payloadType);
        assertEquals(s.key.fingerprint(), env.signatures.get(0).getKey());
        JsonNode st = Json.MAPPER.readTree(env.payload());
        assertEquals("https://in-toto.io/Statement/v1", st.path("_type").asText());
        assertEquals("model.tribuo", st.path("subject").get(0).path("name").asText());
        assertEquals(Hex.sha256(Files.readAllBytes(s.model)), st.path("subject").get(0).path("digest").path("sha256").asText());
        JsonNode p = st.path("predicate");
        assertEquals("run-10", p.path("runId").asText());
        assertEquals(4, p.path("ledger").path("entry").asInt());
        Checkpoint cp = Checkpoint.parse(p.path("ledger").path("checkpoint").asText());
        assertEquals(4, cp.size, "the checkpoint written right after the run's entry");
        assertEquals(Hex.sha256(Files.readAllBytes(dir.resolve("train.csv"))), p.path("dataSources").get(0).path("sha256").asText());
        assertEquals(Hex.sha256("[{\"epochs\":5,\"seed\":12345}]"), p.path("hyperparametersSha256").asText());
        assertEquals("0123456789abcdef0123456789abcdef01234567", p.path("code").path("commit").asText());
    }

    @Test
    void theModelAsWrittenIsVerifiedAgainstThePinnedKey(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        ModelVerifier.Result r = s.check(s.model, s.pub());
        assertEquals(ModelVerifier.Verdict.VERIFIED, r.verdict, r.problems.toString());
        assertEquals("run-10", r.runId);
        assertTrue(r.notes.stream().anyMatch(n -> n.contains("ledger entry 4 included in the signed checkpoint of 4 entries")), r.notes.toString());
        Path copy = Files.copy(s.model, dir.resolve("shipped.bin"));
        assertEquals(ModelVerifier.Verdict.VERIFIED, s.check(copy, s.pub()).verdict, "found by content, whatever the file is called");
    }

    @Test
    void aChangedCopyAnUnknownFileAndAnUnsignedLedgerAreRefused(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        Path changed = Files.createDirectories(dir.resolve("deploy")).resolve("model.tribuo");
        Files.write(changed, "the model's bytes, retouched".getBytes(StandardCharsets.UTF_8));
        ModelVerifier.Result r = s.check(changed, s.pub());
        assertEquals(ModelVerifier.Verdict.CHANGED, r.verdict);
        assertEquals("run-10", r.runId);
        Path unknown = Files.writeString(dir.resolve("stranger.bin"), "never trained here");
        assertEquals(ModelVerifier.Verdict.UNKNOWN, s.check(unknown, s.pub()).verdict);

        Setup unsigned = new Setup(dir.resolve("u"), false);
        ModelVerifier.Result u = unsigned.check(unsigned.model);
        assertEquals(ModelVerifier.Verdict.UNVERIFIABLE, u.verdict);
        assertTrue(named(u, "unsigned"), u.problems.toString());
    }

    @Test
    void anEditedSnapshotARollbackAndAForgedStatementAreNamed(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        Path snap = s.ledger.snapshotFile("run-10");
        byte[] original = Files.readAllBytes(snap);
        Files.writeString(snap, new String(original, StandardCharsets.UTF_8).replace("\"epochs\":5", "\"epochs\":50"));
        assertTrue(named(s.check(s.model, s.pub()), "edited since it was recorded"));
        Files.write(snap, original);
        assertEquals(ModelVerifier.Verdict.VERIFIED, s.check(s.model, s.pub()).verdict);

        // an insider with write access but no key re-seals the statement with a key of their own and publishes it
        LedgerKey intruder = LedgerKey.generate(dir.resolve("intruder.key"));
        byte[] statement = Dsse.parse(Files.readAllBytes(s.ledger.attestationFile("run-10"))).payload();
        Files.write(s.ledger.attestationFile("run-10"), Dsse.seal(Dsse.IN_TOTO, statement, intruder));
        Files.writeString(s.ledger.keysDir().resolve(intruder.fingerprint() + ".pub"), intruder.publicPem());
        ModelVerifier.Result forged = s.check(s.model, s.pub());
        assertEquals(ModelVerifier.Verdict.UNVERIFIABLE, forged.verdict);
        assertTrue(named(forged, "no valid signature by a pinned key"), forged.problems.toString());

        // the run's entry rolled back out of the ledger: its statement alone proves nothing
        Setup t = new Setup(dir.resolve("t"), true);
        List<String> lines = t.ledger.readLines();
        Files.writeString(t.ledger.ledgerFile(), String.join("\n", lines.subList(0, 3)) + "\n");
        ModelVerifier.Result rolled = t.check(t.model, t.pub());
        assertEquals(ModelVerifier.Verdict.UNVERIFIABLE, rolled.verdict);
        assertTrue(named(rolled, "not in the ledger"), rolled.problems.toString());
    }

    @Test
    void aRewrittenHistoryBeforeTheRunBreaksItsInclusionProof(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        List<String> lines = new ArrayList<>(s.ledger.readLines());
        lines.set(0, lines.get(0).replace("SUCCEEDED", "FAILED"));
        Files.writeString(s.ledger.ledgerFile(), String.join("\n", lines) + "\n");
        ModelVerifier.Result r = s.check(s.model, s.pub());
        assertEquals(ModelVerifier.Verdict.UNVERIFIABLE, r.verdict);
        assertTrue(named(r, "history rewritten"), r.problems.toString());
    }

    /** The envelope's signature checked by openssl, over the DSSE pre-authentication encoding: no project code in the check. */
    @Test
    void opensslVerifiesTheStatementSignatureOverThePae(@TempDir Path dir) throws Exception {
        Setup s = new Setup(dir, true);
        JsonNode env = Json.MAPPER.readTree(Files.readAllBytes(s.ledger.attestationFile("run-10")));
        byte[] payload = Base64.getDecoder().decode(env.path("payload").asText());
        String type = env.path("payloadType").asText();
        // the PAE built here by hand from the DSSE spec, not by Dsse.pae
        byte[] head = ("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] pae = new byte[head.length + payload.length];
        System.arraycopy(head, 0, pae, 0, head.length);
        System.arraycopy(payload, 0, pae, head.length, payload.length);
        assertArrayEquals(Dsse.pae(type, payload), pae);
        Files.write(dir.resolve("pae.bin"), pae);
        Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(env.path("signatures").get(0).path("sig").asText()));
        String ok = openssl(dir, "dgst", "-sha256", "-verify", "ledger.key.pub", "-signature", "sig.der", "pae.bin");
        assertTrue(ok.contains("Verified OK"), ok);

        pae[pae.length - 2] ^= 1;
        Files.write(dir.resolve("pae.bin"), pae);
        String bad = openssl(dir, "dgst", "-sha256", "-verify", "ledger.key.pub", "-signature", "sig.der", "pae.bin");
        assertTrue(bad.contains("Verification failure"), bad);

        // and the other way: an envelope signed by openssl with the same key verifies with the project's code
        Files.write(dir.resolve("pae.bin"), Dsse.pae(type, payload));
        openssl(dir, "dgst", "-sha256", "-sign", "ledger.key", "-out", "openssl.sig", "pae.bin");
        String sealed = "{\"payloadType\":\"" + type + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(payload)
                + "\",\"signatures\":[{\"keyid\":\"" + s.key.fingerprint() + "\",\"sig\":\""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("openssl.sig"))) + "\"}]}";
        assertEquals(s.key.fingerprint(), Dsse.parse(sealed.getBytes(StandardCharsets.UTF_8)).signedBy(java.util.Map.of(s.key.fingerprint(), s.pub())));
    }

    private static String openssl(Path dir, String... args) throws Exception {
        boolean installed = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            installed |= new java.io.File(d, "openssl").canExecute();
        }
        assertTrue(installed, "'openssl' is not installed: install the Debian package openssl, or run ./test.sh, which installs it");
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
