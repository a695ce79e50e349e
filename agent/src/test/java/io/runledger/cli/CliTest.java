package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.hash.HashEngine;
import io.runledger.ledger.Ledger;
import io.runledger.util.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI in-process on small recorded snapshots (two real Tribuo runs whose data file changed, and two
 * DL4J-shaped ones whose ND4J backend differs): argument parsing, rendering and exit codes without a child JVM.
 */
class CliTest {

    static final String A = "01a2344a-c7c6-7880-9e1b-561366c3d497";
    static final String B = "01a2344a-d0c4-7ab8-848c-6215f8d6fa9a";

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    @BeforeEach
    void ledger() throws Exception {
        Ledger ledger = new Ledger(dir);
        ledger.ensureWritable();
        for (String fixture : new String[] {"tribuo-a", "tribuo-b", "dl4j-cpu", "dl4j-gpu"}) {
            JsonNode s = fixture(fixture);
            // the model file each run wrote, here in the temp dir, with the hash the run recorded
            byte[] model = ("model of " + fixture).getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve(fixture + ".model");
            Files.write(file, model);
            ObjectNode artifact = (ObjectNode) s.path("artifacts").get(0);
            artifact.put("path", file.toString());
            artifact.put("sha256", HashEngine.sha256Now(file));
            ledger.finish(s.path("run").path("id").asText(), s.path("run").path("status").asText(),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        }
    }

    static JsonNode fixture(String name) throws Exception {
        try (InputStream in = CliTest.class.getResourceAsStream("/snapshots/" + name + ".json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    private int cli(String... args) {
        return cliIn(dir, args);
    }

    private int cliIn(Path ledgerDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--dir";
        withDir[args.length + 1] = ledgerDir.toString();
        int code = new Cli(new PrintStream(out, true), new PrintStream(err, true)).execute(withDir);
        stdout = new String(out.toByteArray(), StandardCharsets.UTF_8);
        stderr = new String(err.toByteArray(), StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneLineError(int code, String expected) {
        assertEquals(2, code, stdout + stderr);
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.startsWith("runledger: ") && stderr.contains(expected), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
    }

    @Test
    void listHasAHeaderAndOneLinePerRunOldestFirst() throws Exception {
        assertEquals(0, cli("list"));
        String[] lines = stdout.split("\n");
        assertEquals(5, lines.length, stdout);
        assertTrue(lines[0].startsWith("ID") && lines[0].contains("STATUS") && lines[0].contains("FRAMEWORK"), lines[0]);
        String shortA = lines[1].substring(0, lines[1].indexOf(' '));
        assertTrue(A.startsWith(shortA) && shortA.length() >= 13 && !B.startsWith(shortA), "the shortest unique prefix: " + shortA);
        assertTrue(lines[1].contains("BreastCancerLogistic") && lines[1].contains("SUCCEEDED") && lines[1].contains("tribuo"), lines[1]);
        assertTrue(lines[0].contains("STARTED (" + java.time.ZoneId.systemDefault().getId() + ")"), "times name their zone: " + lines[0]);
        assertEquals(0, cli("list", "--framework", "tribuo"));   // (the DL4J fixtures' ids are made up to share 34 characters)
        for (String line : stdout.split("\n")) {
            assertTrue(line.length() <= 120, "fits 120 columns: " + line);
        }
        assertEquals(0, cli("show", shortA));
        assertTrue(stdout.startsWith("Run " + A), "a listed id resolves");
        assertEquals(0, cli("list", "--json"));
        JsonNode rows = Json.MAPPER.readTree(stdout);
        assertEquals(4, rows.size());
        assertEquals(B, rows.get(1).path("id").asText());
        assertEquals("SUCCEEDED", rows.get(1).path("status").asText());
    }

    @Test
    void listFiltersByStatusNameFrameworkAndTimeAndSortsByAMetric() throws Exception {
        assertEquals(0, cli("list", "--framework", "dl4j", "--json"));
        assertEquals(2, Json.MAPPER.readTree(stdout).size(), stdout);
        assertEquals(0, cli("list", "--framework", "tribuo", "--status", "succeeded", "--json"));
        assertEquals(2, Json.MAPPER.readTree(stdout).size(), stdout);
        assertEquals(0, cli("list", "--name", "no-such-job"));
        assertTrue(stdout.endsWith("(no run matches)\n"), stdout);
        assertEquals(0, cli("list", "--since", "2000-01-01", "--json"));
        assertEquals(4, Json.MAPPER.readTree(stdout).size());
        assertEquals(0, cli("list", "--since", "2100-01-01T00:00:00Z", "--json"));
        assertEquals(0, Json.MAPPER.readTree(stdout).size());
        assertOneLineError(cli("list", "--since", "yesterday"), "--since takes a date");
        assertOneLineError(cli("list", "--max"), "--max and --min sort by a metric: add --metric M");

        assertEquals(0, cli("list", "--metric", "accuracy", "--max"));
        String[] lines = stdout.split("\n");
        assertTrue(lines[0].contains("ACCURACY"), lines[0]);
        assertTrue(lines[1].contains("0.6901") || lines[1].matches(".*0\\.\\d{1,4} .*"), stdout);
        assertEquals(0, cli("list", "--metric", "accuracy", "--max", "--json"));
        JsonNode rows = Json.MAPPER.readTree(stdout);
        double previous = Double.MAX_VALUE;
        for (JsonNode r : rows) {
            if (r.path("accuracy").isNumber()) {
                assertTrue(r.path("accuracy").asDouble() <= previous, "highest first: " + rows);
                previous = r.path("accuracy").asDouble();
            }
        }
    }

    @Test
    void showSummarisesOneRunAndJsonIsTheRecordedSnapshot() throws Exception {
        assertEquals(0, cli("show", B.substring(0, 16)));
        assertTrue(stdout.startsWith("Run " + B + "  BreastCancerLogistic  SUCCEEDED"), stdout);
        // what was trained, how well and on what come first: the evaluation, then the data file
        String[] lines = stdout.split("\n");
        assertTrue(lines[2].startsWith("Training #0  tribuo 4.3.2  LogisticRegressionTrainer  train("), lines[2]);
        assertTrue(lines[3].matches("  evaluations +LabelEvaluationImpl: accuracy 0\\.\\d{4}, .*"), lines[3]);
        assertTrue(stdout.indexOf("breastcancer.csv") < stdout.indexOf("\nRun\n"), stdout);
        assertTrue(stdout.contains("model files   " + dir.resolve("tribuo-b.model")), stdout);
        assertTrue(stdout.contains("... 2 more (show --all)"), stdout);
        assertEquals(0, cli("show", B, "--all"));
        assertFalse(stdout.contains("more (show --all)"), stdout);
        assertTrue(stdout.indexOf("\nRun\n") < stdout.indexOf("  jvm "), "the environment comes after the trainings");
        assertEquals(0, cli("show", "latest~2", "--json"));
        assertEquals(B, Json.MAPPER.readTree(stdout).path("run").path("id").asText());
    }

    @Test
    void diffNamesTheChangedDataFileAndArgumentsAndExitsOne() throws Exception {
        assertEquals(1, cli("diff", A, B));
        assertTrue(stdout.contains("data\n  file:///tmp/fx/breastcancer.csv sha256: dfb9015a"), stdout);
        assertTrue(stdout.contains("arguments: [\"breastcancer.csv\",\"out1\"] -> [\"breastcancer.csv\",\"out2\",\"modify\"]"), stdout);
        assertFalse(stdout.contains("hyperparameters"), "same trainer settings: " + stdout);
        assertEquals(1, cli("diff", A, B, "--json"));
        JsonNode doc = Json.MAPPER.readTree(stdout);
        assertFalse(doc.path("equal").asBoolean());
        assertTrue(doc.path("sections").path("data").get(0).path("key").asText().endsWith("breastcancer.csv sha256"), stdout);
        assertEquals(0, cli("diff", A, A));
        assertTrue(stdout.startsWith("no differences"), stdout);
    }

    @Test
    void aModulesEnvironmentDetailsAreDiffedAsEnvironment() {
        assertEquals(1, cli("diff", "01a2344a-ffff-7000-8000-000000000001", "01a2344a-ffff-7000-8000-000000000002"));
        assertTrue(stdout.contains("environment\n"), stdout);
        assertTrue(stdout.contains("backend: CPU -> CUDA"), stdout);
        assertTrue(stdout.contains("blas.vendor: OPENBLAS -> CUBLAS"), stdout);
    }

    @Test
    void verifyPrintsItsVerdictAsTextOrJson() throws Exception {
        assertEquals(0, cli("verify"));
        assertTrue(stdout.startsWith("OK: 4 ledger line(s), 4 snapshot(s) verified"), stdout);
        assertEquals(0, cli("verify", "--json"));
        JsonNode ok = Json.MAPPER.readTree(stdout);
        assertTrue(ok.path("ok").asBoolean());
        assertEquals(4, ok.path("snapshotsChecked").asInt());
        Path snapshot = dir.resolve("runs").resolve(A + ".json");
        ObjectNode edited = (ObjectNode) Json.MAPPER.readTree(snapshot.toFile());
        ((ObjectNode) edited.path("run")).put("name", "someone-else");
        Files.write(snapshot, Json.MAPPER.writeValueAsBytes(edited));
        assertEquals(1, cli("verify", "--json"));
        JsonNode failed = Json.MAPPER.readTree(stdout);
        assertFalse(failed.path("ok").asBoolean());
        assertTrue(failed.path("problems").get(0).asText().contains(A + ": snapshot edited"), stdout);
    }

    @Test
    void anOptionACommandDoesNotTakeIsAnErrorNamingItsOptions() {
        assertOneLineError(cli("show", "--status", "FAILED", "latest"), "unknown option '--status' for show (show takes: --dir, --json, --all, --help)");
        assertOneLineError(cli("show", "--since", "latest"), "unknown option '--since' for show");
        assertOneLineError(cli("verify", "--max"), "unknown option '--max' for verify");
        assertOneLineError(cli("frobnicate"), "unknown command 'frobnicate' (commands: list, show, verify, diff, select, reproduce,");
        assertOneLineError(cli("show"), "show takes one RUN (try: show --help)");
        assertOneLineError(cli("diff", "latest"), "diff takes RUN_A RUN_B");
        assertOneLineError(cli("show", "a", "b"), "show takes one RUN; unexpected argument 'b'");
        assertOneLineError(cli("select", "--metric", "accuracy"), "--metric needs --max or --min");
        assertOneLineError(cli("select", "--max", "--min"), "--max, --min are mutually exclusive");
        assertOneLineError(cli("show", "ffffffff"), "no run matches 'ffffffff'");
        assertOneLineError(cli("show", "latest~9"), "the ledger has 4 readable run(s)");
    }

    @Test
    void helpIsPerCommandAndExitsZero() {
        assertEquals(0, cli("diff", "--help"));
        assertTrue(stdout.contains("RUN_A") && stdout.contains("--all") && stdout.contains("--json"), stdout);
        assertFalse(stdout.contains("--metric"), "only diff's own options: " + stdout);
    }

    @Test
    void selectPicksTheBestRunAndChecksItsModelFileOnDisk() throws Exception {
        assertEquals(0, cli("select", "--name", "BreastCancerLogistic", "--metric", "accuracy", "--max", "--json"));
        JsonNode doc = Json.MAPPER.readTree(stdout);
        assertEquals(B, doc.path("runId").asText(), "equal accuracy: the later run wins");
        assertEquals("intact", doc.path("file").asText());
        Files.write(dir.resolve("tribuo-b.model"), "retrained by hand".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, cli("select", "--name", "BreastCancerLogistic", "--metric", "accuracy", "--max"));
        assertTrue(stderr.contains("tribuo-b.model is changed (SHA-256 differs from the recorded one)"), stderr);
        Files.delete(dir.resolve("tribuo-b.model"));
        assertEquals(1, cli("select", "--name", "BreastCancerLogistic"));
        assertTrue(stderr.contains("is missing"), stderr);
    }

    @Test
    void aSnapshotOfAnotherSchemaVersionIsRefusedInOneLine() throws Exception {
        Path snapshot = dir.resolve("runs").resolve(B + ".json");
        ObjectNode future = (ObjectNode) Json.MAPPER.readTree(snapshot.toFile());
        future.put("schemaVersion", 2);
        Files.write(snapshot, Json.MAPPER.writeValueAsBytes(future));
        assertOneLineError(cli("show", B), "of schemaVersion 2; this CLI reads version 1");
        assertEquals(0, cli("list"));
        assertTrue(stdout.contains("UNREADABLE"), stdout);
    }

    @Test
    void theReportIsOneSelfContainedPageWithBothRuns() throws Exception {
        Path html = dir.resolve("r.html");
        assertEquals(0, cli("report", A, B, "-o", html.toString()));
        String page = new String(Files.readAllBytes(html), StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
        assertTrue(page.contains(A) && page.contains(B), "both runs");
        assertFalse(page.contains("<script src="), "self-contained");
    }

    /** Arguments with shell syntax in them come back from a real POSIX shell exactly as recorded. */
    @Test
    void reproducePrintsACommandAShellReadsBackArgumentForArgument() throws Exception {
        java.util.List<String> args = java.util.Arrays.asList("java", "-cp", "a b.jar", "label==1;$(touch x)", "it's", "", "--x=`y`", "plain-1.0");
        String line = ReproduceCommand.shellQuoted(args);
        Process p = new ProcessBuilder("sh", "-c", "for a in " + line + "; do printf '%s\\n' \"$a\"; done").directory(dir.toFile()).start();
        String echoed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(String.join("\n", args) + "\n", echoed);
        assertFalse(Files.exists(dir.resolve("x")), "nothing in an argument ran");
        assertTrue(line.contains("plain-1.0") && !line.contains("'plain-1.0'"), "plain words stay readable: " + line);
    }

    @Test
    void theReportAllowsOnlyItsOwnScriptByHash() throws Exception {
        Path html = dir.resolve("r.html");
        assertEquals(0, cli("report", A, "-o", html.toString()));
        String page = new String(Files.readAllBytes(html), StandardCharsets.UTF_8);
        String csp = page.substring(page.indexOf("Content-Security-Policy"), page.indexOf(">", page.indexOf("Content-Security-Policy")));
        assertFalse(csp.contains("script-src 'unsafe-inline'"), csp);
        String script = page.substring(page.indexOf("<script>") + 8, page.indexOf("</script>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertTrue(csp.contains("script-src 'sha256-" + hash + "'"), csp);
    }

    /** Every file of the ledger directory with its bytes and modification time. */
    private java.util.Map<String, String> state() throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir " + Files.getLastModifiedTime(p)
                        : io.runledger.util.Hex.sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    /** Issue 15: a RUNNING snapshot whose process is gone sits in the ledger; no reader marks it or writes anything. */
    @Test
    void everyReaderLeavesTheLedgerByteIdentical() throws Exception {
        String lost = "{\"schemaVersion\":1,\"run\":{\"id\":\"01a2344a-ffff-7000-8000-0000000000ff\",\"status\":\"RUNNING\","
                + "\"startedAt\":\"2026-01-01T00:00:00Z\"},\"process\":{\"pid\":999999999,\"hostname\":\"" + io.runledger.ledger.Hostname.get() + "\"}}";
        Files.writeString(new Ledger(dir).snapshotFile("01a2344a-ffff-7000-8000-0000000000ff"), lost);
        java.util.Map<String, String> before = state();
        Path report = Files.createTempFile("report", ".html");
        cli("list");
        cli("show", "latest");
        cli("show", A, "--json");
        cli("verify");
        cli("verify", "--json");
        cli("diff", A, B);
        cli("report", A, B, "-o", report.toString());
        cli("select", "--name", "tribuo-iris");
        cli("reproduce", A);
        cli("checkpoint");
        cli("prove", A);
        cli("verify-model", dir.resolve("tribuo-a.model").toString());
        assertEquals(before, state());
        Files.deleteIfExists(report);
    }

    @Test
    void selectSkipsAndShowWarnsAboutARunEditedSinceItWasRecorded() throws Exception {
        assertEquals(0, cli("select", "--json"));
        String picked = Json.MAPPER.readTree(stdout).path("runId").asText();
        Path file = new Ledger(dir).snapshotFile(picked);
        Files.writeString(file, Files.readString(file).replace("\"SUCCEEDED\"", "\"SUCCEEDED\" "));
        cli("select", "--json");
        assertTrue(stderr.contains("skipped run " + picked + ": edited since it was recorded"), stderr);
        assertFalse(stdout.contains(picked), stdout);
        cli("show", picked);
        assertTrue(stderr.startsWith("WARNING: run " + picked + " is not verified: edited since it was recorded"), stderr);
    }

    @Test
    void latestIsTheNewestInLedgerOrderWhateverTheWritersClockSaid() throws Exception {
        JsonNode s = fixture("tribuo-a");
        ((ObjectNode) s.path("run")).put("id", "01a2344a-0000-7000-8000-000000002100");
        ((ObjectNode) s.path("run")).put("startedAt", "2100-01-01T00:00:00Z");
        new Ledger(dir).finish("01a2344a-0000-7000-8000-000000002100", "SUCCEEDED", Json.MAPPER.writeValueAsBytes(s));
        new Ledger(dir).finish(A + "x", "SUCCEEDED", Json.MAPPER.writeValueAsBytes(fixture("tribuo-b")));
        assertEquals(0, cli("show", "latest~1", "--json"));
        assertTrue(stdout.contains("2100-01-01"), "the run from 2100 is one before the latest, not the latest forever");
    }

    @Test
    void proveGivesAnInclusionProofThatChecksOffline() throws Exception {
        assertEquals(0, cli("prove", B));
        JsonNode proof = Json.MAPPER.readTree(stdout);
        java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
        java.util.List<byte[]> path = new java.util.ArrayList<>();
        proof.path("inclusionProof").forEach(n -> path.add(b64.decode(n.asText())));
        byte[] leaf = io.runledger.ledger.MerkleTree.leafHash(proof.path("entry").asText().getBytes(StandardCharsets.UTF_8));
        assertTrue(io.runledger.ledger.MerkleTree.verifyInclusion(leaf, proof.path("leafIndex").asLong(), proof.path("treeSize").asLong(),
                path, b64.decode(proof.path("rootHash").asText())));
        assertTrue(proof.path("checkpoint").asText().contains(proof.path("rootHash").asText()));
        assertEquals(4, proof.path("treeSize").asInt());
    }

    @Test
    void verifyModelIsADeploymentGateWithExitCodes() throws Exception {
        Path model = dir.resolve("tribuo-a.model");
        assertEquals(1, cli("verify-model", model.toString()));
        assertTrue(stdout.startsWith("UNVERIFIABLE: tribuo-a.model") && stdout.contains("the statement is unsigned"), stdout);
        assertOneLineError(cli("verify-model", dir.resolve("absent.bin").toString()), "no readable model file");

        Path signed = dir.resolve("signed");
        io.runledger.ledger.LedgerKey key = io.runledger.ledger.LedgerKey.generate(dir.resolve("ledger.key"));
        new Ledger(signed).signWith(key).finish(A, "SUCCEEDED", Files.readAllBytes(new Ledger(dir).snapshotFile(A)));
        String pub = dir.resolve("ledger.key.pub").toString();
        assertEquals(0, cliIn(signed, "verify-model", model.toString(), "--key", pub));
        assertTrue(stdout.startsWith("OK: tribuo-a.model (sha256 ") && stdout.contains("was written by run " + A), stdout);
        assertTrue(stdout.contains("note: ledger entry 1 included in the signed checkpoint of 1 entries"), stdout);
        assertTrue(stdout.contains("  file:///tmp/fx/breastcancer.csv  sha256 dfb9015a"), stdout);
        assertTrue(stdout.contains("hyperparameters: class-name=org.tribuo.classification.sgd.linear.LogisticRegressionTrainer, seed=12345"), stdout);
        assertTrue(stdout.contains("evaluation LabelEvaluationImpl: accuracy=0.69"), stdout);
        assertEquals(0, cliIn(signed, "verify-model", model.toString(), "--key", pub, "--json"));
        assertEquals("VERIFIED", Json.MAPPER.readTree(stdout).path("verdict").asText());
        assertOneLineError(cliIn(signed, "verify-model", model.toString(), "--key", dir.resolve("absent.pub").toString()), "cannot read the public key");

        Files.writeString(model, "retouched");
        assertEquals(1, cliIn(signed, "verify-model", model.toString(), "--key", pub));
        assertTrue(stdout.startsWith("CHANGED: tribuo-a.model"), stdout);
    }

    /** An insider edits a snapshot and rewrites its entry's hash to match, but cannot re-sign the entry. */
    @Test
    void readersDistrustAnEntryWhoseSignatureNoLongerHolds() throws Exception {
        Path signed = dir.resolve("signed");
        Ledger l = new Ledger(signed).signWith(io.runledger.ledger.LedgerKey.generate(dir.resolve("ledger.key")));
        for (String id : new String[] {A, B}) {
            l.finish(id, "SUCCEEDED", Files.readAllBytes(new Ledger(dir).snapshotFile(id)));
        }
        assertEquals(0, cliIn(signed, "select", "--json"));
        assertEquals(B, Json.MAPPER.readTree(stdout).path("runId").asText());
        byte[] edited = Files.readString(l.snapshotFile(B)).replace("\"seed\" : 12345", "\"seed\" : 1").getBytes(StandardCharsets.UTF_8);
        assertFalse(Files.readString(l.snapshotFile(B)).equals(new String(edited, StandardCharsets.UTF_8)), "the edit changes the snapshot");
        Files.write(l.snapshotFile(B), edited);
        String ledgerText = Files.readString(l.ledgerFile());
        String oldSha = Json.MAPPER.readTree(l.readLines().get(1)).path("snapshotSha256").asText();
        Files.writeString(l.ledgerFile(), ledgerText.replace(oldSha, io.runledger.util.Hex.sha256(edited)));

        cliIn(signed, "select", "--json");
        assertTrue(stderr.contains("skipped run " + B + ": its ledger entry's signature does not hold"), stderr + "|" + stdout);
        assertEquals(A, Json.MAPPER.readTree(stdout).path("runId").asText());
        cliIn(signed, "show", B);
        assertTrue(stderr.startsWith("WARNING: run " + B + " is not verified: its ledger entry's signature does not hold"), stderr);
    }
}
