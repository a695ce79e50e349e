package io.runledger.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Reports every {@code ObjectOutputStream.writeObject(Object)} that returns normally, so that models
 * saved with plain Java serialization are recorded. The agent filters by class name first; the stream
 * itself is untouched. Plain ASM ({@link JdkHookPatches}) through the {@link PatchCache}, like
 * {@link JdkExitHooks}. Install it outside any transformer callback: the JVM does not run transformers
 * re-entrantly, so a retransformation requested from inside one is silently skipped.
 */
public final class ObjectStreamHook implements ClassFileTransformer {

    private static volatile boolean installed;
    private final PatchCache cache;

    private ObjectStreamHook(PatchCache cache) {
        this.cache = cache;
    }

    /**
     * Installs the hook once per JVM: patched when {@code java.io.ObjectOutputStream} loads, or retransformed
     * now if it is loaded already. In premain it usually is not, and its class file is then the JDK's own,
     * the same at every start, so the patch comes from the cache; retransformed later, the JVM rebuilds the
     * class file from a class in use, whose bytes differ from start to start (the cache would never hit).
     */
    public static synchronized void install(Instrumentation inst, PatchCache cache) throws Exception {
        if (installed) {
            return;
        }
        installed = true;
        Class<?> loaded = null;
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if ("java.io.ObjectOutputStream".equals(c.getName())) {   // by name: the class literal would load it
                loaded = c;
            }
        }
        JdkPatching.retransformThenLeave(inst, new ObjectStreamHook(cache),
                loaded != null ? new Class<?>[] {loaded} : new Class<?>[0], loaded == null);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !"java/io/ObjectOutputStream".equals(className)) {
            return null;
        }
        return cache.patched(className, bytes, () -> JdkHookPatches.objectStream(bytes));
    }
}
