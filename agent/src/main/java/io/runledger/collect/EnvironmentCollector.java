package io.runledger.collect;

import io.runledger.redact.Redactor;
import io.runledger.snapshot.EnvironmentInfo;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Environment variables and system properties, redacted before they are kept. */
public final class EnvironmentCollector {

    private EnvironmentCollector() {
    }

    public static EnvironmentInfo collect(Redactor redactor) {
        Map<String, String> props = new HashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            props.put(name, system.getProperty(name));
        }
        // The command line is kept, redacted argument by argument, in the process section.
        props.remove("sun.java.command");
        return new EnvironmentInfo(
                Collections.unmodifiableMap(redactor.redactAll(System.getenv())),
                Collections.unmodifiableMap(redactor.redactAll(props)));
    }
}
