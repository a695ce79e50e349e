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
    /** Their prefixes, by first character; replaced with {@link #waiting}. */
    private volatile Prefixes prefixes;

    public FrameworkWatcher(Instrumentation inst, List<FrameworkModule> modules, Arming arming) {
        this.inst = inst;
        this.arming = arming;
        this.waiting = new ArrayList<>(modules);
        this.prefixes = new Prefixes(waiting);
    }

    /**
     * The waiting modules' arming prefixes grouped by their first character, in module order. Every class
     * the JVM loads is looked up here until every module is armed (in most JVMs, for good): most are the
     * JDK's or the application's, and one array read turns them away where iterating every module's
     * prefixes made this the agent's most compiled method.
     */
    private static final class Prefixes {
        private final String[][] prefixes = new String[128][];
        private final FrameworkModule[][] owners = new FrameworkModule[128][];

        Prefixes(List<FrameworkModule> modules) {
            for (FrameworkModule m : modules) {
                for (String p : m.armingPrefixes()) {
                    char c = p.isEmpty() ? 0 : p.charAt(0);
                    if (c < 128) {   // no supported framework's class names start beyond ASCII
                        prefixes[c] = plus(prefixes[c], p, new String[0]);
                        owners[c] = plus(owners[c], m, new FrameworkModule[0]);
                    }
                }
            }
        }

        /** {@code array} (null: {@code none}) with {@code item} added at the end. */
        private static <T> T[] plus(T[] array, T item, T[] none) {
            T[] out = java.util.Arrays.copyOf(array == null ? none : array, (array == null ? 0 : array.length) + 1);
            out[out.length - 1] = item;
            return out;
        }

        FrameworkModule matching(String className) {
            char c = className.isEmpty() ? 0 : className.charAt(0);
            String[] candidates = c < 128 ? prefixes[c] : null;
            if (candidates == null) {
                return null;
            }
            for (int i = 0; i < candidates.length; i++) {
                if (className.startsWith(candidates[i])) {
                    return owners[c][i];
                }
            }
            return null;
        }
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
        return prefixes.matching(className);
    }

    private synchronized void armed(FrameworkModule m) {
        List<FrameworkModule> rest = new ArrayList<>(waiting);
        rest.remove(m);
        prefixes = new Prefixes(rest);
        waiting = rest;
        if (rest.isEmpty()) {
            inst.removeTransformer(this);
        }
    }
}
