package io.runledger.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The woven-class cache on its own: served without the weaver once known, and woven afresh whenever in doubt. */
class WovenClassCacheTest {

    private static final List<String> PREFIXES = List.of("org/x/");
    private static final byte[] A = "class A bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "class B bytes".getBytes(StandardCharsets.UTF_8);

    /** A stand-in for ByteBuddy: weaves org/x/A (appends a marker), leaves everything else; counts its calls. */
    private static final class Weaver implements ClassFileTransformer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            calls.incrementAndGet();
            if (!name.equals("org/x/A")) {
                return null;
            }
            byte[] out = Arrays.copyOf(bytes, bytes.length + 6);
            System.arraycopy("+woven".getBytes(StandardCharsets.UTF_8), 0, out, bytes.length, 6);
            return out;
        }
    }

    private static byte[] load(ClassFileTransformer t, String name, byte[] bytes) throws Exception {
        return t.transform(null, null, name, null, null, bytes);
    }

    private static ClassFileTransformer serving(File dir, String build, Weaver weaver) {
        WovenClassCache cache = new WovenClassCache(dir, "m", build);
        return cache.new Serving(PREFIXES, () -> weaver);
    }

    @Test
    void aSecondStartIsServedWithoutTheWeaver(@TempDir Path tmp) throws Exception {
        File dir = tmp.toFile();
        Weaver first = new Weaver();
        WovenClassCache cache = new WovenClassCache(dir, "m", "b1");
        ClassFileTransformer cold = cache.new Serving(PREFIXES, () -> first);
        byte[] woven = load(cold, "org/x/A", A);
        assertNull(load(cold, "org/x/B", B));
        assertNull(load(cold, "com/other/C", B), "outside the module's prefixes: not looked at");
        assertEquals(2, first.calls.get());
        cache.save();

        ClassFileTransformer warm = new WovenClassCache(dir, "m", "b1").new Serving(PREFIXES, () -> {
            fail("a known class must not need the weaver");
            return null;
        });
        assertArrayEquals(woven, load(warm, "org/x/A", A));
        assertNull(load(warm, "org/x/B", B));
    }

    @Test
    void anythingInDoubtIsWovenAfresh(@TempDir Path tmp) throws Exception {
        File dir = tmp.toFile();
        WovenClassCache cache = new WovenClassCache(dir, "m", "b1");
        byte[] woven = load(cache.new Serving(PREFIXES, Weaver::new), "org/x/A", A);
        cache.save();

        // another version of the class: unknown
        Weaver changed = new Weaver();
        byte[] a2 = "class A bytes, version 2".getBytes(StandardCharsets.UTF_8);
        load(serving(dir, "b1", changed), "org/x/A", a2);
        assertEquals(1, changed.calls.get());

        // another agent build or class path: another cache
        Weaver rebuilt = new Weaver();
        assertArrayEquals(woven, load(serving(dir, "b2", rebuilt), "org/x/A", A));
        assertEquals(1, rebuilt.calls.get());

        // the stored bytes altered: not used
        try (var files = Files.list(tmp)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("org.x.A-") && f.toString().contains("-b1.class")) {
                    byte[] bytes = Files.readAllBytes(f);
                    bytes[bytes.length - 1] ^= 1;
                    Files.write(f, bytes);
                }
            }
        }
        Weaver afterTamper = new Weaver();
        assertArrayEquals(woven, load(serving(dir, "b1", afterTamper), "org/x/A", A), "woven again, from the original bytes");
        assertEquals(1, afterTamper.calls.get());
    }

    @Test
    void aMangledIndexIsIgnored(@TempDir Path tmp) throws Exception {
        WovenClassCache cache = new WovenClassCache(tmp.toFile(), "m", "b1");
        load(cache.new Serving(PREFIXES, Weaver::new), "org/x/B", B);
        cache.save();
        Path index = tmp.resolve("m-b1.idx");
        Files.writeString(index, "not an index\n" + Files.readString(index));
        Weaver again = new Weaver();
        assertNull(load(serving(tmp.toFile(), "b1", again), "org/x/B", B));
        assertEquals(1, again.calls.get());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(index)));
    }

    @Test
    void theIndexKeepsEachWellFormedLineAndSkipsTheRest(@TempDir Path tmp) throws Exception {
        Path index = tmp.resolve("m-b1.idx");
        Files.writeString(index, "runledger-woven 1\norg.x.A-1-a.class W\n\nno verdict\norg.x.B-2-b.class U\n W\norg.x.C-3-c.class X\n"
                + "org.x.E-5-e.class  U\norg.x.D-4-d.class W");
        assertEquals(java.util.Map.of("org.x.A-1-a.class", true, "org.x.B-2-b.class", false, "org.x.E-5-e.class ", false, "org.x.D-4-d.class", true),
                WovenClassCache.read(index.toFile()));
        Files.writeString(index, "runledger-woven 2\norg.x.A-1-a.class W\n");
        assertEquals(java.util.Map.of(), WovenClassCache.read(index.toFile()), "another format: nothing");
    }

    @Test
    void theBuildNamesTheClassPathAndItsFilesUnlessTheModuleReadsOnlyTheClass(@TempDir Path tmp) throws Exception {
        String before = WovenClassCache.build(null, true);
        String ownBytes = WovenClassCache.build(null, false);
        assertEquals(before, WovenClassCache.build(null, true), "the same JVM and class path: the same cache");
        String cp = System.getProperty("java.class.path");
        Path app = Files.write(tmp.resolve("app.jar"), A);
        try {
            System.setProperty("java.class.path", cp + File.pathSeparator + app);
            String withApp = WovenClassCache.build(null, true);
            assertFalse(before.equals(withApp));
            assertTrue(app.toFile().setLastModified(app.toFile().lastModified() - 60_000));
            assertFalse(withApp.equals(WovenClassCache.build(null, true)), "the application's jar rebuilt: another cache");
            assertEquals(ownBytes, WovenClassCache.build(null, false), "a module whose matchers read only the class: one cache for any class path");
        } finally {
            System.setProperty("java.class.path", cp);
        }
    }
}
