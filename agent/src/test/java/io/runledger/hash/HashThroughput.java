package io.runledger.hash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import io.runledger.util.Pending;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Driver for bench/hash-throughput.sh (not a test): hashes the given file, or every file of the given
 * directory, with the agent's {@link HashEngine} in a fresh JVM, and prints one line:
 * {@code files N bytes B ms T cached C sha256 S}. The wall time includes loading the hash cache, so a
 * re-run over unchanged data shows what a run pays for data it has seen before.
 *
 * <p>Usage: {@code HashThroughput CACHE_FILE THREADS PATH [warm]}; with {@code warm} the clock starts after
 * one throw-away file has been hashed, as in an agent that has been running.
 */
public final class HashThroughput {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        HashEngine engine = new HashEngine(new HashCache(Paths.get(args[0])), Integer.parseInt(args[1]));
        Path target = Paths.get(args[2]);
        if (args.length > 3) {
            // warm: the classes a running agent has loaded long before (stat, digest, executor), then time from here
            Path warmup = Files.createTempFile("hash-warmup", ".bin");
            engine.hash(warmup).get();
            Files.delete(warmup);
            start = System.nanoTime();
        }
        List<Path> files;
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                files = s.sorted().collect(Collectors.toList());
            }
        } else {
            files = List.of(target);
        }
        List<Pending<FileHash>> pending = new ArrayList<>(files.size());
        for (Path f : files) {
            pending.add(engine.hash(f));
        }
        long bytes = 0;
        int cached = 0;
        String last = null;
        for (Pending<FileHash> f : pending) {
            FileHash h = f.get();
            if (h.status != FileHash.Status.COMPLETE) {
                throw new IllegalStateException(h.stat.path + ": " + h.status + " " + h.error);
            }
            bytes += h.stat.size;
            cached += h.fromCache ? 1 : 0;
            last = h.sha256;
        }
        double ms = (System.nanoTime() - start) / 1e6;
        engine.saveCache();
        System.out.printf("files %d bytes %d ms %.3f cached %d sha256 %s%n", files.size(), bytes, ms, cached, last);
    }

    private HashThroughput() {
    }
}
