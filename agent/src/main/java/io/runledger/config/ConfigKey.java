package io.runledger.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key, declared once with its type, default and what it accepts. {@link Config}
 * resolves them, the snapshot's {@code config} section and the README's table list them in this order;
 * {@code instrumentation.<name>.enabled} keys come from the framework modules.
 */
public final class ConfigKey {

    public static final Setting<Boolean> ENABLED = Setting.bool("enabled", "true", "true or false")
            .means("`false` turns the agent off entirely");
    public static final Setting<Path> DIR = Setting.path("dir", "./runledger", "a directory path")
            .means("the ledger directory; if it is not writable or not safe (see Security) the agent says so and uses `$TMPDIR/runledger-$USER`");
    public static final Setting<LedgerMode> LEDGER_MODE = Setting.choice("ledger.mode", "private", LedgerMode.class, "private or group")
            .means("who may read the ledger: `private` (directories 0700, files 0600) or `group` (0770/0660, for a ledger a team shares through a Unix group)");
    public static final Setting<String> LEDGER_SIGNING_KEY = Setting.text("ledger.signing-key", "",
            "the path of an ECDSA P-256 private key in PEM (made by `key generate`), its public key beside it as FILE.pub")
            .means("sign every ledger entry and checkpoint with this key (unset: unsigned, and `verify` says so)");
    public static final Setting<String> RUN_NAME = Setting.text("run.name", "", "any text (defaults to the main class's simple name)")
            .means("a name for the run, shown by `list`");
    public static final Setting<String> RUN_ID = Setting.text("run.id", "",
            "an identifier given by an orchestrator to tie several JVMs into one run")
            .means("an id given by an orchestrator to tie several JVMs into one run (`run.externalId` in the snapshot)");
    public static final Setting<CaptureMode> CAPTURE = Setting.choice("capture", "training", CaptureMode.class, "training or always")
            .means("write a snapshot only when a training entry point ran, or for every JVM");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.duration("checkpoint.interval", "30s",
            "a duration such as 500ms, 30s or 2m (0 turns periodic checkpoints off)")
            .means("how often the RUNNING snapshot is rewritten (the first one when the first training ends or a second after recording starts, whichever is sooner, or after the interval if shorter)");
    public static final Setting<Duration> FLUSH_TIMEOUT = Setting.duration("flush.timeout", "5s", "a duration such as 500ms, 5s or 1m")
            .means("how long shutdown waits for collection; what is not ready is listed in `pending`");
    public static final Setting<List<String>> REDACT_NAMES = Setting.list("redact.names", "",
            "extra secret name words or globs, separated by ';'")
            .means("extra secret names (`tenant;*_PIN`)");
    public static final Setting<List<String>> REDACT_ALLOW = Setting.list("redact.allow", "PWD;OLDPWD",
            "names never redacted (globs), separated by ';'")
            .means("names never redacted");
    public static final Setting<Integer> HASH_THREADS = Setting.integer("hash.threads", "2", 1, 16, "a whole number from 1 to 16")
            .means("files hashed at once");
    public static final Setting<Long> HASH_SAMPLE_ABOVE = Setting.size("hash.sample-above", "0",
            "a size such as 512m, 20g or 2t: larger files get a sampled, partial fingerprint (0 = always hash in full)")
            .means("larger files get a sampled, partial fingerprint instead of a full SHA-256");
    public static final Setting<Boolean> HASH_REMOTE = Setting.bool("hash.remote", "false",
            "true or false: also hash the files a Spark fit's input lists on remote file systems (HDFS, S3, ...), reading each in full through Hadoop in the background")
            .means("also hash listed files on remote file systems (a full read of each through Hadoop)");
    public static final Setting<List<String>> FILES_INCLUDE = Setting.list("files.include", "",
            "globs of files read through the JDK to record, separated by ';' (empty = all)")
            .means("record only files read through the JDK that match (empty: all)");
    public static final Setting<List<String>> FILES_EXCLUDE = Setting.list("files.exclude", "",
            "globs of files read through the JDK never to record, separated by ';'")
            .means("never record these files");
    public static final Setting<Long> FILES_MIN_SIZE = Setting.size("files.min-size", "1",
            "a size such as 0, 4k or 1m: smaller files read through the JDK are not recorded")
            .means("smaller files read through the JDK are not recorded");
    public static final Setting<Integer> FILES_DIRECTORY_THRESHOLD = Setting.integer("files.directory-threshold", "10", 2,
            Integer.MAX_VALUE, "a whole number from 2 up: this many files read from one directory make it one directory source")
            .means("this many files read from one directory make it one directory source");
    public static final Setting<Boolean> JDBC_HASH_ROWS = Setting.bool("jdbc.hash-rows", "false",
            "true or false: hash the values of every row the application fetches (reads each column once more with getObject)")
            .means("hash the values of the rows fetched by each query (reads each column once more)");
    public static final Setting<Integer> FILES_MAX = Setting.integer("files.max", "100000", 1, Integer.MAX_VALUE,
            "a whole number from 1 up: at most this many distinct files are tracked per run (bounds the agent's memory)")
            .means("at most this many distinct files are tracked per JVM (a warning in the snapshot says when more were opened)");
    public static final Setting<Boolean> DEBUG = Setting.bool("debug", "false", "true or false (timings on stderr)")
            .means("flush timings on stderr");
    public static final Setting<Integer> PROMETHEUS_PORT = Setting.integer("prometheus.port", "0", 0, 65535,
            "a port number from 1 to 65535 (0 = no metrics endpoint)")
            .means("serve `/metrics` on this port (0: off)");
    public static final Setting<String> PROMETHEUS_HOST = Setting.text("prometheus.host", "127.0.0.1",
            "the address the metrics endpoint listens on")
            .means("where the metrics endpoint listens");
    public static final Setting<String> PUSHGATEWAY_URL = Setting.url("pushgateway.url", "",
            "a Pushgateway base URL such as http://gateway:9091 (empty = no push)")
            .means("push metrics to this Pushgateway at checkpoints and at exit");
    public static final Setting<String> PUSHGATEWAY_JOB = Setting.text("pushgateway.job", "runledger", "the job label of the pushed group")
            .means("the pushed group's `job` label (`instance` is the run name)");
    public static final Setting<String> PUSHGATEWAY_AUTH_ENV = Setting.text("pushgateway.auth.env", "",
            "the name of an environment variable holding user:password for basic auth")
            .means("basic-auth `user:password` for the Pushgateway, read from that variable");
    public static final Setting<Boolean> PUSHGATEWAY_DELETE_ON_EXIT = Setting.bool("pushgateway.delete-on-exit", "false",
            "true or false: delete the pushed group when the run ends")
            .means("delete the pushed group when the run ends");
    public static final Setting<String> OPENLINEAGE_URL = Setting.url("openlineage.url", "",
            "an OpenLineage HTTP endpoint such as http://marquez:5000 (no path: /api/v1/lineage; empty = none)")
            .means("POST the run's OpenLineage events (START, COMPLETE or FAIL) here");
    public static final Setting<String> OPENLINEAGE_FILE = Setting.text("openlineage.file", "",
            "a file to append OpenLineage events to, one JSON event per line (empty = none)")
            .means("append the run's OpenLineage events to this file");
    public static final Setting<String> OPENLINEAGE_NAMESPACE = Setting.text("openlineage.namespace", "runledger",
            "the namespace of the events' job")
            .means("the OpenLineage job namespace (the job name is the run name)");
    public static final Setting<String> ATTACH_REPLY = Setting.text("attach.reply", "",
            "internal: a file where the attach command reads whether the agent started")
            .means("internal: set by the `attach` command to learn whether the agent started").notRecorded();
    public static final Setting<String> CONFIG = Setting.text("config", "", "a properties file with further keys")
            .means("a properties file with further keys (`key=value` or `runledger.key=value`)").notRecorded();

    /** Every key, in the order of the snapshot's config section and the README's table. */
    public static final List<Setting<?>> ALL = Collections.unmodifiableList(Arrays.asList(ENABLED, DIR, LEDGER_MODE, LEDGER_SIGNING_KEY, RUN_NAME, RUN_ID, CAPTURE,
            CHECKPOINT_INTERVAL, FLUSH_TIMEOUT, REDACT_NAMES, REDACT_ALLOW, HASH_THREADS, HASH_SAMPLE_ABOVE, HASH_REMOTE, FILES_INCLUDE,
            FILES_EXCLUDE, FILES_MIN_SIZE, FILES_DIRECTORY_THRESHOLD, JDBC_HASH_ROWS, FILES_MAX, DEBUG, PROMETHEUS_PORT,
            PROMETHEUS_HOST, PUSHGATEWAY_URL, PUSHGATEWAY_JOB, PUSHGATEWAY_AUTH_ENV, PUSHGATEWAY_DELETE_ON_EXIT, OPENLINEAGE_URL, OPENLINEAGE_FILE, OPENLINEAGE_NAMESPACE, ATTACH_REPLY, CONFIG));

    private ConfigKey() {
    }

    /** The key named {@code key}, or null (a loop, not a stream: this runs in premain). */
    public static Setting<?> byKey(String key) {
        for (Setting<?> k : ALL) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }
}
