package io.runledger.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attacks and accidents of issue 14 on the hash cache, each reproduced against a real file. */
class HashCacheTest {

    private static final String A = "a".repeat(64);

    @Test
    void anInPlaceEditWithItsModificationTimeRestoredIsHashedAgain(@TempDir Path dir) throws Exception {
        Path data = Files.write(dir.resolve("train.csv"), "1,2,3\n".getBytes(StandardCharsets.UTF_8));
        FileTime mtime = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(data, mtime);
        Path cacheFile = dir.resolve("cache/hashes.tsv");
        HashEngine engine = new HashEngine(new HashCache(cacheFile), 1);
        String before = engine.hash(data).get().sha256;
        engine.saveCache();

        Thread.sleep(20);   // ctime moves on with the edit; mtime is put back as `touch -d` would
        try (RandomAccessFile raf = new RandomAccessFile(data.toFile(), "rw")) {
            raf.seek(4);
            raf.write('4');
        }
        Files.setLastModifiedTime(data, mtime);

        FileHash after = new HashEngine(new HashCache(cacheFile), 1).hash(data).get();
        assertFalse(after.fromCache, "a restored mtime must not make the cache answer");
        assertTrue(!before.equals(after.sha256));
    }

    /** Lines are parsed when their path is looked up: the last line of a path wins, a newer record beats it, a bad line is a miss. */
    @Test
    void linesReadLazilyAnswerAsTheWholeFileWould(@TempDir Path dir) throws Exception {
        Path cacheFile = dir.resolve("cache/hashes.tsv");
        String b = "b".repeat(64);
        String c = "c".repeat(64);
        FileStat one = new FileStat("/data/one.csv", 1, 2, 3, "1:2");
        FileStat two = new FileStat("/data/two.csv", 4, 5, 6, "1:3");
        FileStat three = new FileStat("/data/three.csv", 7, 8, 9, "1:4");
        HashCache first = new HashCache(cacheFile);
        first.record(one, A);
        first.record(two, A);
        first.record(three, A);
        first.save();
        HashCache second = new HashCache(cacheFile);
        second.record(one, b);   // the last line of one.csv
        second.save();
        // a line for two.csv that is not a cache line at all: the path's key, then garbage
        String text = Files.readString(cacheFile);
        String twoKey = text.lines().filter(l -> l.contains("\t4\t5\t6\t")).findFirst().orElseThrow().substring(0, 64);
        Files.writeString(cacheFile, text + twoKey + "\tnot-a-hash\t?\n");

        HashCache reader = new HashCache(cacheFile);
        reader.record(three, c);   // recorded in this JVM before three.csv was looked up: newer than its line
        assertEquals(b, reader.lookup(one));
        assertNull(reader.lookup(two), "a malformed last line is no answer");
        assertEquals(c, reader.lookup(three));
        assertNull(reader.lookup(new FileStat("/data/one.csv", 1, 2, 3, "9:9")), "another inode: not the same file");
    }

    @Test
    void pathsAreNeverWrittenOnlyTheirHashes(@TempDir Path dir) throws Exception {
        Path secretDir = Files.createDirectories(dir.resolve("X-Amz-Signature=deadbeefcafe0123456789"));
        Path data = Files.write(secretDir.resolve("part-0.csv"), "x\n".getBytes(StandardCharsets.UTF_8));
        Path cacheFile = dir.resolve("cache/hashes.tsv");
        HashEngine engine = new HashEngine(new HashCache(cacheFile), 1);
        engine.hash(data).get();
        engine.saveCache();
        String text = Files.readString(cacheFile);
        assertFalse(text.contains("deadbeefcafe0123456789"), text);
        assertFalse(text.contains("part-0.csv"), text);
    }

    @Test
    void theCacheFileIsOwnerOnlyWhateverTheUmask(@TempDir Path dir) throws Exception {
        Path cacheFile = dir.resolve("cache/hashes.tsv");
        HashCache cache = new HashCache(cacheFile);
        cache.record(new FileStat("/data/a.csv", 1, 2, 3, "1:2"), A);
        cache.save();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile.getParent())));
    }

    @Test
    void aSymbolicLinkPlantedAsTheCacheIsNeverWrittenThrough(@TempDir Path dir) throws Exception {
        Path victim = Files.write(dir.resolve("victim.txt"), "keep me\n".getBytes(StandardCharsets.UTF_8));
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        Path cacheFile = cacheDir.resolve("hashes.tsv");
        Files.createSymbolicLink(cacheFile, victim);
        HashCache cache = new HashCache(cacheFile);
        cache.record(new FileStat("/data/a.csv", 1, 2, 3, "1:2"), A);
        cache.save();
        assertEquals("keep me\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(cacheFile));
    }

    @Test
    void aForgedLineInAnOldFormatIsDroppedNotBelieved(@TempDir Path dir) throws Exception {
        Path data = Files.write(dir.resolve("a.csv"), "1\n".getBytes(StandardCharsets.UTF_8));
        FileStat stat = FileStat.of(data);
        Path cacheFile = Files.createDirectories(dir.resolve("cache")).resolve("hashes.tsv");
        // the format of earlier releases, with a wrong hash for the real file's stat
        Files.writeString(cacheFile, A + "\t" + stat.size + "\t" + stat.mtimeNanos + "\t" + stat.inode + "\t" + stat.path + "\n");
        assertNull(new HashCache(cacheFile).lookup(stat));
        assertFalse(Files.exists(cacheFile), "an old cache held plain paths: it is removed");
    }

    @Test
    void anOversizedCacheIsSetAsideWithoutBeingRead(@TempDir Path dir) throws Exception {
        Path cacheFile = Files.createDirectories(dir.resolve("cache")).resolve("hashes.tsv");
        try (RandomAccessFile raf = new RandomAccessFile(cacheFile.toFile(), "rw")) {
            raf.setLength(300L << 20);   // sparse: 300 MB of NULs, one "line"
        }
        HashCache cache = new HashCache(cacheFile);
        assertNull(cache.lookup(new FileStat("/data/a.csv", 1, 2, 3, "1:2")));
        assertFalse(Files.exists(cacheFile));
        assertEquals(300L << 20, Files.size(cacheFile.resolveSibling("hashes.tsv.set-aside")));
    }

    @Test
    void aSingleHugeLineIsSetAsideReadingAtMostOneLineBuffer(@TempDir Path dir) throws Exception {
        Path cacheFile = Files.createDirectories(dir.resolve("cache")).resolve("hashes.tsv");
        byte[] line = new byte[3 << 20];
        Arrays.fill(line, (byte) 'x');
        Files.write(cacheFile, (HashCache.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(cacheFile, line, java.nio.file.StandardOpenOption.APPEND);
        assertNull(new HashCache(cacheFile).lookup(new FileStat("/data/a.csv", 1, 2, 3, "1:2")));
        assertTrue(Files.exists(cacheFile.resolveSibling("hashes.tsv.set-aside")));
    }

    @Test
    void manyEntriesAreCompactedToTheNewestAndTheCacheStaysBounded(@TempDir Path dir) throws Exception {
        Path cacheFile = dir.resolve("cache/hashes.tsv");
        int total = HashCache.MAX_ENTRIES * 2;
        for (int round = 0; round < 4; round++) {
            HashCache cache = new HashCache(cacheFile);
            for (int i = 0; i < total / 4; i++) {
                int n = round * (total / 4) + i;
                cache.record(new FileStat("/data/file-" + n, n, 2, 3, "1:" + n), A);
            }
            cache.save();
            assertTrue(Files.size(cacheFile) <= HashCache.COMPACT_BYTES, "size " + Files.size(cacheFile));
        }
        List<String> lines = Files.readAllLines(cacheFile);
        assertTrue(lines.size() - 1 <= HashCache.MAX_ENTRIES, "entries " + (lines.size() - 1));
        HashCache reread = new HashCache(cacheFile);
        int last = total - 1;
        assertEquals(A, reread.lookup(new FileStat("/data/file-" + last, last, 2, 3, "1:" + last)), "the newest entry survives");
        assertNull(reread.lookup(new FileStat("/data/file-0", 0, 2, 3, "1:0")), "the oldest is gone");
        assertFalse(Files.isSymbolicLink(cacheFile) || !Files.isRegularFile(cacheFile, LinkOption.NOFOLLOW_LINKS));
    }
}
