package io.runledger.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaults() {
        Config c = Config.load(null, new Properties(), Collections.emptyMap());
        assertTrue(c.enabled());
        assertEquals(Paths.get("./runledger"), c.dir());
        assertEquals(CaptureMode.TRAINING, c.capture());
        assertEquals(Duration.ofSeconds(30), c.checkpointInterval());
        assertEquals(Duration.ofSeconds(5), c.flushTimeout());
        assertEquals("", c.runName());
        assertTrue(c.instrumentationEnabled("dl4j"));
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void precedenceIsArgumentsThenPropertiesThenEnvironmentThenFileThenDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runledger.properties");
        Files.write(file, Arrays.asList("run.name=from-file", "flush.timeout=9s", "hash.threads=3", "capture=always"));
        Config c = Config.load("run.name=from-args,config=" + file,
                props("runledger.run.name", "from-prop", "runledger.flush.timeout", "7s"),
                env("RUNLEDGER_RUN_NAME", "from-env", "RUNLEDGER_FLUSH_TIMEOUT", "8s", "RUNLEDGER_HASH_THREADS", "4"));
        assertEquals("from-args", c.runName());
        assertEquals(Duration.ofSeconds(7), c.flushTimeout());
        assertEquals(4, c.hashThreads());
        assertEquals(CaptureMode.ALWAYS, c.capture());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void configFileNamedByEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.properties");
        Files.write(file, Arrays.asList("runledger.checkpoint.interval=250ms", "instrumentation.smile.enabled=false"));
        Config c = Config.load("", new Properties(), env("RUNLEDGER_CONFIG", file.toString()));
        assertEquals(Duration.ofMillis(250), c.checkpointInterval());
        assertFalse(c.instrumentationEnabled("smile"));
        assertTrue(c.instrumentationEnabled("tribuo"));
    }

    @Test
    void environmentNamesMapToDottedKeys() {
        Config c = Config.load(null, new Properties(), env("RUNLEDGER_INSTRUMENTATION_DL4J_ENABLED", "false", "RUNLEDGER_RUN_ID", "job-7"));
        assertFalse(c.instrumentationEnabled("dl4j"));
        assertEquals("job-7", c.externalRunId());
    }

    @Test
    void malformedValuesFallBackToDefaultsWithOneClearLineEach() {
        Config c = Config.load("checkpoint.interval=often,capture=sometimes,enabled=yes,hash.threads=99,flush.timeout=-1",
                new Properties(), Collections.emptyMap());
        assertEquals(Duration.ofSeconds(30), c.checkpointInterval());
        assertEquals(CaptureMode.TRAINING, c.capture());
        assertTrue(c.enabled());
        assertEquals(2, c.hashThreads());
        assertEquals(Duration.ofSeconds(5), c.flushTimeout());
        assertEquals(5, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().contains("invalid value 'often' for 'checkpoint.interval' (agent argument): expected a duration "
                + "such as 500ms, 30s or 2m (0 turns periodic checkpoints off); using 30s"), c.warnings().toString());
        assertTrue(c.warnings().contains("invalid value 'sometimes' for 'capture' (agent argument): expected training or always; using training"));
        assertTrue(c.warnings().contains("invalid value 'yes' for 'enabled' (agent argument): expected true or false; using true"));
    }

    @Test
    void unknownKeysAndMalformedArgumentsAreReported() {
        Config c = Config.load("capture=always,colour=blue,justaword,instrumentation.pytorch.enabled=true",
                props("runledger.dri", "/tmp/x"), env("RUNLEDGER_FLUSHTIMEOUT", "1s"));
        assertEquals(CaptureMode.ALWAYS, c.capture());
        assertEquals(5, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("unknown configuration key 'colour' (agent argument) ignored; known keys: enabled, dir,"));
        assertTrue(c.warnings().get(1).startsWith("malformed agent argument 'justaword' ignored"));
        assertTrue(c.warnings().get(2).startsWith("unknown configuration key 'instrumentation.pytorch.enabled'"));
        assertTrue(c.warnings().get(3).startsWith("unknown configuration key 'dri' (system property runledger.dri)"));
        assertTrue(c.warnings().get(4).startsWith("unknown configuration key 'flushtimeout' (environment variable RUNLEDGER_FLUSHTIMEOUT)"));
    }

    @Test
    void unreadableConfigFileIsReported() {
        Config c = Config.load("config=/nonexistent/runledger.properties", new Properties(), Collections.emptyMap());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).startsWith("invalid value '/nonexistent/runledger.properties' for 'config' (agent argument): cannot read it"));
    }

    @Test
    void durationsAcceptUnits() {
        Config c = Config.load("checkpoint.interval=0,flush.timeout=1500ms", new Properties(), Collections.emptyMap());
        assertEquals(Duration.ZERO, c.checkpointInterval());
        assertEquals(Duration.ofMillis(1500), c.flushTimeout());
        assertEquals("1500ms", c.effective().get("flush.timeout"));
    }

    @Test
    void listsAreSemicolonSeparated() {
        Config c = Config.load("redact.names=tenant;*_PIN,redact.allow=MY_TOKEN_COUNT", new Properties(), Collections.emptyMap());
        assertEquals(Arrays.asList("tenant", "*_PIN"), c.redactNames());
        assertEquals(Collections.singletonList("MY_TOKEN_COUNT"), c.redactAllow());
    }

    @Test
    void sizesTakeUnitSuffixes() {
        assertEquals(0L, Setting.parseSize("0"));
        assertEquals(4096L, Setting.parseSize("4k"));
        assertEquals(512L << 20, Setting.parseSize("512m"));
        assertEquals(20L << 30, Setting.parseSize("20G"));
        assertEquals(2L << 40, Setting.parseSize("2tb"));
        Config c = Config.load("hash.sample-above=lots,files.min-size=1k,files.directory-threshold=1");
        assertEquals(0L, c.hashSampleAbove());
        assertEquals(1024L, c.filesMinSize());
        assertEquals(10, c.directoryThreshold());
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("'hash.sample-above'"), c.warnings().toString());
    }

    @Test
    void hyphenatedKeysCanBeSetFromTheEnvironment() {
        Config c = Config.load("", props(), env("RUNLEDGER_HASH_SAMPLE_ABOVE", "2g", "RUNLEDGER_FILES_DIRECTORY_THRESHOLD", "5",
                "RUNLEDGER_INSTRUMENTATION_SMILE_ENABLED", "false"));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertEquals(2L << 30, c.hashSampleAbove());
        assertEquals(5, c.directoryThreshold());
        assertFalse(c.instrumentationEnabled("smile"));
    }

    @Test
    void aMistypedKeyNamesTheNearestOne() {
        Config c = Config.load("captur=always,hash.sample.above=1g,prometheus-port=9000", props(), env());
        assertEquals(3, c.warnings().size(), c.warnings().toString());
        assertEquals("unknown configuration key 'captur' (agent argument) ignored; did you mean 'capture'?", c.warnings().get(0));
        assertTrue(c.warnings().get(1).endsWith("did you mean 'hash.sample-above'?"), c.warnings().get(1));
        assertTrue(c.warnings().get(2).endsWith("did you mean 'prometheus.port'?"), c.warnings().get(2));
    }

    @Test
    void onlyARegularFileOfAtMostOneMebibyteIsReadAsConfiguration(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        Config device = Config.load("config=/dev/zero", props(), env());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "premain must not block on a device");
        assertTrue(device.warnings().get(0).contains("not a regular file of at most 1 MiB"), device.warnings().toString());
        Path big = dir.resolve("big.properties");
        Files.write(big, new byte[(1 << 20) + 1]);
        assertTrue(Config.load("config=" + big, props(), env()).warnings().get(0).contains("not a regular file"));
    }

    @Test
    void everyRecordedKeyIsInTheSnapshotsConfigSectionInDeclarationOrder() {
        Config c = Config.load("pushgateway.url=http://user:secret@gw:9091", props(), env());
        Map<String, String> effective = c.effective();
        assertEquals("http://gw:9091", effective.get("pushgateway.url"), "credentials never reach the snapshot");
        assertFalse(effective.containsKey("attach.reply"));
        assertFalse(effective.containsKey("config"));
        assertEquals("enabled", effective.keySet().iterator().next());
        assertTrue(effective.containsKey("instrumentation.dl4j.enabled"));
    }
}
