package io.runledger.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
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
        if (loader != null || !("java/lang/Runtime".equals(className) || "java/lang/Thread".equals(className))) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if ("java/lang/Runtime".equals(className) && "exit".equals(name) && "(I)V".equals(descriptor)) {
                        changed[0] = true;
                        return new PrologueAdder(mv, () -> {
                            mv.visitVarInsn(Opcodes.ILOAD, 1);
                            mv.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onExit", "(I)V", false);
                        });
                    }
                    if ("java/lang/Thread".equals(className) && "dispatchUncaughtException".equals(name)
                            && "(Ljava/lang/Throwable;)V".equals(descriptor)) {
                        changed[0] = true;
                        return new PrologueAdder(mv, () -> {
                            mv.visitVarInsn(Opcodes.ALOAD, 0);
                            mv.visitVarInsn(Opcodes.ALOAD, 1);
                            mv.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onUncaughtException",
                                    "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", false);
                        });
                    }
                    return mv;
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (Throwable t) {
            return null;   // a JDK we cannot parse keeps its classes untouched
        }
    }

    /** Emits {@code prologue} at the start of a method's code. */
    private static final class PrologueAdder extends MethodVisitor {
        private final Runnable prologue;

        PrologueAdder(MethodVisitor mv, Runnable prologue) {
            super(Opcodes.ASM9, mv);
            this.prologue = prologue;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            prologue.run();
        }
    }
}
