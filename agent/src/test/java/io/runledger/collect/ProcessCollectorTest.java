package io.runledger.collect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The application's arguments come from the real argument vector, one element each, spaces and all. */
class ProcessCollectorTest {

    @Test
    void argumentsAfterTheMainClassKeepTheirSpaces() {
        List<String> argv = Arrays.asList("-javaagent:/a/runledger-agent.jar=dir=x", "-Xmx1g", "-cp", "a.jar:b.jar",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "com.acme.Train", "--passphrase", "correct horse battery", "--token", "-x");
        assertEquals(Arrays.asList("--passphrase", "correct horse battery", "--token", "-x"),
                ProcessCollector.applicationArguments(argv, "com.acme.Train"));
    }

    @Test
    void jarsAndModules() {
        assertEquals(Arrays.asList("a b"), ProcessCollector.applicationArguments(Arrays.asList("-jar", "app.jar", "a b"), "app.jar"));
        assertEquals(Arrays.asList("x"), ProcessCollector.applicationArguments(Arrays.asList("-p", "mods", "-m", "m/com.acme.Main", "x"),
                "m/com.acme.Main"));
    }

    @Test
    void uncertainVectorsAreNotGuessed() {
        assertNull(ProcessCollector.applicationArguments(Arrays.asList("@args.txt"), "com.acme.Train"));
        assertNull(ProcessCollector.applicationArguments(Arrays.asList("-cp", "x", "other.Main"), "com.acme.Train"));
    }
}
