package io.runledger.instrument;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Patched JDK class files kept on disk, so that a JVM start does not pay for loading and running ASM
 * (about 25 ms on a small machine) when the same JDK class was patched the same way before. A file is
 * named after the class, the original class file's length and CRC-32, and the agent build (jar size
 * and time), so a different JDK or agent never gets a stale patch. The directory is the user's own
 * ({@code ~/.cache/runledger/jdk-patches}, else under the temp directory), written owner-only and
 * atomically; any problem means patching afresh. Plain {@code java.io}: this runs inside transformers.
 */
public final class PatchCache {

    private final File dir;
    private final String build;

    public PatchCache(File dir, File agentJar) {
        this.dir = dir;
        this.build = agentJar == null ? "dev" : agentJar.length() + "-" + agentJar.lastModified();
    }

    /** The default place: {@code ~/.cache/runledger/jdk-patches}, or the temp directory when home is not writable. */
    public static File defaultDir() {
        File home = new File(System.getProperty("user.home", ""), ".cache");
        if (home.isDirectory() && home.canWrite() || !home.exists() && home.getParentFile() != null && home.getParentFile().canWrite()) {
            return new File(new File(home, "runledger"), "jdk-patches");
        }
        return new File(io.runledger.config.Config.userTempDir().toFile(), "jdk-patches");
    }

    public File dir() {
        return dir;
    }

    String key(String className, byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original, 0, original.length);
        return className.replace('/', '.') + "-" + original.length + "-" + Long.toHexString(crc.getValue()) + "-" + build + ".class";
    }

    /** The cached patch, or null. */
    byte[] get(String key) {
        File f = new File(dir, key);
        long length = f.length();
        if (length < 10 || length > (1 << 24)) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        try (InputStream in = new FileInputStream(f)) {
            int off = 0;
            for (int n; off < bytes.length && (n = in.read(bytes, off, bytes.length - off)) > 0; ) {
                off += n;
            }
            boolean classFile = off == bytes.length && (bytes[0] & 0xff) == 0xca && (bytes[1] & 0xff) == 0xfe
                    && (bytes[2] & 0xff) == 0xba && (bytes[3] & 0xff) == 0xbe;
            return classFile ? bytes : null;
        } catch (Throwable e) {   // an Error too: this runs while a JDK class is being loaded
            return null;
        }
    }

    /** Stores a patch: temp file, then rename, so a reader never sees half a class. */
    void put(String key, byte[] patched) {
        try {
            if (!dir.isDirectory()) {
                if (!dir.mkdirs()) {
                    return;
                }
                ownerOnly(dir);
            }
            // not File.createTempFile: its SecureRandom would open files (and channels) while a channel class loads
            File tmp = new File(dir, key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            try (OutputStream out = new FileOutputStream(tmp)) {
                out.write(patched);
            }
            if (!tmp.renameTo(new File(dir, key))) {
                tmp.delete();
            }
        } catch (Throwable e) {   // an Error too: this runs while a JDK class is being loaded
            // patched afresh next time
        }
    }

    /** Best effort: file systems without permissions keep their defaults. */
    private static void ownerOnly(File d) {
        d.setReadable(false, false);
        d.setReadable(true, true);
        d.setWritable(false, false);
        d.setWritable(true, true);
        d.setExecutable(false, false);
        d.setExecutable(true, true);
    }
}
