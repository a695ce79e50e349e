package io.runledger.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Makes the bootstrap API visible to every class loader by defining its few classes directly in the
 * boot loader. Appending the jar to the boot class path would work too, but then HotSpot prints a CDS
 * warning on every start and stops sharing application classes; so that is only the fallback.
 */
final class BootstrapInjector {

    /** Written at build time: the bootstrap API's class files, one per line. */
    private static final String INDEX = "io/runledger/launch/bootstrap-classes.idx";

    private BootstrapInjector() {
    }

    /** Defines the bootstrap API in the boot loader unless it is there already (a second agent start). */
    static void inject(Instrumentation inst, File agentJar) throws IOException {
        try {
            openJavaBase(inst);
        } catch (RuntimeException notPermitted) {
            // only the stream-to-file lookup needs it
        }
        if (isAlreadyDefined("io.runledger.bootstrap.RunLedger")) {
            return;
        }
        try {
            defineInBootLoader(inst, agentJar);
        } catch (Throwable unsupported) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(agentJar, false));
        }
    }

    private static volatile boolean opened;

    /** Opens {@code java.lang} and {@code jdk.internal.misc} of java.base to the launcher's (unnamed) module; once per JVM. */
    static void openJavaBase(Instrumentation inst) {
        if (opened) {
            return;
        }
        Module javaBase = Object.class.getModule();
        Set<Module> self = Collections.singleton(BootstrapInjector.class.getModule());
        Map<String, Set<Module>> packages = new HashMap<>();
        packages.put("jdk.internal.misc", self);
        packages.put("java.lang", self);
        packages.put("java.io", self);   // to find the file under a stream a model is serialized to
        packages.put("java.util", self); // to read the seed of a java.util.Random handed to a framework
        packages.put("java.nio.channels", self);
        packages.put("sun.nio.ch", self);
        inst.redefineModule(javaBase, Collections.emptySet(), packages, packages, Collections.emptySet(), Collections.emptyMap());
        opened = true;
    }

    private static void defineInBootLoader(Instrumentation inst, File agentJar) throws Exception {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Map<String, byte[]> classes = readBootstrapClasses(agentJar);
        // Supertypes must exist before their subtypes: retry what failed until nothing moves.
        List<String> left = new ArrayList<>(classes.keySet());
        while (!left.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : left) {
                byte[] bytes = classes.get(name);
                try {
                    define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof LinkageError && isAlreadyDefined(name)) {
                        continue;
                    }
                    failed.add(name);
                    last = e.getCause();
                }
            }
            if (failed.size() == left.size()) {
                throw new IllegalStateException("cannot define " + failed, last);
            }
            left = failed;
        }
    }

    private static boolean isAlreadyDefined(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Map<String, byte[]> readBootstrapClasses(File agentJar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(agentJar, false)) {
            JarEntry index = jar.getJarEntry(INDEX);
            if (index == null) {
                throw new IOException(INDEX + " missing from " + agentJar);
            }
            String[] names;
            try (InputStream in = jar.getInputStream(index)) {
                names = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            }
            for (String n : names) {
                JarEntry e = n.trim().isEmpty() ? null : jar.getJarEntry(n.trim());
                if (e == null) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    String file = n.trim();
                    out.put(file.substring(0, file.length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
