package io.runledger.instrument;

import io.runledger.safety.SafeDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Patched JDK class bytes become java.io.FileInputStream: only the user's own, intact files are used. */
class PatchCacheTest {

    private static final byte[] ORIGINAL = classBytes("java/io/FileInputStream");

    private static byte[] classBytes(String name) {
        try {
            return Object.class.getResourceAsStream("/" + name + ".class").readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPatchStoredByTheUserIsReturnedAsStored(@TempDir Path tmp) throws Exception {
        PatchCache cache = new PatchCache(Files.createDirectory(tmp.resolve("c")).toFile(), (File) null);
        byte[] patched = classBytes("java/io/RandomAccessFile");
        String key = cache.key("java/io/FileInputStream", ORIGINAL);
        cache.put(key, ORIGINAL, patched);
        assertArrayEquals(patched, cache.get(key, ORIGINAL));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("c").resolve(key))));
    }

    @Test
    void bytesSwappedInTheFileAreNotUsed(@TempDir Path tmp) throws Exception {
        File dir = Files.createDirectory(tmp.resolve("c")).toFile();
        PatchCache cache = new PatchCache(dir, (File) null);
        String key = cache.key("java/io/FileInputStream", ORIGINAL);
        cache.put(key, ORIGINAL, classBytes("java/io/RandomAccessFile"));
        Path file = dir.toPath().resolve(key);
        byte[] stored = Files.readAllBytes(file);
        byte[] evil = classBytes("java/lang/Thread");   // any valid class file in place of the patch
        byte[] forged = Arrays.copyOf(stored, PatchCache.DIGEST + evil.length);
        System.arraycopy(evil, 0, forged, PatchCache.DIGEST, evil.length);
        Files.write(file, forged);
        assertNull(cache.get(key, ORIGINAL));
    }

    @Test
    void aCacheDirectoryPlantedByAnotherUserIsNeverReadNorWritten(@TempDir Path tmp) throws Exception {
        // The victim has no usable home, so the cache would live under the temp directory, which the attacker prepared.
        Path fakeTmp = Files.createDirectory(tmp.resolve("tmp"));
        Path planted = Files.createDirectories(fakeTmp.resolve("runledger-" + System.getProperty("user.name")).resolve("jdk-patches"));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(planted.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        if (SafeDirectory.currentUid() == 0) {
            Files.setAttribute(planted, "unix:uid", 65534);
            Files.setAttribute(planted.getParent(), "unix:uid", 65534);
        }
        String home = System.getProperty("user.home");
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("user.home", tmp.resolve("no-such-home/deeper").toString());
        System.setProperty("java.io.tmpdir", fakeTmp.toString());
        try {
            PatchCache cache = PatchCache.open(null);
            assertNull(cache.dir(), "patches are made in memory");
            String key = cache.key("java/io/FileInputStream", ORIGINAL);
            cache.put(key, ORIGINAL, classBytes("java/io/RandomAccessFile"));
            assertEquals(0, planted.toFile().list().length);
        } finally {
            System.setProperty("user.home", home);
            System.setProperty("java.io.tmpdir", tmpdir);
        }
    }
}
