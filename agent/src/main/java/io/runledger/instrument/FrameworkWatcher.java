package io.runledger.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The only per-class cost the agent puts on a JVM that trains nothing: a prefix check on each loaded
 * class's name. The first class of a supported framework arms the agent (bootstrap API, ByteBuddy) and
 * hands that very class to the new transformer, which the JVM would otherwise not show it; then the
 * watcher removes itself.
 */
public final class FrameworkWatcher implements ClassFileTransformer {

    private final Instrumentation inst;
    private final String[] prefixes;
    private final Supplier<ClassFileTransformer> arm;
    private volatile ClassFileTransformer armed;

    public FrameworkWatcher(Instrumentation inst, String[] prefixes, Supplier<ClassFileTransformer> arm) {
        this.inst = inst;
        this.prefixes = prefixes;
        this.arm = arm;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        if (className == null || armed != null || !matches(className)) {
            return null;
        }
        ClassFileTransformer t;
        synchronized (this) {
            if (armed == null) {
                armed = arm.get();
                inst.removeTransformer(this);
            }
            t = armed;
        }
        return t == null ? null : t.transform(module, loader, className, redefined, domain, bytes);
    }

    private boolean matches(String className) {
        for (String p : prefixes) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
