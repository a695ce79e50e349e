package io.runledger.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The ASM side of {@link JdkExitHooks} and {@link ObjectStreamHook}: a class of its own so that ASM loads
 * only when a patch is not in the {@link PatchCache} yet (a warm start loads none of it).
 */
final class JdkHookPatches {

    private static final String API = "io/runledger/bootstrap/RunLedger";

    private JdkHookPatches() {
    }

    /** {@code Runtime.exit(int)} reports its status, {@code Thread.dispatchUncaughtException} the exception; else null. */
    static byte[] exit(String className, byte[] bytes) {
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

    /** {@code ObjectOutputStream.writeObject(Object)} reports the object after a normal return. */
    static byte[] objectStream(byte[] bytes) {
        return JdkClassPatch.patch(bytes, (name, descriptor, mv) -> !"writeObject".equals(name) || !"(Ljava/lang/Object;)V".equals(descriptor)
                ? null : new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {   // after a normal return only
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onObjectWritten",
                                    "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                        }
                        super.visitInsn(opcode);
                    }
                });
    }
}
