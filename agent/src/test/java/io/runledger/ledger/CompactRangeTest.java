package io.runledger.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactRangeTest {

    @Test
    void rootEqualsTheFullTreeHashAtEverySize() {
        List<byte[]> leaves = new ArrayList<>();
        CompactRange range = CompactRange.empty();
        assertArrayEquals(MerkleTree.root(leaves), range.root());
        for (int i = 0; i < 130; i++) {
            byte[] leaf = MerkleTree.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            range = range.append(leaf, 10);
            assertEquals(i + 1, range.size);
            assertArrayEquals(MerkleTree.root(leaves), range.root(), "size " + (i + 1));
            CompactRange parsed = CompactRange.parse(range.text().getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(range.root(), parsed.root());
            assertEquals(range.bytes, parsed.bytes);
        }
        assertArrayEquals(range.root(), CompactRange.of(leaves, 0).root());
    }

    @Test
    void inconsistentTextIsRejected() {
        assertNull(CompactRange.parse("runledger-tree-v1\n3\n10\n".getBytes(StandardCharsets.US_ASCII)), "3 leaves need 2 peaks");
        assertNull(CompactRange.parse("something else\n".getBytes(StandardCharsets.US_ASCII)));
        assertNull(CompactRange.parse("runledger-tree-v1\n1\n10\nzz\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The checkpoint the writer keeps incrementally equals the tree of the lines, whatever happened to the stored range. */
    @Test
    void writerCheckpointMatchesTheLinesWhenTheStoredRangeIsLostStaleOrForged(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir);
        for (int i = 0; i < 9; i++) {
            l.finish("run-" + i, "SUCCEEDED", ("{\"run\":{\"id\":\"run-" + i + "\"}}").getBytes(StandardCharsets.UTF_8));
            if (i == 3) {
                Files.delete(dir.resolve(Ledger.TREE_FILE));
            }
            if (i == 5) {
                Files.write(dir.resolve(Ledger.TREE_FILE), "runledger-tree-v1\n6\n1\n".getBytes(StandardCharsets.US_ASCII));
            }
            Checkpoint cp = Checkpoint.parse(Files.readString(l.checkpointFile()));
            assertEquals(i + 1, cp.size);
            assertArrayEquals(MerkleTree.root(l.leafHashes()), cp.root, "after run " + i);
        }
        assertTrue(LedgerVerifier.verify(l).ok(), LedgerVerifier.verify(l).problems.toString());
    }

    /**
     * An insider who can write the directory plants a range of their own with the right length and size: a
     * signing writer must not sign a root over it (they could then swap in a history with those peaks).
     */
    @Test
    void aSigningWriterDoesNotTrustAPlantedRange(@TempDir Path dir) throws Exception {
        Ledger l = new Ledger(dir.resolve("ledger")).signWith(LedgerKey.generate(dir.resolve("k")));
        for (int i = 0; i < 3; i++) {
            l.finish("run-" + i, "SUCCEEDED", ("{\"run\":{\"id\":\"run-" + i + "\"}}").getBytes(StandardCharsets.UTF_8));
        }
        String stored = Files.readString(dir.resolve("ledger").resolve(Ledger.TREE_FILE));
        assertTrue(stored.contains("\nmac "), "a signing writer's range carries its key's MAC");
        CompactRange real = CompactRange.parse(stored.substring(0, stored.indexOf("mac ")).getBytes(StandardCharsets.US_ASCII));
        CompactRange planted = CompactRange.of(List.of(MerkleTree.leafHash(new byte[] {1}), MerkleTree.leafHash(new byte[] {2}),
                MerkleTree.leafHash(new byte[] {3})), real.bytes);
        Files.write(dir.resolve("ledger").resolve(Ledger.TREE_FILE), planted.text().getBytes(StandardCharsets.US_ASCII));
        l.finish("run-3", "SUCCEEDED", "{\"run\":{\"id\":\"run-3\"}}".getBytes(StandardCharsets.UTF_8));
        Checkpoint cp = Checkpoint.parse(Files.readString(l.checkpointFile()));
        assertArrayEquals(MerkleTree.root(l.leafHashes()), cp.root, "signed over the real lines, not the planted peaks");
    }
}
