package io.runledger.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The ASM side of {@link JdkFileHooks}: rewrites {@code FileInputStream}, {@code RandomAccessFile} and
 * {@code sun.nio.ch.FileChannelImpl}. A class of its own so that ASM loads only when a patch is not in
 * the {@link PatchCache} yet.
 */
final class JdkFilePatches {

    private static final String API = "io/runledger/bootstrap/RunLedger";

    private JdkFilePatches() {
    }

    /** The patched class file, or null to leave the class as it is. */
    static byte[] patch(String className, byte[] bytes) {
        if ("java/io/FileInputStream".equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) ->
                    "<init>".equals(name) && "(Ljava/io/File;)V".equals(descriptor) ? opened(mv, false)
                    : "read".equals(name) ? read(descriptor, mv) : null);
        }
        if ("java/io/RandomAccessFile".equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) ->
                    "<init>".equals(name) && "(Ljava/io/File;Ljava/lang/String;)V".equals(descriptor) ? opened(mv, false)
                    : "read".equals(name) ? read(descriptor, mv) : null);
        }
        if (JdkFileHooks.CHANNEL_IMPL.equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) ->
                    "open".equals(name) && descriptor.startsWith("(Ljava/io/FileDescriptor;Ljava/lang/String;ZZ")
                            && descriptor.endsWith(")Ljava/nio/channels/FileChannel;") ? opened(mv, true)
                    : "read".equals(name) || "transferTo".equals(name) && descriptor.startsWith("(JJ") ? read(descriptor, mv)
                    : "map".equals(name) && descriptor.startsWith("(Ljava/nio/channels/FileChannel$MapMode;JJ") ? mapped(mv) : null);
        }
        return null;
    }

    /**
     * After a constructor returns: {@code onFileOpened(this, file, true)}; after the static channel
     * factory returns: {@code onFileOpened(channel, path, readable)}. An open that throws reports nothing.
     */
    private static MethodVisitor opened(MethodVisitor mv, boolean channelFactory) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitInsn(int opcode) {
                if (!channelFactory && opcode == Opcodes.RETURN) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    super.visitInsn(Opcodes.ICONST_1);
                    call();
                } else if (channelFactory && opcode == Opcodes.ARETURN) {
                    super.visitInsn(Opcodes.DUP);             // the channel
                    super.visitVarInsn(Opcodes.ALOAD, 1);     // its path
                    super.visitVarInsn(Opcodes.ILOAD, 2);     // readable
                    call();
                }
                super.visitInsn(opcode);
            }

            private void call() {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onFileOpened", "(Ljava/lang/Object;Ljava/lang/Object;Z)V", false);
            }
        };
    }

    /** After {@code map(mode, position, size, ..)} returns: the mapped size counts as read (a mapped file is data too). */
    private static MethodVisitor mapped(MethodVisitor mv) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.ARETURN) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);    // the channel
                    super.visitVarInsn(Opcodes.LLOAD, 4);    // size (slots: this, mode, position x2, size x2)
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onFileRead", "(Ljava/lang/Object;J)V", false);
                }
                super.visitInsn(opcode);
            }
        };
    }

    /** Before each return of a read: reports its result (a count, or the byte of a one-byte read). */
    private static MethodVisitor read(String descriptor, MethodVisitor mv) {
        boolean oneByte = "()I".equals(descriptor);
        char type = descriptor.charAt(descriptor.length() - 1);
        if (type != 'I' && type != 'J') {
            return null;
        }
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.IRETURN && oneByte) {
                    super.visitInsn(Opcodes.DUP);                      // value
                    super.visitVarInsn(Opcodes.ALOAD, 0);              // value, this
                    super.visitInsn(Opcodes.SWAP);                     // this, value
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onFileReadByte", "(Ljava/lang/Object;I)V", false);
                } else if (opcode == Opcodes.IRETURN || opcode == Opcodes.LRETURN) {
                    if (opcode == Opcodes.IRETURN) {
                        super.visitInsn(Opcodes.DUP);
                        super.visitInsn(Opcodes.I2L);                  // n, (long) n
                    } else {
                        super.visitInsn(Opcodes.DUP2);                 // n, n
                    }
                    super.visitVarInsn(Opcodes.ALOAD, 0);              // .., n, this
                    super.visitInsn(Opcodes.DUP_X2);                   // .., this, n, this
                    super.visitInsn(Opcodes.POP);                      // .., this, n
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, API, "onFileRead", "(Ljava/lang/Object;J)V", false);
                }
                super.visitInsn(opcode);
            }
        };
    }
}
