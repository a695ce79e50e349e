package io.runledger.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest {

    private static byte[] json(String id) {
        return ("{\"run\":{\"id\":\"" + id + "\",\"status\":\"SUCCEEDED\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static Ledger ledgerWith(Path dir, int runs) throws Exception {
        Ledger l = new Ledger(dir);
        for (int i = 0; i < runs; i++) {
            l.finish("run-" + i, "SUCCEEDED", json("run-" + i));
        }
        return l;
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTemporaries(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("x/snapshot.json");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", new String(Files.readAllBytes(target), StandardCharsets.UTF_8));
        try (java.util.stream.Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void chainLinksEveryLineToThePreviousOne(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 3);
        List<String> lines = l.readLines();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("\"prevSha256\":\"" + Ledger.GENESIS + "\""));
        assertTrue(lines.get(1).contains("\"prevSha256\":\"" + io.runledger.util.Hex.sha256(lines.get(0)) + "\""));
        assertTrue(lines.get(2).contains("\"seq\":3"));
        assertTrue(LedgerVerifier.verify(l).ok(), LedgerVerifier.verify(l).problems.toString());
    }

    @Test
    void editedSnapshotIsNamed(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 3);
        Files.write(l.snapshotFile("run-1"), json("run-X"));
        LedgerVerifier.Result r = LedgerVerifier.verify(l);
        assertEquals(Collections.singletonList("run run-1: snapshot edited since it was recorded (SHA-256 differs)"), r.problems);
    }

    @Test
    void deletedLineIsNamed(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 3);
        List<String> lines = new ArrayList<>(l.readLines());
        lines.remove(0);
        Files.write(l.ledgerFile(), lines);
        List<String> problems = LedgerVerifier.verify(l).problems;
        assertTrue(problems.contains("ledger line 1 (run run-1): sequence 2 where 1 was expected: line(s) deleted or moved before it"), problems.toString());
        assertTrue(problems.contains("ledger line 1 (run run-1): chain broken: the previous line was edited, deleted or reordered"));
        assertTrue(problems.contains("run run-0: finished snapshot (SUCCEEDED) not recorded in the ledger"));
    }

    @Test
    void swappedLinesAreNamed(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 3);
        List<String> lines = new ArrayList<>(l.readLines());
        Collections.swap(lines, 1, 2);
        Files.write(l.ledgerFile(), lines);
        List<String> problems = LedgerVerifier.verify(l).problems;
        assertTrue(problems.contains("ledger line 2 (run run-2): sequence 3 where 2 was expected: line(s) deleted or moved before it"), problems.toString());
        assertTrue(problems.contains("ledger line 3 (run run-1): sequence 2 where 4 was expected: lines reordered or duplicated"), problems.toString());
        assertTrue(problems.contains("history rewritten: the first 3 entries are not the ones the ledger's checkpoint hashed"), problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }

    @Test
    void editedLineAndUnreadableLineAreNamed(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 3);
        List<String> lines = new ArrayList<>(l.readLines());
        lines.set(0, lines.get(0).replace("SUCCEEDED", "FAILED"));
        lines.set(2, "garbage");
        Files.write(l.ledgerFile(), lines);
        List<String> problems = LedgerVerifier.verify(l).problems;
        assertTrue(problems.contains("ledger line 2 (run run-1): chain broken: the previous line was edited, deleted or reordered"), problems.toString());
        assertTrue(problems.contains("ledger line 3: unreadable (not JSON)"), problems.toString());
    }

    @Test
    void missingSnapshotIsNamed(@TempDir Path dir) throws Exception {
        Ledger l = ledgerWith(dir, 2);
        Files.delete(l.snapshotFile("run-0"));
        List<String> problems = LedgerVerifier.verify(l).problems;
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("run run-0: snapshot missing"));
    }

    @Test
    void concurrentAppendsFromManyThreadsKeepTheChain(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = "t-" + i;
            futures.add(pool.submit(() -> l.finish(id, "SUCCEEDED", json(id))));
        }
        for (Future<String> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(64, l.readLines().size());
        assertTrue(LedgerVerifier.verify(l).ok(), LedgerVerifier.verify(l).problems.toString());
    }

    @Test
    void lastLineIsReadFromTheEnd(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("l.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("{\"seq\":").append(i).append("}\n");
        }
        Files.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"seq\":1999}", Ledger.lastLine(f));
        Files.write(f, new byte[0]);
        assertEquals(null, Ledger.lastLine(f));
        assertFalse(Files.exists(dir.resolve("absent")));
        assertEquals(null, Ledger.lastLine(dir.resolve("absent")));
    }

    /** A key warmed up before the flush signs as before; a public key's warm-up does nothing and throws nothing. */
    @Test
    void aWarmedUpKeySignsAsBefore(@TempDir Path dir) throws Exception {
        LedgerKey key = LedgerKey.generate(dir.resolve("k.key"));
        key.warmUp();
        byte[] message = "line".getBytes(StandardCharsets.UTF_8);
        assertTrue(key.verify(message, key.sign(message)));
        LedgerKey published = LedgerKey.loadPublic(LedgerKey.publicFile(dir.resolve("k.key"))).get(0);
        published.warmUp();
        assertTrue(published.verify(message, key.sign(message)));
        ModelStatement.warmUp(io.runledger.redact.Redactor.defaults());
    }
}
