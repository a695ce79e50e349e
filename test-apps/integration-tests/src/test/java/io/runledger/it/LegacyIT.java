package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Legacy pipelines that read their data themselves: a hand-parsed CSV and a JDBC label table (embedded
 * H2), training on plain arrays with Smile or with no framework at all; a folder read file by file; a
 * file too big to hash in full.
 */
class LegacyIT {

    private static final Path LEGACY_DIR = Path.of(System.getProperty("runledger.legacy.dir", AgentProcess.ROOT + "/test-apps/legacy-apps/target"));
    private static final String PIPELINE = "io.runledger.apps.legacy.LegacyBreastCancer";
    private static final String SWEEP = "io.runledger.apps.legacy.FileSweep";
    private static final String LABEL_SQL = "SELECT code, label FROM diagnosis_labels WHERE label >= ? ORDER BY code";

    private static String classPath() throws Exception {
        return AgentProcess.moduleClassPath(LEGACY_DIR, "legacy-apps");
    }

    private static JsonNode source(JsonNode snapshot, String kind, String uriOrSqlPart) {
        for (JsonNode d : snapshot.path("dataSources")) {
            if (d.path("kind").asText().equals(kind) && (d.path("uri").asText().contains(uriOrSqlPart)
                    || d.path("details").path("sql").asText().contains(uriOrSqlPart))) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " source with " + uriOrSqlPart + " in " + snapshot.path("dataSources"));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void handParsedCsvAndJdbcLabelsTrainedWithSmileArrays(@TempDir Path dir) throws Exception {
        Path csv = TestData.file("breastcancer.csv");
        AgentProcess.Result[] r = AgentProcess.withAndWithout(dir, classPath(), List.of("-Drunledger.jdbc.hash-rows=true"), PIPELINE,
                csv.toString(), "smile");
        assertTrue(r[1].stdout.contains("training accuracy"), r[1].toString());
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        assertEquals("training", s.path("run").path("capture").asText(), "capture=training: written because Smile's fit ran");
        JsonNode t = s.path("trainings").get(0);
        assertEquals("smile.classification.LogisticRegression", t.path("modelType").asText());

        JsonNode file = source(s, "file", "breastcancer.csv");
        assertEquals(TestData.sha256(csv), file.path("sha256").asText());
        assertEquals(Files.size(csv), file.path("sizeBytes").asLong());
        assertEquals("jdk", file.path("details").path("readBy").asText());
        assertEquals(Files.size(csv), file.path("details").path("bytesRead").asLong(), "read once, to the end");
        assertFalse(file.path("details").path("firstReadAt").asText().isEmpty());

        JsonNode labels = source(s, "query", "diagnosis_labels WHERE");
        assertEquals("jdbc:h2:mem:labels", labels.path("uri").asText());
        assertEquals(LABEL_SQL, labels.path("details").path("sql").asText(), "a prepared statement's SQL, from prepareStatement");
        assertEquals(sha256(LABEL_SQL), labels.path("details").path("sqlSha256").asText());
        assertEquals(2, labels.path("rows").asInt(), "the rows the pipeline fetched");
        assertEquals(1, labels.path("details").path("executions").asInt());
        assertTrue(labels.path("details").path("database").asText().startsWith("H2 2."), labels.toString());
        assertEquals(sha256("B\t0\nM\t1\n"), labels.path("sha256").asText(), "jdbc.hash-rows: the fetched rows' values, in order");
        JsonNode count = source(s, "query", "SELECT COUNT(*)");
        assertEquals(1, count.path("rows").asInt(), "Statement.executeQuery(String) too");
        assertEquals(sha256("2\n"), count.path("sha256").asText());
        assertEquals(3, s.path("dataSources").size(), "the CSV and the two queries; nothing of the JVM's own: " + s.path("dataSources"));

        String raw = Files.readString(Ledgers.snapshotFiles(dir.resolve("ledger")).get(0));
        assertFalse(raw.contains("label-db-secret"), "the database password never lands on disk");
    }

    @Test
    void noFrameworkAtAll(@TempDir Path dir) throws Exception {
        Path csv = TestData.file("breastcancer.csv");
        AgentProcess.Result always = AgentProcess.app(PIPELINE, csv.toString(), "plain").classPath(classPath()).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("always")).run();
        assertEquals(0, always.exitCode, always.toString());
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("always"));
        assertEquals(0, s.path("trainings").size());
        assertEquals(TestData.sha256(csv), source(s, "file", "breastcancer.csv").path("sha256").asText());
        assertEquals(2, source(s, "query", LABEL_SQL).path("rows").asInt());
        assertNull(source(s, "query", LABEL_SQL).get("sha256"), "rows are not read again unless jdbc.hash-rows is set");

        // capture=training and nothing trained: nothing recorded
        AgentProcess.Result training = AgentProcess.app(PIPELINE, csv.toString(), "plain").classPath(classPath()).in(dir)
                .agentArgs("dir=" + dir.resolve("training")).run();
        assertEquals(0, training.exitCode, training.toString());
        assertTrue(Ledgers.snapshotFiles(dir.resolve("training")).isEmpty());
    }

    @Test
    void everyJdkReadingApiIsSeen(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            StringBuilder csv = new StringBuilder("id,value\n");
            for (int row = 0; row < 200 * i; row++) {
                csv.append(row).append(',').append(row * i).append('\n');
            }
            files.add(Files.writeString(data.resolve(i + ".csv"), csv));
        }
        Files.writeString(data.resolve("unread.csv"), "opened,never read\n");
        // Java 17 and 25, each with an empty patch cache (the JDK classes are patched in the JVM) and then
        // with the patches that first run cached (no ASM at all): all must see the same reads.
        Path home = Files.createDirectories(dir.resolve("home"));
        int run = 0;
        for (Path javaHome : List.of(Path.of(System.getProperty("java.home")), AgentProcess.JAVA_25)) {
            Path emptyHome = Files.createDirectories(home.resolve(javaHome.getFileName().toString()));
            for (String cache : List.of("empty", "warm")) {
                Path ledger = dir.resolve("ledger-" + run++);
                AgentProcess.Result r = AgentProcess.app("io.runledger.apps.legacy.JdkReads", data.toString()).classPath(classPath()).in(dir)
                        .javaHome(javaHome).jvmArg("-Duser.home=" + emptyHome).agentArgs("capture=always,dir=" + ledger).run();
                assertEquals(0, r.exitCode, r.toString());
                assertEquals("", r.stderr, "nothing on the application's stderr");
                JsonNode s = Ledgers.onlySnapshot(ledger);
                String context = javaHome.getFileName() + " with a " + cache + " patch cache: ";
                assertEquals(8, s.path("dataSources").size(), context + "FileInputStream, newInputStream, newByteChannel, readAllBytes, "
                        + "lines, newBufferedReader, FileChannel.open, RandomAccessFile; not the unread or the written file: "
                        + s.path("dataSources"));
                for (Path f : files) {
                    JsonNode d = source(s, "file", "/data/" + f.getFileName());
                    assertEquals(TestData.sha256(f), d.path("sha256").asText(), context + f);
                    assertEquals(Files.size(f), d.path("details").path("bytesRead").asLong(), context + "bytes actually read from " + f);
                }
            }
            List<String> patched = new ArrayList<>();
            Files.list(emptyHome.resolve(".cache/runledger/jdk-patches")).forEach(f -> patched.add(f.getFileName().toString().split("-")[0]));
            java.util.Collections.sort(patched);
            assertEquals(List.of("java.io.FileInputStream", "java.io.RandomAccessFile", "java.lang.Runtime", "java.lang.Thread",
                    "sun.nio.ch.FileChannelImpl"), patched, "the three file classes and the two exit hooks patched once and cached, "
                    + "the warm start added none; ObjectOutputStream is patched only when the program loads it (this one does not)");
        }
    }

    /** Writes {@code n} files of a few KB each into {@code folder}. */
    private static List<Path> smallFiles(Path folder, int n) throws Exception {
        Files.createDirectories(folder);
        Random random = new Random(7);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] content = new byte[1000 + random.nextInt(3000)];
            random.nextBytes(content);
            out.add(Files.write(folder.resolve(String.format("part-%03d.bin", i)), content));
        }
        return out;
    }

    @Test
    void folderReadFileByFileIsOneDirectorySource(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("shards");
        List<Path> files = smallFiles(folder, 12);
        Path tiny = Files.writeString(dir.resolve("tiny.txt"), "x");
        AgentProcess.Result r = AgentProcess.app(SWEEP, folder.toString(), tiny.toString()).classPath(classPath()).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger")).run();
        assertEquals(0, r.exitCode, r.toString());
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode d = source(s, "directory", "shards");
        assertEquals(folder.toUri().toString(), d.path("uri").asText());
        assertEquals(12, d.path("details").path("files").asInt());
        StringBuilder lines = new StringBuilder();
        long size = 0;
        for (Path f : files) {
            lines.append(f.getFileName()).append('\t').append(Files.size(f)).append('\t').append(TestData.sha256(f)).append('\n');
            size += Files.size(f);
        }
        assertEquals(sha256(lines.toString()), d.path("sha256").asText(), "combined hash over sorted (relative path, size, sha256)");
        assertEquals(size, d.path("sizeBytes").asLong());
        assertEquals(size, d.path("details").path("bytesRead").asLong());
        assertEquals(TestData.sha256(tiny), source(s, "file", "tiny.txt").path("sha256").asText());
        assertEquals(2, s.path("dataSources").size(), s.path("dataSources").toString());

        // below the threshold the files are listed one by one; globs and the minimum size filter them
        AgentProcess.Result filtered = AgentProcess.app(SWEEP, folder.toString(), tiny.toString()).classPath(classPath()).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("filtered") + ",files.directory-threshold=20,files.min-size=2,"
                        + "files.exclude=**/part-00[0-4].bin").run();
        assertEquals(0, filtered.exitCode, filtered.toString());
        JsonNode f = Ledgers.onlySnapshot(dir.resolve("filtered"));
        assertEquals(7, f.path("dataSources").size(), "parts 5..11; parts 0..4 excluded, tiny.txt below 2 bytes: " + f.path("dataSources"));
        for (JsonNode source : f.path("dataSources")) {
            assertEquals("file", source.path("kind").asText());
            assertEquals(64, source.path("sha256").asText().length());
        }
    }

    @Test
    void hugeFileGetsAPartialFingerprintAndMappedFilesCount(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Path big = dir.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new Random(3).nextBytes(block);
        for (int i = 0; i < 3; i++) {
            Files.write(big, block, i == 0 ? new java.nio.file.OpenOption[0] : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
        }
        Path mapped = Files.write(dir.resolve("mapped.bin"), block);
        AgentProcess.Result r = AgentProcess.app(SWEEP, folder.toString(), big.toString(), mapped.toString()).classPath(classPath()).in(dir)
                .agentArgs("capture=always,dir=" + dir.resolve("ledger") + ",hash.sample-above=2m").run();
        assertEquals(0, r.exitCode, r.toString());
        JsonNode s = Ledgers.onlySnapshot(dir.resolve("ledger"));
        JsonNode m = source(s, "file", "mapped.bin");
        assertEquals(TestData.sha256(mapped), m.path("sha256").asText(), "1 MiB, below hash.sample-above: hashed in full");
        assertEquals(1L << 20, m.path("details").path("bytesRead").asLong(), "a memory-mapped read counts its mapped size");
        JsonNode d = source(s, "file", "big.bin");
        assertNull(d.get("sha256"), "never called the file's SHA-256: " + d);
        assertTrue(d.path("details").path("partial").asBoolean(), d.toString());
        assertEquals("PARTIAL", d.path("details").path("hashStatus").asText());
        assertEquals(64, d.path("details").path("sampledSha256").asText().length());
        assertEquals(3L << 20, d.path("sizeBytes").asLong());
        assertEquals(3L << 20, d.path("details").path("bytesRead").asLong());
    }
}
