package io.runledger.instrument;

import io.runledger.config.Config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The framework modules in the agent jar, found once per JVM through the service file. Everything
 * that must know "all frameworks" (arming, weaving, configuration keys, diff rules) iterates these.
 */
public final class Modules {

    private static final String SERVICE_FILE = "META-INF/services/" + FrameworkModule.class.getName();

    private static volatile Map<String, FrameworkModule> all;

    private Modules() {
    }

    /** Every module by name, in service-file order. */
    public static Map<String, FrameworkModule> all() {
        Map<String, FrameworkModule> m = all;
        if (m == null) {
            synchronized (Modules.class) {
                if (all == null) {
                    all = load();
                }
                m = all;
            }
        }
        return m;
    }

    /**
     * Reads the service file ({@code META-INF/services/io.runledger.instrument.FrameworkModule}, the
     * {@link java.util.ServiceLoader} format: one class name a line, {@code #} comments) and instantiates each
     * module. Done by hand because this runs in premain: ServiceLoader reaches the file through a jar URL
     * connection, which costs several milliseconds more than the isolated loader's own stream.
     */
    private static Map<String, FrameworkModule> load() {
        Map<String, FrameworkModule> byName = new LinkedHashMap<>();
        ClassLoader loader = Modules.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(SERVICE_FILE)) {
            if (in == null) {
                throw new IllegalStateException(SERVICE_FILE + " is missing from the agent");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!name.isEmpty()) {
                    FrameworkModule module = (FrameworkModule) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
                    byName.put(module.name(), module);
                }
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the framework modules: " + e, e);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The module called {@code name}, or null. */
    public static FrameworkModule named(String name) {
        return name == null ? null : all().get(name);
    }

    /** The modules whose {@code instrumentation.<name>.enabled} is true in {@code config}. */
    public static List<FrameworkModule> enabled(Config config) {
        List<FrameworkModule> out = new ArrayList<>();
        for (FrameworkModule m : all().values()) {
            if (config.instrumentationEnabled(m.name())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The training reader of {@code framework}, or null. */
    public static TrainingReader trainingReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.trainingReader();
    }

    public static DataReader dataReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.dataReader();
    }

    public static ProgressReader progressReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.progressReader();
    }

    public static EvaluationReader evaluationReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.evaluationReader();
    }

    public static FeatureStepReader featureStepReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.featureStepReader();
    }

    public static ArtifactReader artifactReader(String framework) {
        FrameworkModule m = named(framework);
        return m == null ? null : m.artifactReader();
    }

    /** Whether {@code className} (dotted) is under one of {@code module}'s arming prefixes (slashed), without allocating. */
    public static boolean owns(FrameworkModule module, String className) {
        for (String prefix : module.armingPrefixes()) {
            if (className.length() >= prefix.length()) {
                boolean match = true;
                for (int i = 0; i < prefix.length() && match; i++) {
                    char p = prefix.charAt(i);
                    char c = className.charAt(i);
                    match = c == p || p == '/' && c == '.';
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an enabled module's framework saves models with a plain {@code ObjectOutputStream} (that class then gets a hook). */
    public static boolean javaSerializedModels(io.runledger.config.Config config) {
        for (FrameworkModule m : enabled(config)) {
            if (m.savesModelsWithJavaSerialization()) {
                return true;
            }
        }
        return false;
    }
}
