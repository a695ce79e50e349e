package io.runledger.instrument;

import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Reports the files a run reads through the JDK itself, for pipelines that parse their data by hand.
 * Opening: {@code FileInputStream(File)}, {@code RandomAccessFile(File, String)} and the factory every
 * NIO file channel comes from ({@code sun.nio.ch.FileChannelImpl.open}, behind {@code Files.newInputStream},
 * {@code newByteChannel}, {@code readAllBytes}, {@code lines}, {@code newBufferedReader} and
 * {@code FileChannel.open}). Reading: the public {@code read} methods that call the native reads (never
 * one that calls another hooked one, so nothing is counted twice) report their result after they
 * return; {@code FileChannel.map} reports the size it mapped. Each hook is a static call into
 * {@code io.runledger.bootstrap.RunLedger}, which swallows every error.
 *
 * <p>This runs in premain, so the patched class files are kept in a {@link PatchCache}: after the first
 * start on a machine (and JDK, and agent build) no ASM is loaded at all. See {@link JdkFilePatches}.
 */
public final class JdkFileHooks implements ClassFileTransformer {

    static final String CHANNEL_IMPL = "sun/nio/ch/FileChannelImpl";

    private static volatile boolean installed;

    private final PatchCache cache;

    private JdkFileHooks(PatchCache cache) {
        this.cache = cache;
    }

    /**
     * Retransforms {@code FileInputStream} and {@code RandomAccessFile}, and {@code FileChannelImpl} if it
     * is loaded (else it is patched when it loads). The bootstrap API must already be in the boot loader.
     */
    public static synchronized void install(Instrumentation inst, PatchCache cache) throws Exception {
        if (installed) {
            return;
        }
        JdkFileHooks hooks = new JdkFileHooks(cache);
        installed = true;
        java.util.List<Class<?>> loaded = new java.util.ArrayList<>();
        loaded.add(FileInputStream.class);
        loaded.add(RandomAccessFile.class);
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if ("sun.nio.ch.FileChannelImpl".equals(c.getName())) {
                loaded.add(c);
            }
        }
        JdkPatching.retransformThenLeave(inst, hooks, loaded.toArray(new Class<?>[0]), loaded.size() < 3);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !("java/io/FileInputStream".equals(className) || "java/io/RandomAccessFile".equals(className)
                || CHANNEL_IMPL.equals(className))) {
            return null;
        }
        try {
            String key = cache.key(className, bytes);
            byte[] patched = cache.get(key, bytes);
            if (patched == null) {
                patched = JdkFilePatches.patch(className, bytes);
                if (patched != null) {
                    cache.put(key, bytes, patched);
                }
            }
            return patched;
        } catch (Throwable t) {
            return null;   // the class loads as it is
        }
    }
}
