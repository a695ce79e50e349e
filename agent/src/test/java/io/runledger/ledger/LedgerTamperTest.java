package io.runledger.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, as an insider would try it: each tamper is done to a real signed ledger and verify must name
 * it. The insider can write the ledger directory but does not hold the signing key; the auditor pins the
 * public key and keeps a checkpoint exported earlier.
 */
class LedgerTamperTest {

    private static byte[] json(String id, String status) {
        return ("{\"run\":{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static LedgerKey key(Path dir, String name) throws Exception {
        return LedgerKey.generate(dir.resolve(name));
    }

    private static Ledger signedLedger(Path dir, LedgerKey key, int runs) throws Exception {
        Ledger l = new Ledger(dir.resolve("ledger")).signWith(key);
        for (int i = 0; i < runs; i++) {
            l.finish("run-" + i, "SUCCEEDED", json("run-" + i, "SUCCEEDED"));
        }
        return l;
    }

    private static List<String> problems(Ledger l, LedgerKey pinned, String exported) throws Exception {
        return LedgerVerifier.verify(l, pinned == null ? List.of() : List.of(pinned), exported).problems;
    }

    private static boolean named(List<String> problems, String fragment) {
        return problems.stream().anyMatch(p -> p.contains(fragment));
    }

    @Test
    void merkleProofsFollowRfc9162ForEverySizeAndIndex() {
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 1; n <= 33; n++) {
            leaves.add(MerkleTree.leafHash(("entry " + n).getBytes(StandardCharsets.UTF_8)));
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                assertTrue(MerkleTree.verifyInclusion(leaves.get(i), i, n, MerkleTree.inclusionProof(leaves, i), root), n + "/" + i);
                assertFalse(MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {1}), i, n, MerkleTree.inclusionProof(leaves, i), root));
            }
            for (int m = 1; m <= n; m++) {
                byte[] old = MerkleTree.root(leaves.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, m);
                assertTrue(MerkleTree.verifyConsistency(m, n, old, root, proof), m + "->" + n);
                if (m < n) {
                    assertFalse(MerkleTree.verifyConsistency(m, n, MerkleTree.leafHash(new byte[] {2}), root, proof));
                }
            }
        }
        // the RFC's own fixed point: the empty tree's root is SHA-256 of nothing
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                io.runledger.util.Hex.of(MerkleTree.root(new ArrayList<>())));
    }

    @Test
    void anIntactSignedLedgerVerifiesAgainstThePinnedKeyAndAnExportedCheckpoint(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 3);
        String exported = Files.readString(l.checkpointFile());
        l.finish("run-3", "FAILED", json("run-3", "FAILED"));
        LedgerVerifier.Result r = LedgerVerifier.verify(l, List.of(k), exported);
        assertTrue(r.ok(), r.problems.toString());
        assertTrue(r.notes.contains("4 of 4 entries signed by pinned key(s)"), r.notes.toString());
        assertTrue(r.notes.stream().anyMatch(n -> n.startsWith("consistent with the exported checkpoint of 3 entries")), r.notes.toString());
        assertTrue(exported.contains("\n\n\u2014 runledger-" + k.fingerprint().substring(0, 16) + " "), exported);
    }

    @Test
    void aRewrittenHistoryWithEveryHashRecomputedIsNamed(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 4);
        String exported = Files.readString(l.checkpointFile());
        // the insider edits run-1's snapshot, then rebuilds the whole ledger from scratch, unsigned (no key)
        Files.write(l.snapshotFile("run-1"), json("run-1", "FAILED"));
        Files.delete(l.ledgerFile());
        Ledger forged = new Ledger(l.dir());
        for (int i = 0; i < 4; i++) {
            String id = "run-" + i;
            forged.withLock(() -> forged.appendLocked(id, "SUCCEEDED", io.runledger.util.Hex.sha256(Files.readAllBytes(l.snapshotFile(id)))));
        }
        assertTrue(LedgerVerifier.verify(forged).ok(), "without a key or a checkpoint the rewrite is self-consistent");
        List<String> pinned = problems(forged, k, null);
        assertTrue(named(pinned, "unsigned, so not written by a pinned key"), pinned.toString());
        assertTrue(named(pinned, "the ledger's checkpoint is unsigned"), pinned.toString());
        List<String> withCheckpoint = problems(forged, null, exported);
        assertTrue(named(withCheckpoint, "history rewritten: the ledger does not extend the exported checkpoint of 4 entries"),
                withCheckpoint.toString());
    }

    @Test
    void anEditedSignedEntryIsNamed(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 3);
        List<String> lines = new ArrayList<>(l.readLines());
        lines.set(2, lines.get(2).replace("\"SUCCEEDED\"", "\"FAILED\""));
        Files.write(l.ledgerFile(), lines);
        assertTrue(named(problems(l, k, null), "ledger line 3 (run run-2): signature invalid"), problems(l, k, null).toString());
    }

    @Test
    void aRollbackOfTheLastRunsIsNamed(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 5);
        String exported = Files.readString(l.checkpointFile());
        List<String> lines = l.readLines();
        Files.write(l.ledgerFile(), lines.subList(0, 3));   // the last two runs taken back,
        Files.delete(l.snapshotFile("run-3"));
        Files.delete(l.snapshotFile("run-4"));
        List<String> own = problems(l, k, null);
        assertTrue(named(own, "rollback: the ledger's checkpoint covers 5 entries but the ledger holds 3"), own.toString());
        // ... and even when the insider also puts back the checkpoint of size 3 they saved earlier
        List<String> exportedProblems = problems(l, k, exported);
        assertTrue(named(exportedProblems, "rollback: the exported checkpoint proves 5 entries, the ledger holds 3"), exportedProblems.toString());
    }

    @Test
    void aForgedAppendIsNamedUnsignedOrSignedByAnUnpinnedKey(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 2);
        Files.write(l.snapshotFile("run-x"), json("run-x", "SUCCEEDED"));
        Ledger unsignedWriter = new Ledger(l.dir());
        unsignedWriter.withLock(() -> unsignedWriter.appendLocked("run-x", "SUCCEEDED", io.runledger.util.Hex.sha256(json("run-x", "SUCCEEDED"))));
        assertTrue(named(problems(l, k, null), "ledger line 3 (run run-x): unsigned"), problems(l, k, null).toString());

        Files.write(l.snapshotFile("run-y"), json("run-y", "SUCCEEDED"));
        Ledger intruder = new Ledger(l.dir()).signWith(key(dir, "intruder.key"));
        intruder.withLock(() -> intruder.appendLocked("run-y", "SUCCEEDED", io.runledger.util.Hex.sha256(json("run-y", "SUCCEEDED"))));
        List<String> p = problems(l, k, null);
        assertTrue(named(p, "ledger line 4 (run run-y): signed by key") && named(p, "not pinned (a forged append?)"), p.toString());
    }

    @Test
    void aDeletedLedgerIsNamedAgainstAnExportedCheckpoint(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 3);
        String exported = Files.readString(l.checkpointFile());
        try (Stream<Path> walk = Files.walk(l.dir())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        List<String> p = problems(new Ledger(l.dir()), k, exported);
        assertTrue(named(p, "ledger deleted: the exported checkpoint proves 3 entries, the ledger holds 0"), p.toString());
    }

    @Test
    void aDuplicatedEntryIsNamed(@TempDir Path dir) throws Exception {
        Ledger l = signedLedger(dir, key(dir, "k"), 2);
        List<String> lines = new ArrayList<>(l.readLines());
        lines.add(lines.get(1));
        Files.write(l.ledgerFile(), lines);
        List<String> p = problems(l, null, null);
        assertTrue(named(p, "the run is recorded twice"), p.toString());
    }

    @Test
    void aTornLastLineIsSetAsideAndItsRunChainedByTheNextWriter(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 3);
        byte[] all = Files.readAllBytes(l.ledgerFile());
        Files.write(l.ledgerFile(), Arrays.copyOf(all, all.length - 40));   // disk full in the middle of the last append
        assertTrue(named(problems(l, k, null), "torn"), problems(l, k, null).toString());

        assertEquals(1, LostRuns.markAll(l), "the writer chains run-2 again");
        LedgerVerifier.Result r = LedgerVerifier.verify(l, List.of(k), null);
        assertTrue(r.ok(), r.problems.toString());
        String last = l.readLines().get(l.readLines().size() - 1);
        assertTrue(last.contains("a torn last line was set aside in ledger.torn-"), last);
        l.finish("run-9", "SUCCEEDED", json("run-9", "SUCCEEDED"));
        assertTrue(LedgerVerifier.verify(l, List.of(k), null).ok(), "appends go on");
    }

    @Test
    void aSnapshotRenamedButNotChainedIsChainedWithANoteAndStaleTemporariesGo(@TempDir Path dir) throws Exception {
        LedgerKey k = key(dir, "ledger.key");
        Ledger l = signedLedger(dir, k, 1);
        l.writeSnapshot("run-killed", json("run-killed", "SUCCEEDED"));   // killed before the append
        Path stale = Files.write(l.runsDir().resolve(".run-x.json123.tmp"), new byte[] {1});
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertTrue(named(problems(l, k, null), "not recorded in the ledger"));
        assertEquals(1, LostRuns.markAll(l));
        assertTrue(LedgerVerifier.verify(l, List.of(k), null).ok());
        assertTrue(l.readLines().get(1).contains("chained by recovery"), l.readLines().get(1));
        assertFalse(Files.exists(stale));
    }

    @Test
    void aRunningSnapshotIsLostOnlyWhenNobodyHoldsItsLock(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir.resolve("ledger"));
        l.ensureWritable();
        String running = "{\"run\":{\"id\":\"r1\",\"status\":\"RUNNING\",\"startedAt\":\"2026-01-01T00:00:00Z\"},"
                + "\"process\":{\"pid\":1,\"hostname\":\"elsewhere\"}}";
        l.writeCheckpoint("r1", running.getBytes(StandardCharsets.UTF_8));
        java.nio.channels.FileLock held = l.holdRunLock("r1");   // a live JVM (here: this one) holds it
        assertEquals(0, LostRuns.markAll(l), "a held lock means alive, whatever pid and host say");
        held.channel().close();   // the process died: the OS let go
        assertEquals(1, LostRuns.markAll(l));
        assertTrue(new String(Files.readAllBytes(l.snapshotFile("r1")), StandardCharsets.UTF_8).contains("\"KILLED\""));
    }
}
