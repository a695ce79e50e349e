package io.runledger.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Tells the agent how the JVM ends, without changing how it ends: {@code Runtime.exit(int)} reports its
 * status and {@code Thread.dispatchUncaughtException} reports the exception before the host's own
 * handler runs. Both call into {@code io.runledger.bootstrap.RunLedger}, which swallows every error.
 *
 * <p>Patched with the plain ASM that ByteBuddy bundles ({@link JdkHookPatches}) rather than an
 * {@code AgentBuilder}, and kept in the {@link PatchCache}: a warm start loads no ASM at all.
 */
public final class JdkExitHooks implements ClassFileTransformer {

    private final PatchCache cache;

    private JdkExitHooks(PatchCache cache) {
        this.cache = cache;
    }

    /** Registers the hooks and retransforms the two (already loaded) JDK classes. */
    public static void install(Instrumentation inst, PatchCache cache) throws Exception {
        JdkPatching.retransformThenLeave(inst, new JdkExitHooks(cache), new Class<?>[] {Runtime.class, Thread.class}, false);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !("java/lang/Runtime".equals(className) || "java/lang/Thread".equals(className))) {
            return null;
        }
        return cache.patched(className, bytes, () -> JdkHookPatches.exit(className, bytes));
    }
}
