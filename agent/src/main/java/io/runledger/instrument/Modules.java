package io.runledger.instrument;

import io.runledger.config.Config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The framework modules in the agent jar, found once per JVM through {@link ServiceLoader}. Everything
 * that must know "all frameworks" (arming, weaving, configuration keys, diff rules) iterates these.
 */
public final class Modules {

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

    private static Map<String, FrameworkModule> load() {
        Map<String, FrameworkModule> byName = new LinkedHashMap<>();
        // an iterator loop, not a stream: this runs in premain, where every lambda bootstrap counts
        Iterator<FrameworkModule> it = ServiceLoader.load(FrameworkModule.class, Modules.class.getClassLoader()).iterator();
        while (it.hasNext()) {
            FrameworkModule module = it.next();
            byName.put(module.name(), module);
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
}
