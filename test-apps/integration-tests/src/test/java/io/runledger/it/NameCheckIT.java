package io.runledger.it;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The muzzle of this agent: every class, method and field a framework module declares it reads by
 * reflection (its {@code reflective-names.txt}) exists in the framework version each test app is built
 * against. In-process: the framework jars are loaded into a throwaway class loader, nothing is run.
 */
class NameCheckIT {

    private static final Path NAMES = AgentProcess.ROOT.resolve("agent/src/main/resources/io/runledger/instrument");

    @Test
    void dl4jNamesExistInTheSupportedVersion() throws Exception {
        check("dl4j", "dl4j-apps");
    }

    @Test
    void tribuoNamesExistInTheSupportedVersion() throws Exception {
        check("tribuo", "tribuo-apps");
    }

    @Test
    void smileNamesExistInTheSupportedVersion() throws Exception {
        check("smile", "smile-apps");
    }

    @Test
    void xgboostNamesExistInTheSupportedVersion() throws Exception {
        check("xgboost", "xgboost-apps");
    }

    @Test
    void sparkNamesExistInTheSupportedVersion() throws Exception {
        check("spark", "spark-apps");
    }

    /** The oldest tested version of each framework (its test-apps module) holds every name too. */
    @Test
    void namesExistInTheOldestTestedVersions() throws Exception {
        check("dl4j", "dl4j-oldest");
        check("tribuo", "tribuo-oldest");
        check("xgboost", "xgboost-oldest");
        check("spark", "spark-newest");   // Spark's range is 3.5 (spark-apps) to 4.2 (Scala 2.13)
    }

    /**
     * Smile 6 is built for Java 25, whose class files this Java 17 test JVM cannot load: the same check runs
     * in a child JVM on the Temurin 25 that runs Smile 6's tests.
     */
    @Test
    void smileNamesExistInTheNewestVersionOnJava25() throws Exception {
        Process p = new ProcessBuilder(AgentProcess.JAVA_25.resolve("bin/java").toString(), "-cp", System.getProperty("java.class.path"),
                NameCheckIT.class.getName(), "smile", "smile-newest").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("smile names checked on smile-newest"), out);
    }

    /** The check alone, for a JVM of another Java version: {@code NameCheckIT MODULE APP}. */
    public static void main(String[] args) throws Exception {
        System.out.println(args[0] + " names checked on " + args[1] + ": " + check(args[0], args[1]));
    }

    static int check(String module, String app) throws Exception {
        Path target = AgentProcess.ROOT.resolve("test-apps").resolve(app).resolve("target");
        List<URL> urls = new ArrayList<>();
        for (String entry : Files.readString(target.resolve("classpath.txt")).trim().split(":")) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            for (String line : Files.readAllLines(NAMES.resolve(module).resolve("reflective-names.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                Class<?> type = null;
                for (String alternative : words[0].split("\\|")) {   // A|B: the class moved between versions
                    try {
                        type = Class.forName(alternative, false, loader);
                        break;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // try the next name
                    }
                }
                if (type == null) {
                    missing.add("class " + words[0]);
                    continue;
                }
                checked++;
                for (int i = 1; i < words.length; i++) {
                    checked++;
                    boolean optional = words[i].startsWith("?");   // read when present: newer versions only
                    String word = optional ? words[i].substring(1) : words[i];
                    if (optional && app.endsWith("-oldest")) {
                        continue;
                    }
                    boolean field = word.startsWith("#");
                    boolean found = false;
                    for (String name : (field ? word.substring(1) : word).split("\\|")) {   // a|b: renamed between versions
                        found |= field ? hasField(type, name) : hasMethod(type, name);
                    }
                    if (!found) {
                        missing.add(words[0] + (field ? " field " : " method ") + word);
                    }
                }
            }
        }
        assertTrue(checked > 10, "names were checked: " + checked);
        assertTrue(missing.isEmpty(), module + " names missing from the framework on " + app + "'s class path:\n" + String.join("\n", missing));
        return checked;
    }

    /**
     * By the class files' method names, not {@code getMethods()}: reflection resolves every parameter type, and
     * XGBoost's class has a method taking Hadoop's FileSystem, which is not on a program's class path.
     */
    private static boolean hasMethod(Class<?> type, String name) throws Exception {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (declares(c, name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (hasMethod(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean declares(Class<?> c, String name) throws Exception {
        try {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError unresolvable) {
            String resource = c.getName().replace('.', '/') + ".class";
            try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                return in != null && new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(name);
            }
        }
    }

    private static boolean hasField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
