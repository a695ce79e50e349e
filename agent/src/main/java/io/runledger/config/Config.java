package io.runledger.config;

import io.runledger.instrument.Modules;
import io.runledger.util.Strings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's configuration, resolved once at start from (highest first) agent arguments, system
 * properties {@code runledger.<key>}, environment variables {@code RUNLEDGER_<KEY>}, the properties
 * file named by {@code config}, and defaults. Bad input never stops the agent: each problem becomes one
 * warning line naming the key, the value and what is accepted, and the default is used.
 */
public final class Config {

    /**
     * Instrumentations the agent knows: every framework module plus the JDK file reads;
     * {@code instrumentation.<name>.enabled} for any other name is unknown.
     */
    public static final Set<String> INSTRUMENTATIONS = instrumentationNames();

    private static Set<String> instrumentationNames() {
        Set<String> names = new TreeSet<>(Modules.all().keySet());
        names.add("files");
        return Collections.unmodifiableSet(names);
    }

    private final Map<Setting<?>, Object> values;
    private final Map<String, Boolean> instrumentations;
    private final List<String> warnings;

    private Config(Resolver r) {
        Map<Setting<?>, Object> resolved = new LinkedHashMap<>();
        for (Setting<?> key : ConfigKey.ALL) {
            resolved.put(key, r.value(key));
        }
        this.values = Collections.unmodifiableMap(resolved);
        this.instrumentations = r.instrumentations();
        this.warnings = Collections.unmodifiableList(new ArrayList<>(r.warnings));
    }

    /** The resolved value of {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> key) {
        return (T) values.get(key);
    }

    /** The user's own RunLedger directory under the temp directory: the ledger's fallback and the patch cache's. */
    public static Path userTempDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "runledger-" + System.getProperty("user.name", "user"));
    }

    /** Resolves the configuration of this JVM; {@code agentArgs} is the text after {@code -javaagent:jar=}. */
    public static Config load(String agentArgs) {
        return load(agentArgs, System.getProperties(), System.getenv());
    }

    public static Config load(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        Resolver r = new Resolver();
        r.addAgentArgs(agentArgs);
        r.addSystemProperties(systemProperties);
        r.addEnvironment(environment);
        r.addFile();
        return new Config(r);
    }

    public boolean enabled() {
        return get(ConfigKey.ENABLED);
    }

    public Path dir() {
        return get(ConfigKey.DIR);
    }

    /** Empty when not configured. */
    public String runName() {
        return get(ConfigKey.RUN_NAME);
    }

    /** Empty when not configured. */
    public String externalRunId() {
        return get(ConfigKey.RUN_ID);
    }

    public String ledgerSigningKey() {
        return get(ConfigKey.LEDGER_SIGNING_KEY);
    }

    public LedgerMode ledgerMode() {
        return get(ConfigKey.LEDGER_MODE);
    }

    public CaptureMode capture() {
        return get(ConfigKey.CAPTURE);
    }

    public Duration checkpointInterval() {
        return get(ConfigKey.CHECKPOINT_INTERVAL);
    }

    public Duration flushTimeout() {
        return get(ConfigKey.FLUSH_TIMEOUT);
    }

    public List<String> redactNames() {
        return get(ConfigKey.REDACT_NAMES);
    }

    public List<String> redactAllow() {
        return get(ConfigKey.REDACT_ALLOW);
    }

    public int hashThreads() {
        return get(ConfigKey.HASH_THREADS);
    }

    /** 0 when no metrics endpoint is wanted. */
    public int prometheusPort() {
        return get(ConfigKey.PROMETHEUS_PORT);
    }

    public String prometheusHost() {
        return get(ConfigKey.PROMETHEUS_HOST);
    }

    /** Empty when nothing is pushed. */
    public String pushgatewayUrl() {
        return get(ConfigKey.PUSHGATEWAY_URL);
    }

    public String pushgatewayJob() {
        return get(ConfigKey.PUSHGATEWAY_JOB);
    }

    public String pushgatewayAuthEnv() {
        return get(ConfigKey.PUSHGATEWAY_AUTH_ENV);
    }

    public boolean pushgatewayDeleteOnExit() {
        return get(ConfigKey.PUSHGATEWAY_DELETE_ON_EXIT);
    }

    /** Empty when no events are posted. */
    public String openLineageUrl() {
        return get(ConfigKey.OPENLINEAGE_URL);
    }

    /** Empty when no events are appended to a file. */
    public String openLineageFile() {
        return get(ConfigKey.OPENLINEAGE_FILE);
    }

    public String openLineageNamespace() {
        return get(ConfigKey.OPENLINEAGE_NAMESPACE);
    }

    /** Set only by the {@code attach} command; empty otherwise. */
    public String attachReply() {
        return get(ConfigKey.ATTACH_REPLY);
    }

    public boolean debug() {
        return get(ConfigKey.DEBUG);
    }

    /** Files larger than this get a sampled fingerprint instead of a full hash; 0 = never. */
    public long hashSampleAbove() {
        return get(ConfigKey.HASH_SAMPLE_ABOVE);
    }

    public List<String> filesInclude() {
        return get(ConfigKey.FILES_INCLUDE);
    }

    public List<String> filesExclude() {
        return get(ConfigKey.FILES_EXCLUDE);
    }

    public long filesMinSize() {
        return get(ConfigKey.FILES_MIN_SIZE);
    }

    /** Whether files on remote file systems that a framework listed are read through it and hashed (opt-in: a full read each). */
    public boolean hashRemote() {
        return get(ConfigKey.HASH_REMOTE);
    }

    /** Whether query sources get a hash of the fetched rows' values (opt-in: it reads each column again). */
    public boolean jdbcHashRows() {
        return get(ConfigKey.JDBC_HASH_ROWS);
    }

    /** At most this many distinct files are tracked (opened or read) in one JVM. */
    public int filesMax() {
        return get(ConfigKey.FILES_MAX);
    }

    public int directoryThreshold() {
        return get(ConfigKey.FILES_DIRECTORY_THRESHOLD);
    }

    public boolean instrumentationEnabled(String name) {
        return instrumentations.getOrDefault(name, Boolean.TRUE);
    }

    /** One line per problem found while resolving; already phrased for stderr. */
    public List<String> warnings() {
        return warnings;
    }

    /** The effective values, for the snapshot (secrets never appear in configuration). */
    public Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> key : ConfigKey.ALL) {
            if (key.recorded()) {
                out.put(key.key(), key.print(values.get(key)));
            }
        }
        for (Map.Entry<String, Boolean> e : instrumentations.entrySet()) {
            out.put(instrumentationKey(e.getKey()), String.valueOf(e.getValue()));
        }
        return out;
    }

    static String instrumentationKey(String name) {
        return "instrumentation." + name + ".enabled";
    }

    /** Collects raw values with their origin, first source wins, then converts them with warnings. */
    private static final class Resolver {
        /** A config file is read only if it is a regular file of at most this size (not /dev/zero, not a FIFO). */
        private static final long MAX_FILE_BYTES = 1 << 20;

        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        void put(String key, String value, String origin) {
            if (!isKnown(key)) {
                String near = nearest(key);
                warnings.add("unknown configuration key '" + key + "' (" + origin + ") ignored; "
                        + (near == null ? "known keys: " + knownKeys() : "did you mean '" + near + "'?"));
                return;
            }
            if (!values.containsKey(key)) {
                values.put(key, value);
                origins.put(key, origin);
            }
        }

        void addAgentArgs(String args) {
            if (args == null || args.trim().isEmpty()) {
                return;
            }
            for (String part : args.split(",")) {
                if (part.trim().isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    warnings.add("malformed agent argument '" + part + "' ignored: expected key=value[,key=value...]");
                    continue;
                }
                put(part.substring(0, eq).trim(), part.substring(eq + 1).trim(), "agent argument");
            }
        }

        void addSystemProperties(Properties props) {
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith("runledger.")) {
                    put(name.substring("runledger.".length()), props.getProperty(name).trim(), "system property " + name);
                }
            }
        }

        /** {@code RUNLEDGER_HASH_SAMPLE_ABOVE} is {@code hash.sample-above}: names are matched against the known keys. */
        void addEnvironment(Map<String, String> env) {
            Map<String, String> keysByVariable = new HashMap<>();
            for (String key : allKeys()) {
                keysByVariable.put(Setting.environmentName(key), key);
            }
            for (Map.Entry<String, String> e : env.entrySet()) {
                if (e.getKey().startsWith("RUNLEDGER_")) {
                    String key = keysByVariable.get(e.getKey());
                    if (key == null) {
                        key = e.getKey().substring("RUNLEDGER_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                    }
                    put(key, e.getValue().trim(), "environment variable " + e.getKey());
                }
            }
        }

        void addFile() {
            String file = values.get(ConfigKey.CONFIG.key());
            if (file == null || file.isEmpty()) {
                return;
            }
            Properties props = new Properties();
            try {
                Path path = Paths.get(file);
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (!attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES) {
                    throw new IOException("not a regular file of at most 1 MiB");
                }
                try (InputStream in = Files.newInputStream(path)) {
                    props.load(in);
                }
            } catch (IOException | RuntimeException e) {
                warnings.add("invalid value '" + file + "' for 'config' (" + origins.get("config")
                        + "): cannot read it (" + e + "); expected " + ConfigKey.CONFIG.accepted() + "; ignoring it");
                return;
            }
            for (String name : props.stringPropertyNames()) {
                String key = name.startsWith("runledger.") ? name.substring("runledger.".length()) : name;
                put(key, props.getProperty(name).trim(), "file " + file);
            }
        }

        private static boolean isKnown(String key) {
            return ConfigKey.byKey(key) != null || key.startsWith("instrumentation.") && key.endsWith(".enabled")
                    && key.length() > "instrumentation..enabled".length() && INSTRUMENTATIONS.contains(instrumentationName(key));
        }

        private static String instrumentationName(String key) {
            return key.substring("instrumentation.".length(), key.length() - ".enabled".length());
        }

        private static List<String> allKeys() {
            List<String> keys = new ArrayList<>();
            for (Setting<?> k : ConfigKey.ALL) {
                keys.add(k.key());
            }
            for (String name : INSTRUMENTATIONS) {
                keys.add(instrumentationKey(name));
            }
            return keys;
        }

        private static String knownKeys() {
            StringBuilder sb = new StringBuilder();
            for (Setting<?> k : ConfigKey.ALL) {
                sb.append(k.key()).append(", ");
            }
            return sb.append("instrumentation.<").append(String.join("|", INSTRUMENTATIONS)).append(">.enabled").toString();
        }

        /** The known key closest to a mistyped one, if it is close enough to be what was meant. */
        private static String nearest(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            String best = Strings.nearest(lower, allKeys());
            return best != null && Strings.editDistance(lower, best) <= Math.max(2, key.length() / 4) ? best : null;
        }

        /** The value of {@code key}, or its default with one warning when the given text is not accepted. */
        <T> T value(Setting<T> key) {
            String given = values.get(key.key());
            if (given == null) {
                return key.parsedDefault();
            }
            try {
                return key.parse(given);
            } catch (IllegalArgumentException e) {
                warnings.add("invalid value '" + given + "' for '" + key.key() + "' (" + origins.get(key.key()) + "): expected "
                        + key.accepted() + "; using " + key.defaultValue());
                return key.parsedDefault();
            }
        }

        Map<String, Boolean> instrumentations() {
            Map<String, Boolean> out = new LinkedHashMap<>();
            for (String name : INSTRUMENTATIONS) {
                String key = instrumentationKey(name);
                String v = values.get(key);
                boolean on = true;
                if (v != null) {
                    try {
                        on = Setting.parseBool(v);
                    } catch (IllegalArgumentException e) {
                        warnings.add("invalid value '" + v + "' for '" + key + "' (" + origins.get(key) + "): expected true or false; using true");
                    }
                }
                out.put(name, on);
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
