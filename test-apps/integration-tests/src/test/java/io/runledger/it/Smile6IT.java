package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smile 6 on Java 25, with the common ForkJoinPool pinned to 0 as a program does to make Smile's random
 * forest reproducible. On JDK 25 initialising {@code CompletableFuture} raises that pool's parallelism to 2;
 * the agent used to do so (its futures, and starting git or OSHI's lspci), and the forest then trained on
 * worker threads: cross-validation accuracy 0.9467 instead of 0.9333. The training must be identical.
 */
class Smile6IT {

    private static final Path SMILE_NEWEST_DIR = Path.of(System.getProperty("runledger.smile.newest.dir",
            AgentProcess.ROOT + "/test-apps/smile-newest/target"));

    @Test
    void aPinnedCommonPoolStaysPinnedAndTheForestTrainsTheSame(@TempDir Path dir) throws Exception {
        String classPath = AgentProcess.moduleClassPath(SMILE_NEWEST_DIR, "smile-newest");
        AgentProcess.Result[] runs = new AgentProcess.Result[2];
        for (int i = 0; i < 2; i++) {
            Path d = Files.createDirectories(dir.resolve(i == 0 ? "plain" : "agent"));
            AgentProcess p = AgentProcess.app("io.runledger.apps.smile6.IrisForest", TestData.file("iris.arff").toString(), d.resolve("out").toString())
                    .javaHome(AgentProcess.JAVA_25).classPath(classPath).in(d)
                    .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=0");
            runs[i] = i == 0 ? p.withoutAgent().run() : p.agentArgs("dir=" + dir.resolve("ledger")).run();
            assertEquals(0, runs[i].exitCode, runs[i].toString());
        }
        assertEquals(runs[0].stdout.replace(dir.resolve("plain").toString(), "DIR"), runs[1].stdout.replace(dir.resolve("agent").toString(), "DIR"),
                "the same forest and the same cross-validation with the agent");
        assertTrue(runs[0].stdout.contains("rf cv accuracy 0.9333333333333333"), "the single-threaded result: " + runs[0].stdout);

        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode fit = s.path("trainings").get(0);
        assertEquals("smile", fit.path("framework").asText());
        assertEquals("6.3.0", fit.path("frameworkVersion").asText());
        assertEquals(19650218, fit.path("seeds").path("MathEx.setSeed").asLong());
        // the Options record's components, as the fit used them (new RandomForest.Options(60): the rest are defaults)
        JsonNode hp = fit.path("hyperparameters");
        assertEquals(60, hp.path("options.ntrees").asInt(), hp.toString());
        assertTrue(hp.path("options.maxDepth").isInt() && hp.path("options.nodeSize").isInt() && hp.path("options.subsample").isNumber(), hp.toString());
        assertEquals("GINI", hp.path("options.rule").asText(), hp.toString());
        assertTrue(hp.path("options.controller").isMissingNode(), "a progress controller is not a hyperparameter");
        assertTrue(fit.path("warnings").isEmpty(), "6.3.0 is inside the tested range: " + fit.path("warnings"));
        // Options.of(Properties) with a misspelt key: the fit given that record says which key Smile ignored
        JsonNode fromProperties = s.path("trainings").get(2);
        assertEquals(20, fromProperties.path("hyperparameters").path("options.ntrees").asInt(), fromProperties.toString());
        assertEquals(1, fromProperties.path("warnings").size(), fromProperties.path("warnings").toString());
        String warning = fromProperties.path("warnings").get(0).asText();
        assertTrue(warning.contains("ignores property 'smile.random_forest.max_dept'") && warning.contains("did you mean 'smile.random_forest.max_depth'"),
                warning);
        JsonNode cv = s.path("trainings").get(1);
        assertTrue(cv.path("entryPoint").asText().startsWith("classification(int,smile.data.formula.Formula"), cv.toString());
        assertEquals(5, cv.path("hyperparameters").path("k").asInt());
        JsonNode cvEval = cv.path("evaluations").get(0);
        assertEquals(Double.parseDouble(TestData.printed(runs[1].stdout, "rf cv accuracy", "accuracy")), cvEval.path("metrics").path("accuracy").asDouble(), 1e-12);
        assertTrue(cvEval.path("details").path("sd").path("accuracy").isNumber(), "Smile 6 calls the spread std: " + cvEval.path("details"));
        assertTrue(s.path("artifacts").get(0).path("path").asText().endsWith("iris-rf.ser"), s.path("artifacts").toString());
        assertEquals(TestData.sha256(dir.resolve("agent/out/iris-rf.ser")), s.path("artifacts").get(0).path("sha256").asText());
        // git and lspci were not run (either would have unpinned the pool): the code section comes from git's files
        assertTrue(s.path("host").path("gpus").isMissingNode(), "GPUs not collected rather than a process started: " + s.path("host"));
        assertTrue(s.path("host").path("cpuModel").isTextual(), "the rest of the host section is there: " + s.path("host"));
    }
}
