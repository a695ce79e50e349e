package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another local user prepares directories the victim's agent will reach for (issue 14): each attack is
 * reproduced against a real JVM running the built agent, which must neither follow nor trust the plant.
 * Run as root (CI), the planted directories belong to uid 65534; otherwise they are world-writable.
 */
class SecurityIT {

    private static final String TRAINER = "io.runledger.apps.plain.TinyTrainer";
    private static final String USER = System.getProperty("user.name");

    /** A directory an attacker made: world-writable and, when the tests can, owned by somebody else. */
    private static Path planted(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        if ("root".equals(USER)) {
            Files.setAttribute(dir, "unix:uid", 65534);
        }
        return dir;
    }

    @Test
    void aPlantedFallbackLedgerIsNeitherFollowedNorWrittenAndTheApplicationRuns(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path target = Files.writeString(dir.resolve("etc-passwd-stand-in"), "root:x:0:0\n");
        Path trap = planted(tmp.resolve("runledger-" + USER));
        Files.createSymbolicLink(trap.resolve("ledger.jsonl"), target);
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");

        AgentProcess.Result r = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + blocker.resolve("ledger"))
                .jvmArg("-Djava.io.tmpdir=" + tmp)
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("accuracy "), r.stdout);
        assertEquals("root:x:0:0\n", Files.readString(target));
        List<String> ours = r.stderr.lines().filter(l -> l.startsWith("[runledger]")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, ours.size(), r.stderr);
        assertTrue(ours.get(0).contains("this run will not be recorded"), ours.get(0));
        assertTrue(ours.get(0).contains("writable by other users") || ours.get(0).contains("owned by uid"), ours.get(0));
        try (Stream<Path> files = Files.list(trap)) {
            assertEquals(List.of("ledger.jsonl"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toList()));
        }
    }

    @Test
    void aWorldWritableLedgerDirectoryWithAPlantedLinkIsLeftForTheUsersOwnFallback(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path target = Files.writeString(dir.resolve("victim-file"), "untouched\n");
        Path shared = planted(dir.resolve("shared-ledger"));
        Files.createSymbolicLink(shared.resolve("ledger.jsonl"), target);

        AgentProcess.Result r = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + shared)
                .jvmArg("-Djava.io.tmpdir=" + tmp)
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("untouched\n", Files.readString(target));
        Path fallback = tmp.resolve("runledger-" + USER);
        assertTrue(r.stderr.contains("writing to " + fallback + " instead"), r.stderr);
        JsonNode s = Ledgers.onlySnapshot(fallback);
        assertEquals("SUCCEEDED", s.path("run").path("status").asText());
    }

    @Test
    void modesDoNotDependOnTheUmask(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        AgentProcess.Result r = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + ledger)
                .umask("000")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertModes(ledger, "rwx------", "rw-------");

        Path team = dir.resolve("team");
        r = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + team + ",ledger.mode=group")
                .umask("077")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertModes(team, "rwxrwx---", "rw-rw----");
    }

    /** Every directory and file the agent made in the ledger has exactly these permissions. */
    private static void assertModes(Path ledger, String dirs, String files) throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ledger)) {
            walk.forEach(all::add);
        }
        assertTrue(all.size() >= 6, "ledger dir, runs/, a snapshot, ledger.jsonl, its lock and the hash cache: " + all);
        assertTrue(all.stream().anyMatch(p -> p.toString().endsWith("hashes.tsv")), all.toString());
        for (Path p : all) {
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            assertEquals(Files.isDirectory(p) ? dirs : files, perms, p.toString());
        }
    }

    @Test
    void aPlantedPatchCacheIsNotUsedAndFileReadsAreStillRecorded(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path trap = planted(planted(tmp.resolve("runledger-" + USER)).resolve("jdk-patches"));
        Path ledger = dir.resolve("ledger");
        AgentProcess.Result r = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + ledger)
                .jvmArg("-Duser.home=" + dir.resolve("no-home/at-all"))
                .jvmArg("-Djava.io.tmpdir=" + tmp)
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("patched JDK classes are not cached on disk"), r.stderr);
        assertEquals(1, r.stderr.lines().filter(l -> l.contains("not cached on disk")).count(), r.stderr);
        try (Stream<Path> files = Files.list(trap)) {
            assertFalse(files.findAny().isPresent(), "nothing written into the planted directory");
        }
        JsonNode s = Ledgers.onlySnapshot(ledger);
        assertTrue(s.path("dataSources").toString().contains("iris.txt"), "patched in memory, the read is recorded: " + s.path("dataSources"));
    }

    /** Secrets as a real job carries them, through a real JVM: none reaches the snapshot or stderr. */
    @Test
    void secretsInArgumentsEnvironmentPropertiesPathsAndWarningsNeverReachDisk(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.aws"));
        Path credentials = Files.writeString(home.resolve("credentials"), "[default]\naws_secret_access_key = fileSecret77\n");
        Path signed = Files.createDirectories(dir.resolve("X-Amz-Signature=pathSig0123456789"));
        Path data = Files.copy(TestData.file("iris.txt"), signed.resolve("iris.txt"));
        Path ledger = dir.resolve("ledger");
        AgentProcess.Result r = app("io.runledger.apps.plain.ReadsWithSecrets", data.toString(), credentials.toString(),
                "--password", "argv pass phrase", "--token", "-tok3nStartingWithDash", "-H", "Authorization: Bearer hdrBearer123456",
                "--config", "{\"api_key\": \"jsonArgKey99\"}", "--max-tokens", "512").in(dir)
                .agentArgs("capture=always,dir=" + ledger + ",pushgateway.url=http://ci:pushPw9911@127.0.0.1:1")
                .jvmArg("-Duser.home=" + home.getParent())
                .jvmArg("-Dsasl.jaas.config=PlainLoginModule required username=\"u\" password=\"jaasPw42\";")
                .env("HF_HOME_TOKEN_FILE", "hf_abcdefghijklmnopqrstuvwxyzABCDEF12")
                .env("REDIS_URL", "redis://:redisPw42@cache:6379/0")
                .env("MAX_TOKENS", "4096")
                .run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("read 2 files"), r.stdout);
        String snapshot = Files.readString(Ledgers.snapshotFiles(ledger).get(0));
        for (String secret : List.of("argv pass phrase", "tok3nStartingWithDash", "hdrBearer123456", "jsonArgKey99", "pushPw9911",
                "jaasPw42", "hf_abcdefghijklmnopqrstuvwxyzABCDEF12", "redisPw42", "pathSig0123456789", "fileSecret77")) {
            assertFalse(snapshot.contains(secret), "'" + secret + "' reached the snapshot");
            assertFalse(r.stderr.contains(secret), "'" + secret + "' was printed: " + r.stderr);
        }
        JsonNode s = Ledgers.JSON.readTree(snapshot);
        assertEquals(List.of("--password", "[REDACTED]", "--token", "[REDACTED]", "-H", "Authorization: Bearer [REDACTED]",
                "--config", "{\"api_key\": \"[REDACTED]\"}", "--max-tokens", "512"),
                Ledgers.JSON.convertValue(s.path("process").path("arguments"), List.class).subList(2, 12));
        assertEquals("4096", s.path("environment").path("variables").path("MAX_TOKENS").asText());
        assertFalse(s.path("dataSources").toString().contains(".aws"), "a credential file is never a data source: " + s.path("dataSources"));
        assertTrue(s.path("dataSources").toString().contains("iris.txt"), s.path("dataSources").toString());
        assertTrue(r.stderr.contains("[REDACTED]"), "the Pushgateway warning names the URL without its password: " + r.stderr);
    }
}
