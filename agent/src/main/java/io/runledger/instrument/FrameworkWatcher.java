package io.runledger.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Arms each framework module when its first class loads, and only then: a Tribuo JVM never builds the
 * DL4J, Smile or XGBoost matchers nor loads their advice. The per-class cost until every module is
 * armed is a prefix check on the loaded class's name. A module's first class is handed to the
 * transformer just installed for it, which the JVM would otherwise not show it; once every module is
 * armed the watcher removes itself.
 */
public final class FrameworkWatcher implements ClassFileTransformer {

    /** Installs a module's instrumentation; returns its transformer, or null when that failed. */
    public interface Arming {
        ClassFileTransformer arm(FrameworkModule module);
    }

    private final Instrumentation inst;
    private final Arming arming;
    /** The modules still unarmed; replaced, never mutated, so the hot path reads it without a lock. */
    private volatile List<FrameworkModule> waiting;

    public FrameworkWatcher(Instrumentation inst, List<FrameworkModule> modules, Arming arming) {
        this.inst = inst;
        this.arming = arming;
        this.waiting = new ArrayList<>(modules);
    }

    /** Attach: arms at once (by retransformation) every module with a class already loaded; true if some remain. */
    public boolean armLoaded(Class<?>[] loaded) {
        for (Class<?> c : loaded) {
            FrameworkModule m = matching(c.getName().replace('.', '/'));
            if (m != null) {
                armed(m);
                arming.arm(m);
            }
        }
        return !waiting.isEmpty();
    }

    /** Starts watching class loads for the modules not armed yet. */
    public void watch() {
        if (!waiting.isEmpty()) {
            inst.addTransformer(this, false);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        if (className == null) {
            return null;
        }
        FrameworkModule m = matching(className);
        if (m == null) {
            return null;
        }
        ClassFileTransformer t;
        synchronized (this) {
            if (!waiting.contains(m)) {
                return null;   // armed meanwhile by another thread; its transformer sees later classes itself
            }
            armed(m);
            t = arming.arm(m);
        }
        return t == null ? null : t.transform(module, loader, className, redefined, domain, bytes);
    }

    private FrameworkModule matching(String className) {
        for (FrameworkModule m : waiting) {
            for (String p : m.armingPrefixes()) {
                if (className.startsWith(p)) {
                    return m;
                }
            }
        }
        return null;
    }

    private synchronized void armed(FrameworkModule m) {
        List<FrameworkModule> rest = new ArrayList<>(waiting);
        rest.remove(m);
        waiting = rest;
        if (rest.isEmpty()) {
            inst.removeTransformer(this);
        }
    }
}
