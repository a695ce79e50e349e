package io.runledger.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashEngineTest {

    private static String sha256(byte[] bytes) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    @Test
    void hashesLikeTheJdkAndCachesAcrossEngines(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];   // spans several 1 MiB reads
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        Path cacheFile = dir.resolve("cache/hashes.tsv");

        HashEngine first = new HashEngine(new HashCache(cacheFile), 2);
        FileHash h = first.hash(file).get();
        assertEquals(FileHash.Status.COMPLETE, h.status);
        assertEquals(sha256(content), h.sha256);
        assertFalse(h.fromCache);
        first.saveCache();
        List<String> lines = Files.readAllLines(cacheFile, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());   // the header and one entry
        assertTrue(lines.get(1).startsWith(sha256(file.toString().getBytes(StandardCharsets.UTF_8)) + "\t" + h.sha256 + "\t"
                + content.length + "\t"), lines.get(1));

        // A new engine (a later run) answers from the cache without reading the file.
        HashEngine second = new HashEngine(new HashCache(cacheFile), 1);
        FileHash again = second.hash(file).get();
        assertTrue(again.fromCache);
        assertEquals(h.sha256, again.sha256);
    }

    @Test
    void aChangedFileIsHashedAgain(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.csv"), "1,2,3\n".getBytes(StandardCharsets.UTF_8));
        Path cacheFile = dir.resolve("hashes.tsv");
        HashEngine engine = new HashEngine(new HashCache(cacheFile), 1);
        String before = engine.hash(file).get().sha256;
        engine.saveCache();
        Files.write(file, "1,2,4\n".getBytes(StandardCharsets.UTF_8));   // same size
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        FileHash after = new HashEngine(new HashCache(cacheFile), 1).hash(file).get();
        assertFalse(after.fromCache);
        assertEquals(sha256("1,2,4\n".getBytes(StandardCharsets.UTF_8)), after.sha256);
        assertFalse(before.equals(after.sha256));
    }

    @Test
    void missingFileFailsWithoutThrowing(@TempDir Path dir) throws Exception {
        FileHash h = new HashEngine(new HashCache(dir.resolve("c.tsv")), 1).hash(dir.resolve("absent")).get();
        assertEquals(FileHash.Status.FAILED, h.status);
        assertNull(h.sha256);
    }

    @Test
    void cacheFromSeveralWritersKeepsTheLastEntryPerPath(@TempDir Path dir) throws Exception {
        Path cacheFile = dir.resolve("hashes.tsv");
        Path a = Files.write(dir.resolve("a"), new byte[] {1});
        HashCache one = new HashCache(cacheFile);
        HashCache two = new HashCache(cacheFile);
        FileStat stat = FileStat.of(a);
        one.record(stat, "1".repeat(64));
        two.record(stat, sha256(new byte[] {1}));
        one.save();
        two.save();
        assertEquals(sha256(new byte[] {1}), new HashCache(cacheFile).lookup(stat));
    }

    @Test
    void aFileChangedWhileBeingHashedIsReportedChangedNeverWithAHash(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("growing.csv"), "1,2,3\n".getBytes(StandardCharsets.UTF_8));
        Path cacheFile = dir.resolve("hashes.tsv");
        HashEngine engine = new HashEngine(new HashCache(cacheFile), 1);
        engine.afterRead = () -> {
            try {
                Files.write(file, "4,5,6\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        FileHash h = engine.hash(file).get();
        assertEquals(FileHash.Status.CHANGED_WHILE_HASHING, h.status);
        assertNull(h.sha256);
        engine.saveCache();
        assertFalse(Files.exists(cacheFile), "nothing cached for a file that changed");
    }

    @Test
    void filesAboveTheSampleSizeGetAPartialFingerprint(@TempDir Path dir) throws Exception {
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("huge.bin"), content);
        HashEngine engine = new HashEngine(new HashCache(dir.resolve("c.tsv")), 1, 1024 * 1024);
        FileHash h = engine.hash(file).get();
        assertEquals(FileHash.Status.PARTIAL, h.status);
        assertNull(h.sha256, "a sample is never called the file's SHA-256");
        assertEquals(64, h.sampledSha256.length());
        assertEquals(5L * 1024 * 1024, h.sampledBytes, "five chunks of 1 MiB cover a 5 MiB file");
        assertEquals(h.sampledSha256, new HashEngine(new HashCache(dir.resolve("d.tsv")), 1, 1024 * 1024).hash(file).get().sampledSha256,
                "deterministic");
        content[content.length - 1] ^= 1;   // the last chunk is always sampled
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertFalse(h.sampledSha256.equals(new HashEngine(new HashCache(dir.resolve("e.tsv")), 1, 1024 * 1024).hash(file).get().sampledSha256));
        FileHash small = new HashEngine(new HashCache(dir.resolve("f.tsv")), 1, 64L * 1024 * 1024).hash(file).get();
        assertEquals(FileHash.Status.COMPLETE, small.status, "below the size: hashed in full");
        assertEquals(sha256(content), small.sha256);
    }
}
