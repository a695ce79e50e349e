package io.runledger.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.io.ObjectOutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Reports every {@code ObjectOutputStream.writeObject(Object)} that returns normally, so that models
 * saved with plain Java serialization are recorded. The agent filters by class name first; the stream
 * itself is untouched. Plain ASM, like {@link JdkExitHooks}. Install it outside any transformer
 * callback: the JVM does not run transformers re-entrantly, so a retransformation requested from inside
 * one is silently skipped.
 */
public final class ObjectStreamHook implements ClassFileTransformer {

    private static volatile boolean installed;

    /** Retransforms {@code java.io.ObjectOutputStream} once per JVM. */
    public static synchronized void install(Instrumentation inst) throws Exception {
        if (installed) {
            return;
        }
        inst.addTransformer(new ObjectStreamHook(), true);
        inst.retransformClasses(ObjectOutputStream.class);
        installed = true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || !"java/io/ObjectOutputStream".equals(className)) {
            return null;
        }
        return JdkClassPatch.patch(bytes, (name, descriptor, mv) -> !"writeObject".equals(name) || !"(Ljava/lang/Object;)V".equals(descriptor)
                ? null : new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {   // after a normal return only
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, "io/runledger/bootstrap/RunLedger", "onObjectWritten",
                                    "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                        }
                        super.visitInsn(opcode);
                    }
                });
    }
}
