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

/** Reproduce a run from the ledger, and pick the known-good model to roll back to. */
class RollbackIT {

    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));

    private static String dl4jClassPath() throws Exception {
        return AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps");
    }

    private static void iris(Path dir, Path ledger, Path data, Path out, String epochs) throws Exception {
        AgentProcess.Result r = app("io.runledger.apps.dl4j.IrisClassifier", data.toString(), out.toString(), epochs)
                .classPath(dl4jClassPath()).in(dir).agentArgs("run.name=iris,dir=" + ledger).run();
        assertEquals(0, r.exitCode, r.toString());
    }

    @Test
    void reproduceSaysWhatStandsInTheWayAndItsCommandReruns(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Path data = Files.copy(TestData.file("iris.txt"), dir.resolve("iris.csv"));
        iris(dir, ledger, Path.of("iris.csv"), Path.of("out"), "3");   // relative paths: the rerun must start where the run did

        AgentProcess.Result ok = AgentProcess.cli(dir, "reproduce", "latest", "--json", "--dir", ledger.toString());
        assertEquals(0, ok.exitCode, ok.toString());
        JsonNode report = Ledgers.JSON.readTree(ok.stdout);
        assertTrue(report.path("reproducible").asBoolean());
        assertTrue(report.path("checks").toString().contains("data " + data.toUri()), report.toString());

        // Rerun exactly the printed shell line, through sh, from another directory; then diff: same data,
        // same hyperparameters, same scores.
        assertEquals(dir.toString(), report.path("workingDirectory").asText());
        String line = report.path("shell").asText();
        assertTrue(line.startsWith("cd " + dir + " && "), line);
        AgentProcess.Result text = AgentProcess.cli(dir, "reproduce", "latest", "--dir", ledger.toString());
        assertTrue(text.stdout.contains("rerun with (from any directory):\n  " + line + "\n"), text.stdout);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Process p = new ProcessBuilder("sh", "-c", line).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rerun.txt").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(dir.resolve("rerun.txt")));
        AgentProcess.Result diff = AgentProcess.cli(dir, "diff", "latest~1", "latest", "--json", "--dir", ledger.toString());
        JsonNode sections = Ledgers.JSON.readTree(diff.stdout).path("sections");
        assertTrue(sections.path("data").isMissingNode() && sections.path("hyperparameters").isMissingNode()
                && sections.path("featureSteps").isMissingNode() && sections.path("dependencies").isMissingNode(), sections.toString());
        assertTrue(!sections.path("outcome").toString().contains("final score"), "identical training outcome: " + sections);

        // Now the data file changes: reproduce names it and exits 1.
        Files.writeString(data, Files.readString(data).replaceFirst("5\\.1", "5.3"));
        AgentProcess.Result blocked = AgentProcess.cli(dir, "reproduce", "latest", "--dir", ledger.toString());
        assertEquals(1, blocked.exitCode, blocked.toString());
        assertTrue(blocked.stdout.contains("DIFFERS  data " + data.toUri()), blocked.stdout);
    }

    @Test
    void selectPicksTheBestModelAndChecksItOnDisk(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Path weak = dir.resolve("weak");
        Path strong = dir.resolve("strong");
        iris(dir, ledger, TestData.file("iris.txt"), strong, "20");
        iris(dir, ledger, TestData.file("iris.txt"), weak, "1");   // the latest retrain is the worse one
        List<JsonNode> runs = new ArrayList<>();
        for (Path f : Ledgers.snapshotFiles(ledger)) {
            runs.add(Ledgers.JSON.readTree(f.toFile()));
        }
        double a0 = runs.get(0).path("trainings").get(0).path("evaluations").get(0).path("metrics").path("accuracy").asDouble();
        double a1 = runs.get(1).path("trainings").get(0).path("evaluations").get(0).path("metrics").path("accuracy").asDouble();
        JsonNode better = a0 >= a1 ? runs.get(0) : runs.get(1);
        JsonNode worse = a0 >= a1 ? runs.get(1) : runs.get(0);
        assertTrue(a0 != a1, "the two runs should differ in accuracy: " + a0);

        AgentProcess.Result best = AgentProcess.cli(dir, "select", "--name", "iris", "--metric", "accuracy", "--max", "--dir", ledger.toString());
        assertEquals(0, best.exitCode, best.toString());
        assertTrue(best.stdout.startsWith(better.path("run").path("id").asText() + " "), best.stdout);
        assertTrue(best.stdout.contains(better.path("artifacts").get(0).path("path").asText()), best.stdout);
        AgentProcess.Result min = AgentProcess.cli(dir, "select", "--name", "iris", "--metric", "accuracy", "--min", "--dir", ledger.toString());
        assertTrue(min.stdout.startsWith(worse.path("run").path("id").asText() + " "), min.stdout);

        Files.writeString(Path.of(better.path("artifacts").get(0).path("path").asText()), "overwritten");
        AgentProcess.Result changed = AgentProcess.cli(dir, "select", "--name", "iris", "--metric", "accuracy", "--max", "--dir", ledger.toString());
        assertEquals(1, changed.exitCode, changed.toString());
        assertTrue(changed.stderr.contains("is changed"), changed.stderr);
        AgentProcess.Result none = AgentProcess.cli(dir, "select", "--name", "nobody", "--dir", ledger.toString());
        assertEquals(1, none.exitCode);
        assertEquals(2, AgentProcess.cli(dir, "select", "--metric", "accuracy", "--dir", ledger.toString()).exitCode, "--metric needs --max or --min");
    }
}
