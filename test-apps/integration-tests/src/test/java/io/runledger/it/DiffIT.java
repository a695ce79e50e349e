package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairs of real runs where exactly one thing changed: the diff names that thing and nothing else. */
class DiffIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));
    private static final Path JARS = Path.of(System.getProperty("runledger.jar.versions", "target/jar-versions"));

    private static String dl4jClassPath() throws Exception {
        return AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps");
    }

    private static void iris(Path dir, Path ledger, Path data, String epochs, String normalizer) throws Exception {
        Path work = Files.createTempDirectory(dir, "run");
        AgentProcess.Result r = app("io.runledger.apps.dl4j.IrisClassifier", data.toString(), dir.resolve("out").toString(), epochs, normalizer)
                .classPath(dl4jClassPath()).in(work).agentArgs("run.name=iris,dir=" + ledger).run();
        assertEquals(0, r.exitCode, r.toString());
    }

    /** The diff as JSON; asserts the exit code says "different". */
    private static JsonNode diff(Path dir, Path ledger) throws Exception {
        AgentProcess.Result text = AgentProcess.cli(dir, "diff", "latest~1", "latest", "--dir", ledger.toString());
        assertEquals(1, text.exitCode, text.toString());
        AgentProcess.Result json = AgentProcess.cli(dir, "diff", "latest~1", "latest", "--json", "--dir", ledger.toString());
        assertEquals(1, json.exitCode, json.toString());
        return Ledgers.JSON.readTree(json.stdout);
    }

    private static List<String> keys(JsonNode diff, String section) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : diff.path("sections").path(section)) {
            out.add(c.path("key").asText());
        }
        return out;
    }

    private static void assertUnchanged(JsonNode diff, String... sections) {
        for (String s : sections) {
            assertTrue(diff.path("sections").path(s).isMissingNode(), s + " should not differ: " + diff.path("sections").path(s));
        }
    }

    @Test
    void oneHyperparameter(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        iris(dir, ledger, TestData.file("iris.txt"), "2", "standardize");
        iris(dir, ledger, TestData.file("iris.txt"), "3", "standardize");
        JsonNode d = diff(dir, ledger);
        assertEquals(List.of("training #0 (MultiLayerNetwork) epochsRequested"), keys(d, "hyperparameters"));
        JsonNode change = d.path("sections").path("hyperparameters").get(0);
        assertEquals("2", change.path("before").asText());
        assertEquals("3", change.path("after").asText());
        assertUnchanged(d, "data", "dependencies", "featureSteps");
        assertTrue(keys(d, "outcome").contains("training #0 (MultiLayerNetwork) final score"), keys(d, "outcome").toString());
    }

    @Test
    void theDataFile(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Path data = Files.copy(TestData.file("iris.txt"), dir.resolve("iris.csv"));
        iris(dir, ledger, data, "2", "standardize");
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.set(0, lines.get(0).replaceFirst("^5\\.1", "5.2"));   // one measurement corrected
        Files.write(data, lines);
        iris(dir, ledger, data, "2", "standardize");
        JsonNode d = diff(dir, ledger);
        assertEquals(List.of(data.toUri() + " sha256"), keys(d, "data"));
        assertUnchanged(d, "hyperparameters", "dependencies");
    }

    @Test
    void theNormalizer(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        iris(dir, ledger, TestData.file("iris.txt"), "2", "standardize");
        iris(dir, ledger, TestData.file("iris.txt"), "2", "minmax");
        JsonNode d = diff(dir, ledger);
        assertEquals(List.of("training #0 (MultiLayerNetwork) step 0"), keys(d, "featureSteps"));
        assertEquals("NormalizerStandardize", d.path("sections").path("featureSteps").get(0).path("before").asText());
        assertEquals("NormalizerMinMaxScaler", d.path("sections").path("featureSteps").get(0).path("after").asText());
        assertUnchanged(d, "data", "hyperparameters", "dependencies");
    }

    @Test
    void aDependencyVersion(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        for (String version : new String[] {"2.0.12", "2.0.17"}) {
            String cp = AgentProcess.PLAIN_JAR + ":" + JARS.resolve("slf4j-api-" + version + ".jar");
            assertEquals(0, app("io.runledger.apps.plain.ExitApp", "normal").classPath(cp).in(Files.createTempDirectory(dir, "run"))
                    .agentArgs("capture=always,run.name=deps,dir=" + ledger).run().exitCode);
        }
        JsonNode d = diff(dir, ledger);
        assertEquals(List.of("org.slf4j:slf4j-api version"), keys(d, "dependencies"));
        assertEquals("2.0.12", d.path("sections").path("dependencies").get(0).path("before").asText());
        assertEquals("2.0.17", d.path("sections").path("dependencies").get(0).path("after").asText());
        assertUnchanged(d, "data", "hyperparameters", "featureSteps");
    }

    @Test
    void aJvmFlag(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        for (String heap : new String[] {"-Xmx256m", "-Xmx384m"}) {
            assertEquals(0, app("io.runledger.apps.plain.ExitApp", "normal").jvmArg(heap).in(Files.createTempDirectory(dir, "run"))
                    .agentArgs("capture=always,run.name=flags,dir=" + ledger).run().exitCode);
        }
        JsonNode d = diff(dir, ledger);
        assertTrue(keys(d, "environment").containsAll(List.of("jvm flags", "heap max")), keys(d, "environment").toString());
        assertTrue(d.path("sections").path("environment").toString().contains("-Xmx384m"));
        assertUnchanged(d, "data", "hyperparameters", "dependencies", "code");
    }

    @Test
    void aRunWithItselfIsEqualAndBadInputIsAnError(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        assertEquals(0, app("io.runledger.apps.plain.ExitApp", "normal").in(Files.createTempDirectory(dir, "run"))
                .agentArgs("capture=always,dir=" + ledger).run().exitCode);
        AgentProcess.Result same = AgentProcess.cli(dir, "diff", "latest", "latest", "--dir", ledger.toString());
        assertEquals(0, same.exitCode, same.toString());
        assertTrue(same.stdout.startsWith("no differences"), same.stdout);
        AgentProcess.Result unknown = AgentProcess.cli(dir, "diff", "latest", "nope", "--dir", ledger.toString());
        assertEquals(2, unknown.exitCode);
        assertEquals(1, unknown.stderr.lines().count(), unknown.stderr);
    }
}
