package io.runledger.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

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
 * return. Plain ASM; each hook is a static call into {@code io.runledger.bootstrap.RunLedger}, which
 * swallows every error.
 */
public final class JdkFileHooks implements ClassFileTransformer {

    private static final String API = "io/runledger/bootstrap/RunLedger";
    private static final String CHANNEL_IMPL = "sun/nio/ch/FileChannelImpl";

    private static volatile boolean installed;

    /** Retransforms the three JDK classes once per JVM. The bootstrap API must already be in the boot loader. */
    public static synchronized void install(Instrumentation inst) throws Exception {
        if (installed) {
            return;
        }
        inst.addTransformer(new JdkFileHooks(), true);
        installed = true;
        // FileChannelImpl is often not loaded yet at premain: then the transformer patches it when it loads
        java.util.List<Class<?>> loaded = new java.util.ArrayList<>();
        loaded.add(FileInputStream.class);
        loaded.add(RandomAccessFile.class);
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if ("sun.nio.ch.FileChannelImpl".equals(c.getName())) {
                loaded.add(c);
            }
        }
        inst.retransformClasses(loaded.toArray(new Class<?>[0]));
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null) {
            return null;
        }
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
        if (CHANNEL_IMPL.equals(className)) {
            return JdkClassPatch.patch(bytes, (name, descriptor, mv) ->
                    "open".equals(name) && descriptor.startsWith("(Ljava/io/FileDescriptor;Ljava/lang/String;ZZ")
                            && descriptor.endsWith(")Ljava/nio/channels/FileChannel;") ? opened(mv, true)
                    : "read".equals(name) || "transferTo".equals(name) && descriptor.startsWith("(JJ") ? read(descriptor, mv) : null);
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
