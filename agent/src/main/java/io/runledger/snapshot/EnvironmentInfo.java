package io.runledger.snapshot;

import java.util.Map;

/** Environment variables and system properties, redacted. */
public final class EnvironmentInfo {

    public final Map<String, String> variables;
    public final Map<String, String> systemProperties;

    public EnvironmentInfo(Map<String,  String> variables, Map<String,  String> systemProperties) {
        this.variables = variables;
        this.systemProperties = systemProperties;
    }
}
