package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI on a ledger of real runs: list, show, verify, and every kind of bad input and tampering. */
class CliIT {

    @TempDir
    static Path shared;
    static Path ledger;
    static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void recordThreeRuns() throws Exception {
        ledger = shared.resolve("ledger");
        String[][] runs = {{"normal"}, {"exit", "3"}, {"throw"}};
        for (int i = 0; i < runs.length; i++) {
            Path d = Files.createDirectory(shared.resolve("run" + i));
            AgentProcess.Result r = app("io.runledger.apps.plain.ExitApp", runs[i]).in(d)
                    .agentArgs("capture=always,run.name=cli-" + i + ",dir=" + ledger).run();
            assertTrue(r.exitCode >= 0);
            ids.add(Ledgers.JSON.readTree(Ledgers.ledgerLines(ledger).get(i)).path("runId").asText());
        }
    }

    private static Path copyLedger(Path dir) throws IOException {
        Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.walk(ledger)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(ledger.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    private static AgentProcess.Result cli(Path dir, String... args) throws Exception {
        return AgentProcess.cli(shared, withDir(dir, args));
    }

    private static String[] withDir(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(dir.toString());
        return all.toArray(new String[0]);
    }

    private static void assertOneLineError(AgentProcess.Result r, String expected) {
        assertEquals(2, r.exitCode, r.toString());
        assertEquals(1, r.stderr.lines().count(), "one line, no stack trace: " + r.stderr);
        assertTrue(r.stderr.contains(expected), r.stderr);
        assertFalse(r.stderr.contains("\tat "), r.stderr);
    }

    @Test
    void listShowsEveryRunWithItsStatus() throws Exception {
        AgentProcess.Result r = cli(ledger, "list");
        assertEquals(0, r.exitCode, r.toString());
        List<String> lines = r.stdout.lines().toList();
        assertEquals(4, lines.size(), r.stdout);
        assertTrue(lines.get(0).startsWith("ID"));
        assertTrue(ids.get(0).startsWith(lines.get(1).substring(0, lines.get(1).indexOf(' '))) && lines.get(1).contains("cli-0")
                && lines.get(1).contains("SUCCEEDED"), r.stdout);
        assertTrue(lines.get(2).contains("cli-1") && lines.get(2).contains("FAILED"), r.stdout);
        assertTrue(lines.get(3).endsWith("ExitApp"), r.stdout);
        AgentProcess.Result failed = cli(ledger, "list", "--status", "FAILED");
        assertEquals(3, failed.stdout.lines().count(), "the two failed runs: " + failed.stdout);

        JsonNode json = Ledgers.JSON.readTree(cli(ledger, "list", "--json").stdout);
        assertEquals(3, json.size());
        assertEquals(ids.get(2), json.get(2).path("id").asText());
    }

    @Test
    void showResolvesLatestPrefixesAndPrintsASummary() throws Exception {
        AgentProcess.Result latest = cli(ledger, "show", "latest");
        assertEquals(0, latest.exitCode, latest.toString());
        assertTrue(latest.stdout.startsWith("Run " + ids.get(2) + "  cli-2"), latest.stdout);
        assertTrue(latest.stdout.contains("FAILED (exit 1)"), latest.stdout);
        assertTrue(latest.stdout.contains("java.lang.IllegalStateException"), latest.stdout);
        AgentProcess.Result back = cli(ledger, "show", "latest~2");
        assertTrue(back.stdout.startsWith("Run " + ids.get(0)), back.stdout);
        AgentProcess.Result prefix = cli(ledger, "show", ids.get(1).substring(0, 30));
        assertTrue(prefix.stdout.contains("FAILED (exit 3)"), prefix.stdout);
        AgentProcess.Result raw = cli(ledger, "show", ids.get(0), "--json");
        assertEquals(Files.readString(ledger.resolve("runs/" + ids.get(0) + ".json")).trim(), raw.stdout.trim());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        assertOneLineError(cli(dir.resolve("absent"), "list"), "no ledger directory at");
        assertOneLineError(cli(ledger, "show", "ffffffff"), "no run matches 'ffffffff'");
        assertOneLineError(cli(ledger, "show", commonPrefix()), "is ambiguous: 3 runs match");
        assertOneLineError(cli(ledger, "show", "latest~7"), "the ledger has 3 readable run(s)");
        assertOneLineError(cli(ledger, "frobnicate"), "unknown command 'frobnicate'");
        assertOneLineError(cli(ledger, "show"), "show takes one RUN");
        assertOneLineError(cli(ledger, "list", "--colour"), "unknown option '--colour'");
        Path copy = copyLedger(dir);
        Path file = copy.resolve("runs/" + ids.get(1) + ".json");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // truncated
        assertOneLineError(cli(copy, "show", ids.get(1)), "is not valid JSON (truncated or corrupt)");
        Files.writeString(copy.resolve("runs/" + ids.get(2) + ".json"), "this is not json");
        assertOneLineError(cli(copy, "show", ids.get(2)), "is not valid JSON");
        assertEquals(0, cli(copy, "list").exitCode, "list still works with corrupt files");
        for (String command : new String[] {"list", "show", "verify"}) {
            AgentProcess.Result help = cli(ledger, command, "--help");
            assertEquals(0, help.exitCode);
            assertTrue(help.stdout.startsWith("usage: " + command), help.stdout);
        }
    }

    private static String commonPrefix() {
        String p = ids.get(0);
        for (String id : ids) {
            while (!id.startsWith(p)) {
                p = p.substring(0, p.length() - 1);
            }
        }
        return p.isEmpty() ? "0" : p;
    }

    @Test
    void verifyPassesOnAnIntactLedger() throws Exception {
        AgentProcess.Result r = cli(ledger, "verify");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("OK: 3 ledger line(s), 3 snapshot(s) verified"), r.stdout);
    }

    @Test
    void verifyNamesAnEditedSnapshotAndKeepsChecking(@TempDir Path dir) throws Exception {
        Path copy = copyLedger(dir);
        Path file = copy.resolve("runs/" + ids.get(0) + ".json");
        Files.writeString(file, Files.readString(file).replace("\"cli-0\"", "\"cli-X\""));
        Files.writeString(copy.resolve("runs/" + ids.get(2) + ".json"), "{trunc");
        AgentProcess.Result r = cli(copy, "verify");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("run " + ids.get(0) + ": snapshot edited since it was recorded"), r.stdout);
        assertTrue(r.stdout.contains("run " + ids.get(2) + ": snapshot unreadable (not JSON)"), r.stdout);
        assertFalse(r.stdout.contains(ids.get(1)), "the intact run is not reported: " + r.stdout);
    }

    @Test
    void verifyNamesADeletedLine(@TempDir Path dir) throws Exception {
        Path copy = copyLedger(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(copy.resolve("ledger.jsonl")));
        lines.remove(1);
        Files.write(copy.resolve("ledger.jsonl"), lines);
        AgentProcess.Result r = cli(copy, "verify");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("line(s) deleted or moved before it"), r.stdout);
        assertTrue(r.stdout.contains("chain broken"), r.stdout);
        assertTrue(r.stdout.contains("run " + ids.get(1) + ": finished snapshot (FAILED) not recorded in the ledger"), r.stdout);
    }

    @Test
    void verifyNamesSwappedLinesAndAMissingSnapshot(@TempDir Path dir) throws Exception {
        Path copy = copyLedger(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(copy.resolve("ledger.jsonl")));
        Collections.swap(lines, 0, 1);
        Files.write(copy.resolve("ledger.jsonl"), lines);
        Files.delete(copy.resolve("runs/" + ids.get(2) + ".json"));
        AgentProcess.Result r = cli(copy, "verify");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("lines reordered or duplicated"), r.stdout);
        assertTrue(r.stdout.contains("run " + ids.get(2) + ": snapshot missing"), r.stdout);
    }
}
