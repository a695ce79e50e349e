package io.runledger.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites a few methods of a JDK class with the plain ASM that ByteBuddy bundles (a dozen small classes
 * instead of ByteBuddy's machinery, which matters at start-up). Any failure leaves the class untouched.
 */
final class JdkClassPatch {

    /** Wraps the visitor of one method, or returns null to leave that method alone. */
    interface MethodEditor {
        MethodVisitor edit(String name, String descriptor, MethodVisitor original);
    }

    private JdkClassPatch() {
    }

    /** The patched class file, or null when no method was edited or the class could not be read. */
    static byte[] patch(byte[] bytes, MethodEditor editor) {
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            boolean[] changed = {false};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                    MethodVisitor edited = editor.edit(name, descriptor, mv);
                    changed[0] |= edited != null;
                    return edited == null ? mv : edited;
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (Throwable t) {
            return null;   // a JDK we cannot parse keeps its classes as they are
        }
    }

    /** Calls {@code prologue} at the start of a method's code. */
    static MethodVisitor atStart(MethodVisitor mv, Runnable prologue) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitCode() {
                super.visitCode();
                prologue.run();
            }
        };
    }
}
