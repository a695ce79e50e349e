package io.runledger.instrument;

import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call-depth slots are baked into woven classes, and woven classes are cached across JVMs: a slot must
 * depend only on the agent build, never on the order in which this JVM happened to weave.
 */
class DepthNamesTest {

    /** Every {@code @Depth} name the compiled advice classes of {@code module}'s package use. */
    private static TreeSet<String> used(String module) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        Path dir = Paths.get("target/classes/io/runledger/instrument", module);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class")) {
                    continue;
                }
                Class<?> c = Class.forName("io.runledger.instrument." + module + "." + file.substring(0, file.length() - 6), false,
                        DepthNamesTest.class.getClassLoader());
                for (Method m : c.getDeclaredMethods()) {
                    for (Annotation[] parameter : m.getParameterAnnotations()) {
                        for (Annotation a : parameter) {
                            if (a instanceof Depth) {
                                out.add(((Depth) a).value());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyModuleDeclaresTheCountersItsAdviceUses() throws Exception {
        int modulesWithAdvice = 0;
        for (Map.Entry<String, FrameworkModule> e : Modules.all().entrySet()) {
            TreeSet<String> used = used(e.getKey());
            assertEquals(used, new TreeSet<>(e.getValue().depthNames()), e.getKey() + ": depthNames() must list exactly what its advice uses");
            modulesWithAdvice += used.isEmpty() ? 0 : 1;
        }
        assertTrue(modulesWithAdvice >= 6, "the scan found the advice classes");
    }

    @Test
    void aSlotIsThePositionOfItsNameAmongAllModulesNames() {
        List<String> all = new ArrayList<>(new TreeSet<String>() {{
            Modules.all().values().forEach(m -> addAll(m.depthNames()));
        }});
        // asked in reverse order: the answer does not depend on who asks first
        for (int i = all.size() - 1; i >= 0; i--) {
            assertEquals(i, DepthSlots.slot(all.get(i)), all.get(i));
        }
        assertFalse(all.isEmpty());
        assertThrows(IllegalStateException.class, () -> DepthSlots.slot("nobody.declares.this"));
    }
}
