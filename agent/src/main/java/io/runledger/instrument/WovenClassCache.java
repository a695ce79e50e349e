package io.runledger.instrument;


import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * A framework module's woven classes kept on disk, so that a later start of a job defines them without
 * ByteBuddy. The woven bytes of a class depend only on its original bytes, the agent build and the classes
 * its module's matchers look at; so a cache belongs to one (module, agent build, JVM version) and, unless the
 * module's matchers read nothing but the class itself ({@link FrameworkModule#wovenFromOwnBytesOnly}), one
 * class path with each entry's size and time. Inside it each class is known by name, length and CRC-32 of its
 * original bytes: woven (bytes in a {@link PatchCache} file, checked before use) or left alone. A class the
 * cache does not know (another version, a class loaded for the first time) is woven by ByteBuddy, loaded
 * then and only then, and remembered at exit. The files are defined as the application's classes, so they
 * live only in a directory nobody else can write (the rules of the JDK patch cache); elsewhere, no cache.
 */
public final class WovenClassCache {

    private static final String HEADER = "runledger-woven 1";
    private static final long MAX_INDEX = 16L << 20;

    private final File dir;
    private final File index;
    private final String build;
    private final PatchCache files;
    /** Key → woven, as read at start. */
    private final Map<String, Boolean> known;
    /** What ByteBuddy decided in this JVM for classes the cache did not know. */
    private final Map<String, Boolean> learned = new ConcurrentHashMap<>();

    WovenClassCache(File dir, String module, String build) {
        this.dir = dir;
        this.index = new File(dir, module + "-" + build + ".idx");
        this.build = build;
        this.files = new PatchCache(dir, build);
        this.known = read(index);
        CacheSweep.touch(index, System.currentTimeMillis());   // in use: no sweep takes it
    }

    /**
     * The transformer for {@code module}: served from the cache where it can, else by the ByteBuddy
     * transformer {@code byteBuddy} makes (called at most once, when the first unknown class loads).
     * Without a safe cache directory, ByteBuddy's own transformer, made now.
     */
    public static ClassFileTransformer transformer(FrameworkModule module, File agentJar, Supplier<ClassFileTransformer> byteBuddy) {
        File dir = safeDir();
        if (dir == null) {
            return byteBuddy.get();
        }
        WovenClassCache cache = new WovenClassCache(dir, module.name(), build(agentJar, !module.wovenFromOwnBytesOnly()));
        OPEN.add(cache);
        Runtime.getRuntime().addShutdownHook(new Thread(cache::save, "runledger-woven-" + module.name()));
        return cache.new Serving(module.armingPrefixes(), byteBuddy);
    }

    /** {@code ~/.cache/runledger/woven} (beside the JDK patches), or null when it is not safe (said once). */
    private static File safeDir() {
        return PatchCache.safeDir(new File(PatchCache.defaultDir().getParentFile(), "woven"), "woven-cache",
                "woven framework classes are not cached on disk", "; ByteBuddy weaves them on every start");
    }

    /**
     * The agent build, the JVM and, when {@code classPath}, the class path (each entry with its size and
     * modification time), as a file-name part.
     */
    static String build(File agentJar, boolean classPath) {
        CRC32 crc = new CRC32();
        StringBuilder text = new StringBuilder(System.getProperty("java.vm.version", "")).append('\n');
        for (String entry : classPath ? System.getProperty("java.class.path", "").split(File.pathSeparator) : new String[0]) {
            File f = new File(entry);
            text.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length);
        return PatchCache.agentBuild(agentJar) + "-" + Long.toHexString(crc.getValue());
    }

    /**
     * The index: one line a class, its key, a space and W (woven) or U (left as it is). Read whole and
     * split here rather than through {@code BufferedReader.readLine}: a DL4J index has 1,700 lines, enough
     * to make the JIT compile that large method two or three times more (about 100 ms of compiler time,
     * on the cores the program trains on), where this loop is small.
     */
    static Map<String, Boolean> read(File index) {
        Map<String, Boolean> out = new HashMap<>();
        if (!index.isFile() || index.length() > MAX_INDEX) {
            return out;
        }
        byte[] bytes;
        try (FileInputStream in = new FileInputStream(index)) {
            bytes = in.readNBytes((int) MAX_INDEX + 1);
        } catch (Exception e) {
            return out;   // unreadable: every class is woven afresh, and the index written anew
        }
        int start = lineEnd(bytes, 0);
        if (bytes.length > MAX_INDEX || !HEADER.equals(new String(bytes, 0, start, StandardCharsets.UTF_8))) {
            return out;
        }
        for (start++; start < bytes.length; ) {
            int end = lineEnd(bytes, start);
            int verdict = end - 1;
            if (verdict - start > 1 && bytes[verdict - 1] == ' ' && (bytes[verdict] == 'W' || bytes[verdict] == 'U')) {
                out.put(new String(bytes, start, verdict - 1 - start, StandardCharsets.UTF_8), bytes[verdict] == 'W');
            }
            start = end + 1;
        }
        return out;
    }

    /** Where the line from {@code from} ends: its newline, or the end of the bytes. */
    private static int lineEnd(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    /** The caches of this JVM's modules. */
    private static final List<WovenClassCache> OPEN = new CopyOnWriteArrayList<>();
    /** How many learnt keys the index on disk holds already. */
    private int saved;

    /**
     * Saves every cache again if it learnt more since: the recorder calls this when its final snapshot is
     * written. Shutdown hooks run at once, so the caches' own hooks may have saved before the recorder read
     * the program's evaluators, loading classes (DL4J's {@code IMetric}) that would otherwise stay unknown
     * and bring ByteBuddy in at the end of every later run.
     */
    public static void saveAll() {
        for (WovenClassCache cache : OPEN) {
            cache.save();
        }
    }

    /** Writes what this JVM learnt, merged with what was known: temp file, then rename. */
    synchronized void save() {
        int learnt = learned.size();
        if (learnt == saved) {
            return;
        }
        saved = learnt;
        Map<String, Boolean> all = new TreeMap<>(read(index));
        all.putAll(known);
        all.putAll(learned);
        File tmp = new File(dir, index.getName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (OutputStream out = new FileOutputStream(tmp)) {
            StringBuilder b = new StringBuilder(HEADER).append('\n');
            all.forEach((k, woven) -> b.append(k).append(woven ? " W\n" : " U\n"));
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            tmp.delete();
            return;
        }
        tmp.setReadable(false, false);
        tmp.setReadable(true, true);
        if (!tmp.renameTo(index)) {
            tmp.delete();
        }
        // this start wove something new: the time to drop what other builds and class paths left behind
        long now = System.currentTimeMillis();
        CacheSweep.wovenClasses(dir, build, now);
        PatchCache jdk = PatchCache.sharedIfOpen();
        if (jdk != null) {
            jdk.sweep(now);
        }
    }

    /** Keys known now: what was read and what was learnt (for tests). */
    int size() {
        return known.size() + learned.size();
    }

    /**
     * The module's transformer: a class under its prefixes that the cache knows is answered from it; any
     * other goes to ByteBuddy, whose answer is kept (bytes at once, the index at exit).
     */
    final class Serving implements ClassFileTransformer {
        private final List<String> prefixes;
        private final Supplier<ClassFileTransformer> byteBuddy;
        private volatile ClassFileTransformer weaver;

        Serving(List<String> prefixes, Supplier<ClassFileTransformer> byteBuddy) {
            this.prefixes = prefixes;
            this.byteBuddy = byteBuddy;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) throws java.lang.instrument.IllegalClassFormatException {
            if (className == null || redefined != null || !under(className)) {
                return null;
            }
            String key = files.key(className, bytes);
            Boolean woven = known.get(key);
            if (woven == null) {
                woven = learned.get(key);
            }
            if (Boolean.FALSE.equals(woven)) {
                return null;
            }
            if (Boolean.TRUE.equals(woven)) {
                byte[] cached = files.get(key, bytes);
                if (cached != null) {
                    return cached;
                }
            }
            byte[] out = weaver().transform(module, loader, className, null, domain, bytes);
            if (out != null) {
                files.put(key, bytes, out);
            }
            learned.put(key, out != null);
            return out;
        }

        private boolean under(String className) {
            for (String p : prefixes) {
                if (className.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        private ClassFileTransformer weaver() {
            ClassFileTransformer w = weaver;
            if (w == null) {
                synchronized (this) {
                    w = weaver;
                    if (w == null) {
                        w = byteBuddy.get();
                        weaver = w;
                    }
                }
            }
            return w;
        }
    }
}
