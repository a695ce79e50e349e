package io.runledger.instrument;

import io.runledger.config.Config;
import io.runledger.config.LedgerMode;
import io.runledger.safety.SafeDirectory;
import io.runledger.util.Log;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Patched JDK class files kept on disk, so that a JVM start does not pay for loading and running ASM
 * (about 25 ms on a small machine) when the same JDK class was patched the same way before. These bytes
 * become {@code java.io.FileInputStream} in the next JVM, so the cache is used only in a directory nobody
 * else can write ({@link SafeDirectory}, and mode 0700 exactly): {@code ~/.cache/runledger/jdk-patches},
 * else the user's own temp directory. When neither is safe the agent patches in memory on every start and
 * says so once. Each file starts with a 64-bit check (CRC-32 and CRC-32C) of (original class bytes, agent
 * build, patched bytes), verified before the bytes are used: it catches a torn, corrupt or mismatched file.
 * It is not a cryptographic digest on purpose: nobody but the user can write the directory (that rule is the
 * protection), and SHA-256 would load the JCA providers in premain, about 20 ms of every JVM start. A file
 * is named after the class, the original's length and CRC-32 and the agent build, so a different JDK or
 * agent never meets a stale patch. Written owner-only and atomically. Plain {@code java.io}: this runs
 * inside transformers while JDK classes load.
 */
public final class PatchCache {

    static final int DIGEST = 8;

    /** Null: nothing is read or written, patches are made in memory. */
    private final File dir;
    private final String build;

    PatchCache(File dir, File agentJar) {
        this(dir, agentBuild(agentJar));
    }

    /** The agent build as a file-name part: the jar's size and modification time ("dev" without a jar). */
    static String agentBuild(File agentJar) {
        return agentJar == null ? "dev" : agentJar.length() + "-" + agentJar.lastModified();
    }

    /**
     * {@code dir}, created if needed, when only this user can write it (owner-only, no links: its files
     * become classes); else null and one warning: {@code what} (the reason) {@code instead}.
     */
    static File safeDir(File dir, String warningKey, String what, String instead) {
        String unsafe = SafeDirectory.prepare(dir.toPath(), LedgerMode.PRIVATE);
        if (unsafe == null) {
            unsafe = SafeDirectory.ownerOnly(dir.toPath());
        }
        if (unsafe != null) {
            Log.warnOnce(warningKey, what + " (" + unsafe + ")" + instead);
            return null;
        }
        return dir;
    }

    /** {@code build}: what the patches depend on besides the original bytes, as a file-name part. */
    PatchCache(File dir, String build) {
        this.dir = dir;
        this.build = build;
    }

    private static volatile PatchCache shared;

    /** {@link #open}, once per JVM: the JDK patches of premain and of the recorder share it. */
    public static PatchCache shared(File agentJar) {
        PatchCache c = shared;
        if (c == null) {
            synchronized (PatchCache.class) {
                c = shared;
                if (c == null) {
                    c = open(agentJar);
                    shared = c;
                }
            }
        }
        return c;
    }

    /** The JVM's shared cache if {@link #shared} made it already, else null. */
    static PatchCache sharedIfOpen() {
        return shared;
    }

    /** Removes patches of other agent builds left unchanged for a month ({@link CacheSweep}). */
    void sweep(long now) {
        if (dir != null) {
            CacheSweep.jdkPatches(dir, build, now);
        }
    }

    /** The cache in the default place, or an in-memory one (with one warning) when that place is not safe. */
    public static PatchCache open(File agentJar) {
        File dir = safeDir(defaultDir(), "patch-cache", "patched JDK classes are not cached on disk", "; patching in memory");
        return new PatchCache(dir, agentJar);
    }

    /** The default place: {@code ~/.cache/runledger/jdk-patches}, or the temp directory when home is not writable. */
    public static File defaultDir() {
        File home = new File(System.getProperty("user.home", ""), ".cache");
        if (home.isDirectory() && home.canWrite() || !home.exists() && home.getParentFile() != null && home.getParentFile().canWrite()) {
            return new File(new File(home, "runledger"), "jdk-patches");
        }
        return new File(Config.userTempDir().toFile(), "jdk-patches");
    }

    /** The directory in use, or null when patches are kept in memory only. */
    public File dir() {
        return dir;
    }

    String key(String className, byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original, 0, original.length);
        return className.replace('/', '.') + "-" + original.length + "-" + Long.toHexString(crc.getValue()) + "-" + build + ".class";
    }

    /** Makes a patch when the cache has none (null: leave the class as it is). Not for premain: a lambda there costs an indy bootstrap. */
    interface Patcher {
        byte[] patch();
    }

    /** The cached patch of {@code className}'s {@code original} bytes, else {@code patcher}'s (then cached); null on any failure. */
    byte[] patched(String className, byte[] original, Patcher patcher) {
        try {
            String key = key(className, original);
            byte[] patched = get(key, original);
            if (patched == null) {
                patched = patcher.patch();
                if (patched != null) {
                    put(key, original, patched);
                }
            }
            return patched;
        } catch (Throwable t) {
            return null;   // the class loads as it is
        }
    }

    /** The cached patch of {@code original}, or null. */
    byte[] get(String key, byte[] original) {
        if (dir == null) {
            return null;
        }
        File f = new File(dir, key);
        long length = f.length();
        if (length < DIGEST + 10 || length > (1 << 24)) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        try (InputStream in = new FileInputStream(f)) {
            int off = 0;
            for (int n; off < bytes.length && (n = in.read(bytes, off, bytes.length - off)) > 0; ) {
                off += n;
            }
            if (off != bytes.length) {
                return null;
            }
            byte[] patched = Arrays.copyOfRange(bytes, DIGEST, bytes.length);
            return Arrays.equals(Arrays.copyOf(bytes, DIGEST), digest(original, patched)) ? patched : null;
        } catch (Throwable e) {   // an Error too: this runs while a JDK class is being loaded
            return null;
        }
    }

    /** Stores a patch: temp file, then rename, so a reader never sees half a class. */
    void put(String key, byte[] original, byte[] patched) {
        if (dir == null) {
            return;
        }
        try {
            // not File.createTempFile: its SecureRandom would open files (and channels) while a channel class loads
            File tmp = new File(dir, key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            try (OutputStream out = new FileOutputStream(tmp)) {
                out.write(digest(original, patched));
                out.write(patched);
            }
            tmp.setReadable(false, false);
            tmp.setReadable(true, true);
            if (!tmp.renameTo(new File(dir, key))) {
                tmp.delete();
            }
        } catch (Throwable e) {   // an Error too: this runs while a JDK class is being loaded
            // patched afresh next time
        }
    }

    private byte[] digest(byte[] original, byte[] patched) {
        byte[] b = build.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        CRC32C crcc = new CRC32C();
        for (byte[] part : new byte[][] {original, b, patched}) {
            crc.update(part, 0, part.length);
            crcc.update(part, 0, part.length);
        }
        return ByteBuffer.allocate(DIGEST).putInt((int) crc.getValue()).putInt((int) crcc.getValue()).array();
    }
}
