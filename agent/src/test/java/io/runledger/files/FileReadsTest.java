package io.runledger.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker driven as the JDK hooks drive it, with stand-in stream objects. */
class FileReadsTest {

    private static FileReads reads(Path ledger, List<String> include, List<String> exclude, long minSize) {
        return new FileReads(new FileReadFilter(include, exclude, Collections.emptyList(), Collections.singletonList(ledger)), minSize);
    }

    @Test
    void aFileIsReportedOnceAtItsFirstReadWithAllBytesCounted(@TempDir Path dir) throws Exception {
        Path data = Files.write(dir.resolve("data.csv"), new byte[100]);
        FileReads tracker = reads(dir.resolve("ledger"), List.of(), List.of(), 1);
        List<PathReads> heard = new ArrayList<>();
        tracker.listen(heard::add);
        Object stream1 = new Object();
        Object stream2 = new Object();
        tracker.opened(stream1, data.toFile(), true);
        tracker.opened(stream2, data.toString(), true);
        assertTrue(heard.isEmpty(), "opened is not read");
        tracker.read(stream1, 60);
        tracker.read(stream2, 40);
        tracker.read(new Object(), 1000);   // some other stream
        assertEquals(1, heard.size());
        assertEquals(data.toAbsolutePath().normalize().toString(), heard.get(0).path);
        assertEquals(100, heard.get(0).bytesRead(), "both streams on the same file add up");
        assertTrue(heard.get(0).firstReadAt() != null && heard.get(0).lastReadAt() != null);
    }

    @Test
    void filtersTheJvmsOwnFilesTheLedgerGlobsAndSmallFiles(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger");
        Path inLedger = Files.write(Files.createDirectories(ledger).resolve("x.json"), new byte[10]);
        Path tmp = Files.write(dir.resolve("a.tmp"), new byte[10]);
        Path small = Files.write(dir.resolve("small.csv"), new byte[3]);
        Path kept = Files.write(dir.resolve("kept.csv"), new byte[10]);
        Path jar = Files.write(dir.resolve("plugin.jar"), new byte[10]);
        Path jdk = Path.of(System.getProperty("java.home"), "release");
        FileReads tracker = reads(ledger, List.of(), List.of("**/*.tmp"), 5);
        List<PathReads> heard = new ArrayList<>();
        for (Path p : Arrays.asList(inLedger, tmp, small, kept, jdk, jar, Path.of("/proc/self/status"))) {
            Object stream = new Object();
            tracker.opened(stream, p.toFile(), true);
            tracker.read(stream, 10);
        }
        Object writeOnly = new Object();
        tracker.opened(writeOnly, new File(kept.toString() + "2"), false);
        tracker.read(writeOnly, 10);
        tracker.listen(heard::add);   // replays what was read before a run began
        assertEquals(1, heard.size(), String.valueOf(heard));
        assertEquals(kept.toString(), heard.get(0).path);

        FileReads onlyCsv = reads(ledger, List.of("**/*.csv"), List.of(), 0);
        List<PathReads> csv = new ArrayList<>();
        onlyCsv.listen(csv::add);
        for (Path p : Arrays.asList(tmp, small)) {
            Object stream = new Object();
            onlyCsv.opened(stream, p.toString(), true);
            onlyCsv.read(stream, 1);
        }
        assertEquals(1, csv.size());
        assertEquals(small.toString(), csv.get(0).path, "include globs; min size 0 keeps small files");
    }

    @Test
    void theAgentsOwnThreadsAreIgnored(@TempDir Path dir) throws Exception {
        Path data = Files.write(dir.resolve("data.csv"), new byte[10]);
        FileReads tracker = reads(dir.resolve("ledger"), List.of(), List.of(), 1);
        Object stream = new Object();
        Thread t = new Thread(() -> tracker.opened(stream, data.toFile(), true), "runledger-hash-1");
        t.start();
        t.join();
        tracker.read(stream, 10);
        List<PathReads> heard = new ArrayList<>();
        tracker.listen(heard::add);
        assertFalse(heard.iterator().hasNext());
    }

    @Test
    void streamsWithTheirOwnEqualityAreNeverAskedForIt(@TempDir Path dir) throws Exception {
        Path data = Files.write(dir.resolve("data.csv"), new byte[10]);
        FileReads tracker = reads(dir.resolve("ledger"), List.of(), List.of(), 1);
        Object tracked = new Object();
        tracker.opened(tracked, data.toFile(), true);   // something is tracked: reads do look up
        Object custom = new Object() {
            @Override
            public int hashCode() {
                throw new AssertionError("application code called by the agent");
            }

            @Override
            public boolean equals(Object o) {
                throw new AssertionError("application code called by the agent");
            }
        };
        tracker.opened(custom, data.toFile(), true);
        tracker.read(custom, 10);
        tracker.read(tracked, 10);
        List<PathReads> heard = new ArrayList<>();
        tracker.listen(heard::add);
        assertEquals(1, heard.size());
        assertEquals(10, heard.get(0).bytesRead(), "only the identity-hashed stream counted");
    }

    @Test
    void aBoundedNumberOfFilesIsTracked(@TempDir Path dir) throws Exception {
        FileReads tracker = new FileReads(new FileReadFilter(List.of(), List.of(), Collections.emptyList(), List.of(dir.resolve("ledger"))), 1, 3);
        List<PathReads> heard = new ArrayList<>();
        tracker.listen(heard::add);
        for (int i = 0; i < 5; i++) {
            Object stream = new Object();
            tracker.opened(stream, Files.write(dir.resolve(i + ".csv"), new byte[4]).toFile(), true);
            tracker.read(stream, 4);
        }
        Object again = new Object();
        tracker.opened(again, dir.resolve("0.csv").toFile(), true);   // a path already tracked still is
        tracker.read(again, 4);
        assertEquals(3, heard.size());
        assertEquals(8, heard.get(0).bytesRead());
        assertTrue(tracker.limitReached());
    }

    /** A JEP 290 filter in a security properties file, a logging configuration: the JVM's files, not data, wherever they live. */
    @Test
    void filesTheJdkReadsForItsOwnConfigurationAreNeverData(@TempDir Path dir) throws Exception {
        Path filter = Files.writeString(dir.resolve("jep290.properties"), "jdk.serialFilter=org.tribuo.**;java.base/*;!*\n");
        Path logging = Files.writeString(dir.resolve("logging.properties"), "handlers=\n");
        Path data = Files.writeString(dir.resolve("train.csv"), "a,b\n");
        String[] keys = {"java.security.properties", "java.util.logging.config.file", "jdk.serialFilter"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        try {
            System.setProperty("java.security.properties", "=" + filter);   // "=" (or "==") replaces the JDK's own file
            System.setProperty("java.util.logging.config.file", logging.toString());
            System.setProperty("jdk.serialFilter", "maxdepth=20;!*");   // a pattern, not a file: nothing to exclude
            FileReadFilter f = new FileReadFilter(List.of(), List.of(), Collections.emptyList(), Collections.emptyList());
            assertFalse(f.accepts(filter.toString()));
            assertFalse(f.accepts(logging.toString()));
            assertTrue(f.accepts(data.toString()));
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
        assertEquals(filter.toString(), FileReadFilter.configurationFile("==" + filter));
        assertEquals(null, FileReadFilter.configurationFile("NONE"));
    }

    /** What a Spark job's JVM opens beside its data: none of it is data, for any framework. */
    @Test
    void engineScratchNativeLibrariesAndSystemConfigurationAreNeverData() {
        FileReadFilter f = new FileReadFilter(List.of(), List.of(), Collections.emptyList(), Collections.emptyList());
        for (String noise : new String[] {
                "/tmp/blockmgr-07ffdeed-1aa2-44f4-b9bf-f9111b76ddaa/0d/temp_shuffle_254ab8aa-f973-45ad-9e59-22d932cf3d9b",
                "/data/spark-local/blockmgr-1a/11/shuffle_3_28_0.data",
                "/tmp/spark-5c8f3e2a-9d1b-4e7f-8a6c-2b3d4e5f6a7b/userFiles-1/app.conf",
                "/tmp/snappy-1.1.10-97e97c35-bd7b-4fab-8db6-f1799f19d541-libsnappyjava.so",
                "/tmp/libzstd-jni-1.5.5-5.so.1", "/tmp/jna-123/jna456.tmp.dylib",
                "/etc/os-release", "/etc/java-17-openjdk/net.properties"}) {
            assertFalse(f.accepts(noise), noise);
        }
        for (String data : new String[] {"/data/spark-jobs/train.csv", "/data/spark-2024/part-0.parquet", "/data/sonar.solib.csv",
                "/home/ml/etc/train.csv", "/data/models.sorted/a.csv"}) {
            assertTrue(f.accepts(data), data);
        }
    }
}
