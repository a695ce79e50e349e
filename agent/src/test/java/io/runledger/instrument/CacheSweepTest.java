package io.runledger.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a sweep of the class caches removes and what it keeps. */
class CacheSweepTest {

    private static final long NOW = System.currentTimeMillis();
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private static File file(Path dir, String name, long ageDays) throws Exception {
        File f = Files.write(dir.resolve(name), name.getBytes(StandardCharsets.UTF_8)).toFile();
        assertTrue(f.setLastModified(NOW - ageDays * DAY - 1000));
        return f;
    }

    private static TreeSet<String> left(Path dir) {
        return new TreeSet<>(Arrays.asList(dir.toFile().list()));
    }

    @Test
    void wovenClassesOfUnusedIndexesAndOrphansGoTheRestStays(@TempDir Path dir) throws Exception {
        file(dir, "tribuo-100-7-aa.idx", 1);                          // this build's, opened yesterday
        file(dir, "org.tribuo.Model-10-c1-100-7-aa.class", 40);       // its class, old but its index is live
        file(dir, "dl4j-100-7-aa.idx", 45);                          // this build, another module: never swept
        file(dir, "spark-100-7-bb.idx", 3);                          // another class path, used three days ago
        file(dir, "org.apache.spark.ml.Pipeline-20-c2-100-7-bb.class", 90);
        file(dir, "tribuo-99-5-aa.idx", 31);                         // an older agent build, unused for a month
        file(dir, "org.tribuo.Model-10-c1-99-5-aa.class", 31);
        file(dir, "smile.io.Read-30-c3-98-4-cc.class", 2);           // no index (a JVM that never saved one)
        file(dir, "smile.io.Read-30-c3-98-4-dd.class", 0);           // no index yet, and written today
        file(dir, "tribuo-100-7-aa.idx.123.tmp", 2);
        file(dir, "tribuo-100-7-aa.idx.456.tmp", 0);

        CacheSweep.wovenClasses(dir.toFile(), "100-7-aa", NOW);

        assertEquals(new TreeSet<>(Arrays.asList("tribuo-100-7-aa.idx", "org.tribuo.Model-10-c1-100-7-aa.class", "dl4j-100-7-aa.idx",
                "spark-100-7-bb.idx", "org.apache.spark.ml.Pipeline-20-c2-100-7-bb.class", "smile.io.Read-30-c3-98-4-dd.class",
                "tribuo-100-7-aa.idx.456.tmp")), left(dir));
    }

    @Test
    void jdkPatchesOfOtherBuildsGoAfterAMonth(@TempDir Path dir) throws Exception {
        file(dir, "java.io.FileInputStream-900-e1-100-7.class", 60);   // this build: kept however old
        file(dir, "java.io.FileInputStream-900-e1-99-5.class", 31);
        file(dir, "java.io.FileInputStream-900-e1-98-4.class", 10);    // another build, but used ten days ago
        CacheSweep.jdkPatches(dir.toFile(), "100-7", NOW);
        assertEquals(new TreeSet<>(Arrays.asList("java.io.FileInputStream-900-e1-100-7.class",
                "java.io.FileInputStream-900-e1-98-4.class")), left(dir));
    }

    @Test
    void anIndexInUseIsMarkedOnceADay(@TempDir Path dir) throws Exception {
        File index = file(dir, "tribuo-100-7-aa.idx", 20);
        CacheSweep.touch(index, NOW);
        assertTrue(index.lastModified() >= NOW - 1000, "opened: marked as used today");
        assertTrue(index.setLastModified(NOW - DAY / 2));
        CacheSweep.touch(index, NOW);
        assertEquals(NOW - DAY / 2, index.lastModified(), 1000, "already marked within the day: not written again");
    }

    @Test
    void theBuildIsReadFromAClassFileName() {
        assertEquals("16326767-1796278419018-12d384bf", CacheSweep.classFileBuild("ml.dmlc.xgboost4j.java.Booster-19129-d9bb3abf-16326767-1796278419018-12d384bf.class"));
        assertEquals("dev-1a", CacheSweep.classFileBuild("org.x.A-13-5f-dev-1a.class"));
        assertEquals(null, CacheSweep.classFileBuild("odd.class"));
    }
}
