package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real multi-JVM Spark cluster on loopback ({@code local-cluster[2,1,1024]}: a master, a worker and two
 * executor JVMs started from the Maven jars), the agent on the driver and on the executors. The driver's
 * run lists its executors; executors make no runs of their own; one executor killed mid-job is LOST and
 * the one Spark starts in its place is listed too.
 */
class SparkClusterIT {

    private static final Path SPARK_DIR = Path.of(System.getProperty("runledger.spark.dir", AgentProcess.ROOT + "/test-apps/spark-apps/target"));

    /** A SPARK_HOME made of the resolved jars, where Spark's launcher looks for them when it starts executors. */
    private static Path sparkHome(Path dir) throws Exception {
        Path home = dir.resolve("spark-home");
        for (Path jars : new Path[] {home.resolve("jars"), home.resolve("assembly/target/scala-2.12/jars")}) {
            Files.createDirectories(jars);
            for (String entry : Files.readString(SPARK_DIR.resolve("classpath.txt")).trim().split(":")) {
                Path jar = Path.of(entry);
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return home;
    }

    @Test
    void executorsAreListedInTheDriversRunAndAKilledOneIsLost(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        AgentProcess app = AgentProcess.app("io.runledger.apps.spark.BreastCancerPipeline", TestData.file("breastcancer.csv").toString(),
                        dir.resolve("out/model").toString(), "local-cluster[2,1,1024]", "no-cv")
                .classPath(AgentProcess.moduleClassPath(SPARK_DIR, "spark-apps")).in(dir).agentArgs("dir=" + ledger)
                .env("SPARK_HOME", sparkHome(dir).toString()).env("SPARK_SCALA_VERSION", "2.12")
                // parts every second: at the default 30 s an executor that reads late may end before its first part with a read
                .jvmArg("-Dspark.executor.extraJavaOptions=-javaagent:" + AgentProcess.AGENT_JAR + "=dir=" + ledger + ",checkpoint.interval=1s");
        SparkIT.JAVA_17_OPENS.forEach(app::jvmArg);
        Process driver = app.start();

        // the first of the two executors to have read the data (which one gets the CSV's tasks is the
        // scheduler's choice) is killed the way an out-of-memory killer would
        long killed = -1;
        String killedId = null;
        long deadline = System.currentTimeMillis() + 90_000;
        while (killed < 0 && driver.isAlive() && System.currentTimeMillis() < deadline) {
            for (Path part : partFiles(ledger)) {
                JsonNode p = Ledgers.JSON.readTree(part.toFile());
                if (List.of("0", "1").contains(p.path("id").asText()) && p.path("filesRead").size() > 0) {
                    killed = p.path("pid").asLong();
                    killedId = p.path("id").asText();
                    ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertTrue(killed > 0, "no executor wrote a part with a file read: " + AgentProcess.read(dir.resolve("stderr.txt")));
        String survivor = killedId.equals("0") ? "1" : "0";
        AgentProcess.Result r = AgentProcess.finish(driver, dir);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("test areaUnderROC"), r.toString());

        assertEquals(1, Ledgers.snapshotFiles(ledger).size(), "executors make no runs of their own");
        JsonNode s = Ledgers.onlySnapshot(ledger);
        assertEquals(1, s.path("trainings").size());
        JsonNode executors = s.path("executors");
        assertTrue(executors.size() >= 3, "two executors and the one started in place of the killed one: " + executors);
        Set<String> apps = new HashSet<>();
        Set<String> classPaths = new HashSet<>();
        List<String> statuses = new ArrayList<>();
        boolean dataRead = false;
        for (JsonNode e : executors) {
            apps.add(e.path("applicationId").asText());
            classPaths.add(e.path("classPathSha256").asText(""));
            statuses.add(e.path("id").asText() + "=" + e.path("status").asText());
            assertEquals("spark", e.path("framework").asText());
            assertTrue(e.path("jvm").path("version").asText().startsWith("17"), e.toString());
            for (JsonNode f : e.path("filesRead")) {
                dataRead |= f.path("path").asText().endsWith("/breastcancer.csv") && f.path("bytesRead").asLong() > 0;
            }
            if (e.path("id").asText().equals(killedId)) {
                assertEquals(killed, e.path("pid").asLong());
                assertEquals("LOST", e.path("status").asText(), "killed: it never said it ended");
            } else if (!e.path("status").asText().equals("LOST")) {
                assertEquals("ENDED", e.path("status").asText(), e.toString());
                assertEquals(64, e.path("classPathSha256").asText().length(), e.toString());
            }
        }
        assertEquals(1, apps.size(), "one application: " + apps);
        assertTrue(apps.iterator().next().startsWith("app-"), apps.toString());
        assertTrue(dataRead, "an executor read the CSV: " + executors);
        assertTrue(statuses.contains(survivor + "=ENDED"), statuses.toString());
        classPaths.remove("");
        assertEquals(1, classPaths.size(), "the executors run on the same jars: " + classPaths);
        Ledgers.assertValid(s);

        AgentProcess.Result show = AgentProcess.cli(dir, "show", "--dir", ledger.toString(), s.path("run").path("id").asText());
        assertEquals(0, show.exitCode, show.toString());
        assertTrue(show.stdout.contains("executor 0") && show.stdout.contains("LOST") && show.stdout.contains("executor 1"), show.stdout);
    }

    private static List<Path> partFiles(Path ledger) throws Exception {
        List<Path> out = new ArrayList<>();
        Path executors = ledger.resolve("executors");
        if (Files.isDirectory(executors)) {
            try (var apps = Files.list(executors)) {
                for (Path app : (Iterable<Path>) apps::iterator) {
                    try (var parts = Files.list(app)) {
                        parts.filter(p -> p.toString().endsWith(".json")).forEach(out::add);
                    }
                }
            }
        }
        return out;
    }
}
