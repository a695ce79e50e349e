package io.runledger.instrument;

import net.bytebuddy.jar.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Tells the agent how the JVM ends, without changing how it ends: {@code Runtime.exit(int)} reports its
 * status and {@code Thread.dispatchUncaughtException} reports the exception before the host's own
 * handler runs. Both call into {@code io.runledger.bootstrap.RunLedger}, which swallows every error.
 *
 * <p>Written with the plain ASM that ByteBuddy bundles rather than an {@code AgentBuilder}, so that
 * start-up loads a dozen small classes instead of ByteBuddy's machinery.
 */
public final class JdkExitHooks implements ClassFileTransformer {

    private static final String API = "io/runledger/bootstrap/RunLedger";

    /** Registers the hooks and retransforms the two (already loaded) JDK classes. */
    public static void install(Instrumentation inst) throws Exception {
        inst.addTransformer(new JdkExitHooks(), true);
        inst.retransformClasses(Runtime.class, Thread.class);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (loader != null) {
            return null;
        }
        if ("java/lang/Runtime".equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) -> "exit".equals(name) && "(I)V".equals(descriptor)
                    ? JdkClassPatch.atStart(mv, () -> {
                        mv.visitVarInsn(Opcodes.ILOAD, 1);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onExit", "(I)V", false);
                    }) : null);
        }
        if ("java/lang/Thread".equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) ->
                    "dispatchUncaughtException".equals(name) && "(Ljava/lang/Throwable;)V".equals(descriptor)
                    ? JdkClassPatch.atStart(mv, () -> {
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        mv.visitVarInsn(Opcodes.ALOAD, 1);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onUncaughtException",
                                "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", false);
                    }) : null);
        }
        return null;
    }
}
