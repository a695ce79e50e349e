package io.runledger.instrument;

import org.junit.jupiter.api.Test;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher arms each module at its first class, and only then; every other class passes untouched. */
class FrameworkWatcherTest {

    private static FrameworkModule module(String name, String... prefixes) {
        return new FrameworkModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> armingPrefixes() {
                return Arrays.asList(prefixes);
            }

            @Override
            public TypeInstrumentation instrumentation() {
                return null;
            }
        };
    }

    @Test
    void eachModuleIsArmedAtItsFirstClassOnly() throws Exception {
        List<String> calls = new ArrayList<>();
        Instrumentation inst = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Instrumentation.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
        List<String> armed = new ArrayList<>();
        // two modules whose prefixes share a first character, and one prefix of each that does not
        FrameworkModule spark = module("spark", "org/apache/spark/ml/");
        FrameworkModule jdbc = module("jdbc", "org/h2/", "org/postgresql/", "com/mysql/");
        FrameworkModule smile = module("smile", "smile/");
        FrameworkWatcher watcher = new FrameworkWatcher(inst, Arrays.asList(spark, jdbc, smile), m -> {
            armed.add(m.name());
            return null;
        });
        watcher.watch();
        for (String jdk : new String[] {"java/lang/String", "sun/nio/ch/FileChannelImpl", "jdk/internal/misc/Unsafe", "org/apache/spark/sql/Dataset",
            "smil/x", "", "\u00e9t\u00e9/X"}) {
            watcher.transform(null, null, jdk, null, null, new byte[0]);
        }
        assertTrue(armed.isEmpty(), armed.toString());
        watcher.transform(null, null, "org/postgresql/Driver", null, null, new byte[0]);
        watcher.transform(null, null, "org/h2/Driver", null, null, new byte[0]);
        watcher.transform(null, null, "smile/classification/RandomForest", null, null, new byte[0]);
        assertEquals(Arrays.asList("jdbc", "smile"), armed);
        assertEquals(0, calls.stream().filter("removeTransformer"::equals).count(), "spark still waits");
        watcher.transform(null, null, "org/apache/spark/ml/Pipeline", null, null, new byte[0]);
        assertEquals(Arrays.asList("jdbc", "smile", "spark"), armed);
        assertEquals(1, calls.stream().filter("removeTransformer"::equals).count(), "every module armed: the watcher leaves");
    }
}
