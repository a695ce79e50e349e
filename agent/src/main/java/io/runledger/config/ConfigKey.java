package io.runledger.config;

import java.util.Locale;

/**
 * Every configuration key, its default and what it accepts. The README's configuration table mirrors
 * this enum; {@code instrumentation.<name>.enabled} keys are handled by {@link Config} separately.
 */
public enum ConfigKey {
    ENABLED("enabled", "true", "true or false"),
    DIR("dir", "./runledger", "a directory path"),
    RUN_NAME("run.name", "", "any text (defaults to the main class's simple name)"),
    RUN_ID("run.id", "", "an identifier given by an orchestrator to tie several JVMs into one run"),
    CAPTURE("capture", "training", "training or always"),
    CHECKPOINT_INTERVAL("checkpoint.interval", "30s", "a duration such as 500ms, 30s or 2m (0 turns checkpoints off)"),
    FLUSH_TIMEOUT("flush.timeout", "5s", "a duration such as 500ms, 5s or 1m"),
    REDACT_NAMES("redact.names", "", "extra secret name words or globs, separated by ';'"),
    REDACT_ALLOW("redact.allow", "PWD;OLDPWD", "names never redacted (globs), separated by ';'"),
    HASH_THREADS("hash.threads", "2", "a whole number from 1 to 16"),
    HASH_SAMPLE_ABOVE("hash.sample-above", "0", "a size such as 512m, 20g or 2t: larger files get a sampled, partial fingerprint (0 = always hash in full)"),
    JDBC_HASH_ROWS("jdbc.hash-rows", "false", "true or false: hash the values of every row the application fetches (reads each column once more with getObject)"),
    FILES_INCLUDE("files.include", "", "globs of files read through the JDK to record, separated by ';' (empty = all)"),
    FILES_EXCLUDE("files.exclude", "", "globs of files read through the JDK never to record, separated by ';'"),
    FILES_MIN_SIZE("files.min-size", "1", "a size such as 0, 4k or 1m: smaller files read through the JDK are not recorded"),
    FILES_MAX("files.max", "100000", "a whole number from 1 up: at most this many distinct files are tracked per run (bounds the agent's memory)"),
    FILES_DIRECTORY_THRESHOLD("files.directory-threshold", "10", "a whole number from 2 up: this many files read from one directory make it one directory source"),
    DEBUG("debug", "false", "true or false (timings on stderr)"),
    PROMETHEUS_PORT("prometheus.port", "0", "a port number from 1 to 65535 (0 = no metrics endpoint)"),
    PROMETHEUS_HOST("prometheus.host", "127.0.0.1", "the address the metrics endpoint listens on"),
    PUSHGATEWAY_URL("pushgateway.url", "", "a Pushgateway base URL such as http://gateway:9091 (empty = no push)"),
    PUSHGATEWAY_JOB("pushgateway.job", "runledger", "the job label of the pushed group"),
    PUSHGATEWAY_AUTH_ENV("pushgateway.auth.env", "", "the name of an environment variable holding user:password for basic auth"),
    PUSHGATEWAY_DELETE_ON_EXIT("pushgateway.delete-on-exit", "false", "true or false: delete the pushed group when the run ends"),
    ATTACH_REPLY("attach.reply", "", "internal: a file where the attach command reads whether the agent started"),
    CONFIG("config", "", "a properties file with further keys");

    private final String key;
    private final String defaultValue;
    private final String accepted;

    ConfigKey(String key, String defaultValue, String accepted) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.accepted = accepted;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String accepted() {
        return accepted;
    }

    /** {@code run.name} is read from system property {@code runledger.run.name} ... */
    public static String systemPropertyName(String key) {
        return "runledger." + key;
    }

    /** ... and from environment variable {@code RUNLEDGER_RUN_NAME}. */
    public static String environmentName(String key) {
        return "RUNLEDGER_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The key named {@code key}, or null (a loop, not a stream: this runs in premain). */
    public static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
