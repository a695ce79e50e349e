package io.runledger.config;

import io.runledger.instrument.Modules;
import io.runledger.util.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

    private final boolean enabled;
    private final Path dir;
    private final String runName;
    private final String externalRunId;
    private final CaptureMode capture;
    private final Duration checkpointInterval;
    private final Duration flushTimeout;
    private final List<String> redactNames;
    private final List<String> redactAllow;
    private final int hashThreads;
    private final long hashSampleAbove;
    private final List<String> filesInclude;
    private final List<String> filesExclude;
    private final long filesMinSize;
    private final boolean jdbcHashRows;
    private final int filesMax;
    private final int directoryThreshold;
    private final boolean debug;
    private final String attachReply;
    private final int prometheusPort;
    private final String prometheusHost;
    private final String pushgatewayUrl;
    private final String pushgatewayJob;
    private final String pushgatewayAuthEnv;
    private final boolean pushgatewayDeleteOnExit;
    private final Map<String, Boolean> instrumentations;
    private final List<String> warnings;

    private Config(Resolver r) {
        this.enabled = r.bool(ConfigKey.ENABLED);
        this.dir = r.path(ConfigKey.DIR);
        this.runName = r.text(ConfigKey.RUN_NAME);
        this.externalRunId = r.text(ConfigKey.RUN_ID);
        this.capture = r.capture();
        this.checkpointInterval = r.duration(ConfigKey.CHECKPOINT_INTERVAL);
        this.flushTimeout = r.duration(ConfigKey.FLUSH_TIMEOUT);
        this.redactNames = r.list(ConfigKey.REDACT_NAMES);
        this.redactAllow = r.list(ConfigKey.REDACT_ALLOW);
        this.hashThreads = r.integer(ConfigKey.HASH_THREADS, 1, 16);
        this.hashSampleAbove = r.size(ConfigKey.HASH_SAMPLE_ABOVE);
        this.filesInclude = r.list(ConfigKey.FILES_INCLUDE);
        this.filesExclude = r.list(ConfigKey.FILES_EXCLUDE);
        this.filesMinSize = r.size(ConfigKey.FILES_MIN_SIZE);
        this.jdbcHashRows = r.bool(ConfigKey.JDBC_HASH_ROWS);
        this.filesMax = r.integer(ConfigKey.FILES_MAX, 1, Integer.MAX_VALUE);
        this.directoryThreshold = r.integer(ConfigKey.FILES_DIRECTORY_THRESHOLD, 2, Integer.MAX_VALUE);
        this.debug = r.bool(ConfigKey.DEBUG);
        this.attachReply = r.text(ConfigKey.ATTACH_REPLY);
        this.prometheusPort = r.integer(ConfigKey.PROMETHEUS_PORT, 0, 65535);
        this.prometheusHost = r.text(ConfigKey.PROMETHEUS_HOST);
        this.pushgatewayUrl = r.text(ConfigKey.PUSHGATEWAY_URL);
        this.pushgatewayJob = r.text(ConfigKey.PUSHGATEWAY_JOB);
        this.pushgatewayAuthEnv = r.text(ConfigKey.PUSHGATEWAY_AUTH_ENV);
        this.pushgatewayDeleteOnExit = r.bool(ConfigKey.PUSHGATEWAY_DELETE_ON_EXIT);
        this.instrumentations = r.instrumentations();
        this.warnings = Collections.unmodifiableList(new ArrayList<>(r.warnings));
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
        return enabled;
    }

    public Path dir() {
        return dir;
    }

    /** Empty when not configured. */
    public String runName() {
        return runName;
    }

    /** Empty when not configured. */
    public String externalRunId() {
        return externalRunId;
    }

    public CaptureMode capture() {
        return capture;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public Duration flushTimeout() {
        return flushTimeout;
    }

    public List<String> redactNames() {
        return redactNames;
    }

    public List<String> redactAllow() {
        return redactAllow;
    }

    public int hashThreads() {
        return hashThreads;
    }

    /** 0 when no metrics endpoint is wanted. */
    public int prometheusPort() {
        return prometheusPort;
    }

    public String prometheusHost() {
        return prometheusHost;
    }

    /** Empty when nothing is pushed. */
    public String pushgatewayUrl() {
        return pushgatewayUrl;
    }

    public String pushgatewayJob() {
        return pushgatewayJob;
    }

    public String pushgatewayAuthEnv() {
        return pushgatewayAuthEnv;
    }

    public boolean pushgatewayDeleteOnExit() {
        return pushgatewayDeleteOnExit;
    }

    /** Set only by the {@code attach} command; empty otherwise. */
    public String attachReply() {
        return attachReply;
    }

    public boolean debug() {
        return debug;
    }

    /** Files larger than this get a sampled fingerprint instead of a full hash; 0 = never. */
    public long hashSampleAbove() {
        return hashSampleAbove;
    }

    public List<String> filesInclude() {
        return filesInclude;
    }

    public List<String> filesExclude() {
        return filesExclude;
    }

    public long filesMinSize() {
        return filesMinSize;
    }

    /** Whether query sources get a hash of the fetched rows' values (opt-in: it reads each column again). */
    public boolean jdbcHashRows() {
        return jdbcHashRows;
    }

    /** At most this many distinct files are tracked (opened or read) in one JVM. */
    public int filesMax() {
        return filesMax;
    }

    public int directoryThreshold() {
        return directoryThreshold;
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
        out.put("enabled", String.valueOf(enabled));
        out.put("dir", dir.toString());
        out.put("run.name", runName);
        out.put("run.id", externalRunId);
        out.put("capture", capture.name().toLowerCase(Locale.ROOT));
        out.put("checkpoint.interval", Durations.format(checkpointInterval));
        out.put("flush.timeout", Durations.format(flushTimeout));
        out.put("redact.names", String.join(";", redactNames));
        out.put("redact.allow", String.join(";", redactAllow));
        out.put("hash.threads", String.valueOf(hashThreads));
        out.put("hash.sample-above", String.valueOf(hashSampleAbove));
        out.put("files.include", String.join(";", filesInclude));
        out.put("files.exclude", String.join(";", filesExclude));
        out.put("files.min-size", String.valueOf(filesMinSize));
        out.put("files.directory-threshold", String.valueOf(directoryThreshold));
        out.put("jdbc.hash-rows", String.valueOf(jdbcHashRows));
        out.put("files.max", String.valueOf(filesMax));
        out.put("debug", String.valueOf(debug));
        out.put("prometheus.port", String.valueOf(prometheusPort));
        out.put("prometheus.host", prometheusHost);
        out.put("pushgateway.url", pushgatewayUrl.replaceFirst("//[^/@]*@", "//"));
        out.put("pushgateway.job", pushgatewayJob);
        out.put("pushgateway.auth.env", pushgatewayAuthEnv);
        out.put("pushgateway.delete-on-exit", String.valueOf(pushgatewayDeleteOnExit));
        instrumentations.forEach((name, on) -> out.put("instrumentation." + name + ".enabled", String.valueOf(on)));
        return out;
    }

    /** Collects raw values with their origin, first source wins, then converts them with warnings. */
    private static final class Resolver {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        void put(String key, String value, String origin) {
            if (!isKnown(key)) {
                warnings.add("unknown configuration key '" + key + "' (" + origin + ") ignored; known keys: "
                        + knownKeys());
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

        void addEnvironment(Map<String, String> env) {
            for (Map.Entry<String, String> e : env.entrySet()) {
                if (e.getKey().startsWith("RUNLEDGER_")) {
                    String key = e.getKey().substring("RUNLEDGER_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
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
            try (InputStream in = Files.newInputStream(Paths.get(file))) {
                props.load(in);
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

        private static String knownKeys() {
            StringBuilder sb = new StringBuilder();
            for (ConfigKey k : ConfigKey.values()) {
                sb.append(k.key()).append(", ");
            }
            return sb.append("instrumentation.<").append(String.join("|", INSTRUMENTATIONS)).append(">.enabled").toString();
        }

        private String raw(ConfigKey key) {
            String v = values.get(key.key());
            return v == null ? key.defaultValue() : v;
        }

        private void invalid(String key, String value, String accepted, String fallback) {
            warnings.add("invalid value '" + value + "' for '" + key + "' (" + origins.get(key) + "): expected "
                    + accepted + "; using " + fallback);
        }

        String text(ConfigKey key) {
            return raw(key);
        }

        boolean bool(ConfigKey key) {
            return parseBool(key.key(), raw(key), key.accepted(), Boolean.parseBoolean(key.defaultValue()));
        }

        private boolean parseBool(String key, String value, String accepted, boolean fallback) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            invalid(key, value, accepted, String.valueOf(fallback));
            return fallback;
        }

        Path path(ConfigKey key) {
            String v = raw(key);
            try {
                if (!v.isEmpty()) {
                    return Paths.get(v);
                }
            } catch (RuntimeException ignored) {
                // reported below
            }
            invalid(key.key(), v, key.accepted(), key.defaultValue());
            return Paths.get(key.defaultValue());
        }

        Duration duration(ConfigKey key) {
            String v = raw(key);
            try {
                return Durations.parse(v);
            } catch (IllegalArgumentException e) {
                invalid(key.key(), v, key.accepted(), key.defaultValue());
                return Durations.parse(key.defaultValue());
            }
        }

        int integer(ConfigKey key, int min, int max) {
            String v = raw(key);
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            invalid(key.key(), v, key.accepted(), key.defaultValue());
            return Integer.parseInt(key.defaultValue());
        }

        /** A byte count with an optional k, m, g or t suffix (powers of 1024). */
        long size(ConfigKey key) {
            String v = raw(key);
            try {
                return parseSize(v);
            } catch (IllegalArgumentException e) {
                invalid(key.key(), v, key.accepted(), key.defaultValue());
                return parseSize(key.defaultValue());
            }
        }

        CaptureMode capture() {
            String v = raw(ConfigKey.CAPTURE);
            try {
                return CaptureMode.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                invalid(ConfigKey.CAPTURE.key(), v, ConfigKey.CAPTURE.accepted(), ConfigKey.CAPTURE.defaultValue());
                return CaptureMode.TRAINING;
            }
        }

        List<String> list(ConfigKey key) {
            List<String> out = new ArrayList<>();
            for (String part : raw(key).split(";")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
            return Collections.unmodifiableList(out);
        }

        Map<String, Boolean> instrumentations() {
            Map<String, Boolean> out = new LinkedHashMap<>();
            for (String name : INSTRUMENTATIONS) {
                String key = "instrumentation." + name + ".enabled";
                String v = values.get(key);
                out.put(name, v == null || parseBool(key, v, "true or false", true));
            }
            return Collections.unmodifiableMap(out);
        }
    }

    static long parseSize(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            int unit = "kmgt".indexOf(v.charAt(v.length() - 1));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                v = v.substring(0, v.length() - 1).trim();
            }
        }
        long n = Long.parseLong(v);   // NumberFormatException is an IllegalArgumentException
        if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("out of range: " + text);
        }
        return n << shift;
    }
}
