package io.runledger.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * How the agent's JDK patches are registered. A retransform-capable transformer that stays registered
 * costs every later class load of the JVM: the JVM keeps a copy of each class file for retransformation
 * and calls into Java once more per class (measured: a Spark driver loading 25,000 classes). So a patch
 * of classes already loaded is registered retransform-capable only while they are retransformed, then
 * removed; a patch of a class not loaded yet stays as a plain transformer, which patches it when it loads.
 * The patched classes keep their patch; only a later retransformation of those JDK classes by someone
 * else would drop it.
 */
final class JdkPatching {

    private JdkPatching() {
    }

    /**
     * Retransforms {@code loaded} through {@code patch}, then unregisters it; {@code stayForLaterLoads}:
     * keeps it as a plain transformer for the classes it patches that are not loaded yet.
     */
    static void retransformThenLeave(Instrumentation inst, ClassFileTransformer patch, Class<?>[] loaded, boolean stayForLaterLoads)
            throws Exception {
        if (loaded.length > 0) {
            inst.addTransformer(patch, true);
            try {
                inst.retransformClasses(loaded);
            } finally {
                inst.removeTransformer(patch);
            }
        }
        if (stayForLaterLoads) {
            inst.addTransformer(patch, false);
        }
    }
}
