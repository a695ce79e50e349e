package io.runledger.safety;

import io.runledger.config.LedgerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who could have written into a directory decides whether the agent trusts it. */
class SafeDirectoryTest {

    /** Somebody else's directory: made by root for uid 65534 when the tests run as root, else a system one. */
    static Path othersDirectory(Path under) throws Exception {
        if (SafeDirectory.currentUid() != 0) {
            return Paths.get("/usr");   // owned by root, not by this user
        }
        Path d = Files.createDirectory(under.resolve("planted"));
        Files.setAttribute(d, "unix:uid", 65534);
        return d;
    }

    @Test
    void aDirectoryMadeByTheAgentIsOwnerOnlyWhateverTheUmask(@TempDir Path tmp) {
        Path dir = tmp.resolve("a/b/c");
        assertNull(SafeDirectory.prepare(dir, LedgerMode.PRIVATE));
        for (Path p = dir; !p.equals(tmp); p = p.getParent()) {
            assertEquals("rwx------", perms(p), p.toString());
        }
        assertNull(SafeDirectory.ownerOnly(dir));
    }

    /**
     * The ledger and its hash cache prepare the same fallback from two threads at once: the one that
     * loses the race to create a component must not take the winner's half-made directory for a plant.
     */
    @Test
    void threadsPreparingTheSamePathAtOnceAllAcceptIt(@TempDir Path tmp) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Path ledger = tmp.resolve("r" + round + "/tmp/runledger-user");
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
                java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Path dir = t % 2 == 0 ? ledger : ledger.resolve("cache");
                    answers.add(pool.submit(() -> {
                        start.await();
                        return SafeDirectory.prepare(dir, LedgerMode.PRIVATE);
                    }));
                }
                for (java.util.concurrent.Future<String> a : answers) {
                    assertNull(a.get(), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void byGroupTheDirectoryIsGroupWritable(@TempDir Path tmp) {
        Path dir = tmp.resolve("shared");
        assertNull(SafeDirectory.prepare(dir, LedgerMode.GROUP));
        assertEquals("rwxrwx---", perms(dir));
    }

    @Test
    void anotherUsersDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path planted = othersDirectory(tmp);
        String why = SafeDirectory.prepare(planted, LedgerMode.PRIVATE);
        assertNotNull(why);
        assertTrue(why.contains("owned by uid"), why);
    }

    @Test
    void aWorldWritableDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(SafeDirectory.check(open, LedgerMode.PRIVATE).contains("writable by other users"));
        assertTrue(SafeDirectory.check(open, LedgerMode.GROUP).contains("writable by other users"));
        assertNotNull(SafeDirectory.prepare(open.resolve("below"), LedgerMode.PRIVATE), "a child of it can be swapped");
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToOnesOwnDirectory(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertTrue(SafeDirectory.check(link, LedgerMode.PRIVATE).contains("symbolic link"));
    }

    @Test
    void theStickyTempDirectoryIsAFineParent() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        Path mine = tmp.resolve("runledger-safety-test-" + ProcessHandle.current().pid());
        try {
            assertNull(SafeDirectory.prepare(mine, LedgerMode.PRIVATE));
        } finally {
            mine.toFile().delete();
        }
    }

    @Test
    void filesAreOpenedWithoutFollowingLinksAndWithTheModesPermissions(@TempDir Path tmp) throws Exception {
        Path target = Files.writeString(tmp.resolve("elsewhere"), "untouched");
        Path link = Files.createSymbolicLink(tmp.resolve("ledger.jsonl"), target);
        assertThrows(java.io.IOException.class, () -> SafeFiles.append(link, LedgerMode.PRIVATE).close());
        assertEquals("untouched", Files.readString(target));

        try (FileChannel ch = SafeFiles.append(tmp.resolve("own.jsonl"), LedgerMode.PRIVATE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}));
        }
        assertEquals("rw-------", perms(tmp.resolve("own.jsonl")));
        try (FileChannel ignored = SafeFiles.append(tmp.resolve("team.jsonl"), LedgerMode.GROUP)) {
            assertEquals("rw-rw----", perms(tmp.resolve("team.jsonl")));
        }
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
