package io.runledger.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Driver for bench/ledger.sh (not a test). Builds a ledger of N runs and prints, for the targets:
 * the cost the signature and the checkpoint add to one final flush (a signed append against an unsigned
 * one into the same ledger size, median of M), the time of a full verify with the key pinned, and of
 * building one inclusion proof. Usage: {@code LedgerBench DIR RUNS SAMPLES}.
 */
public final class LedgerBench {

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int runs = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        LedgerKey key = LedgerKey.generate(dir.resolve("bench.key"));
        byte[] snapshot = new byte[20_000];   // a typical snapshot's size: a minimal snapshot padded with blanks
        Arrays.fill(snapshot, (byte) ' ');
        byte[] head = "{\"schemaVersion\":1,\"run\":{\"status\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, snapshot, 0, head.length);
        Ledger signed = new Ledger(dir.resolve("signed")).signWith(key);
        Ledger plain = new Ledger(dir.resolve("plain"));
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            signed.finish("run-" + i, "SUCCEEDED", snapshot);
        }
        System.out.printf("built a signed ledger of %d runs in %.1f s%n", runs, (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < runs; i++) {
            plain.finish("run-" + i, "SUCCEEDED", snapshot);   // the same size, unsigned, as the baseline
        }
        // a run that saved a model: its snapshot lists the file, so the flush also writes the signed statement
        Path model = Files.write(dir.resolve("model.bin"), new byte[1 << 20]);
        String artifact = "{\"schemaVersion\":1,\"run\":{\"status\":\"SUCCEEDED\"},\"artifacts\":[{\"kind\":\"model\",\"path\":\"" + model
                + "\",\"sha256\":\"" + io.runledger.util.Hex.sha256(Files.readAllBytes(model)) + "\"}]}";
        byte[] withModel = snapshot.clone();
        System.arraycopy(artifact.getBytes(StandardCharsets.UTF_8), 0, withModel, 0, artifact.length());
        Ledger empty = new Ledger(dir.resolve("empty"));
        List<Long> fresh = new ArrayList<>();
        List<Long> withSigning = new ArrayList<>();
        List<Long> withStatement = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            long z = System.nanoTime();
            empty.finish("first-" + s, "SUCCEEDED", snapshot);
            fresh.add(System.nanoTime() - z);
            Files.delete(empty.ledgerFile());   // the next sample appends to an empty ledger again
            long a = System.nanoTime();
            signed.finish("extra-" + s, "SUCCEEDED", snapshot);
            withSigning.add(System.nanoTime() - a);
            long m = System.nanoTime();
            signed.finish("model-" + s, "SUCCEEDED", withModel);
            withStatement.add(System.nanoTime() - m);
            long b = System.nanoTime();
            plain.finish("extra-" + s, "SUCCEEDED", snapshot);
            without.add(System.nanoTime() - b);
            plain.finish("model-" + s, "SUCCEEDED", snapshot);   // keeps both ledgers the same size
        }
        double freshMs = median(fresh) / 1e6;
        double signedMs = median(withSigning) / 1e6;
        double statementMs = median(withStatement) / 1e6;
        double plainMs = median(without) / 1e6;
        System.out.printf("final flush, median of %d: %.2f ms unsigned into an empty ledger, %.2f ms unsigned at %d runs"
                + " (the checkpoint's growth with the ledger: %.2f ms)%n", samples, freshMs, plainMs, runs, plainMs - freshMs);
        System.out.printf("signing the entry and the checkpoint adds %.2f ms (%.2f ms signed); a signed model statement adds %.2f ms more"
                + " (%.2f ms); target < 5 ms added%n", signedMs - plainMs, signedMs, statementMs - signedMs, statementMs);

        long v = System.nanoTime();
        LedgerVerifier.Result r = LedgerVerifier.verify(signed, LedgerKey.loadPublic(dir.resolve("bench.key.pub")), null);
        System.out.printf("verify --key of %d runs: %.2f s, ok=%s (target < 10 s)%n", r.lines, (System.nanoTime() - v) / 1e9, r.ok());

        List<Long> proofs = new ArrayList<>();
        int hashes = 0;
        int size = 0;
        for (int i = 0; i < samples; i++) {   // the ledger file read and every leaf hashed each time, as prove does
            long p = System.nanoTime();
            List<byte[]> leaves = new ArrayList<>();
            for (String line : signed.readLines()) {
                leaves.add(MerkleTree.leafHash(line.getBytes(StandardCharsets.UTF_8)));
            }
            hashes = MerkleTree.inclusionProof(leaves, leaves.size() / 2).size();
            size = leaves.size();
            proofs.add(System.nanoTime() - p);
        }
        System.out.printf("inclusion proof of one run among %d (ledger read included): %.1f ms median of %d, %d hashes"
                + " (target < 50 ms; the CLI adds a JVM start)%n", size, median(proofs) / 1e6, samples, hashes);
        Files.deleteIfExists(dir.resolve("bench.key"));
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
