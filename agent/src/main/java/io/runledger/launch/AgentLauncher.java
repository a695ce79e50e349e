package io.runledger.launch;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * {@code Premain-Class} and {@code Agent-Class}: hands over to the isolated implementation, which puts
 * the bootstrap API into the boot loader when it first needs it. Nothing here may throw into the host JVM.
 */
public final class AgentLauncher {

    private static final String AGENT = "io.runledger.agent.Agent";

    private AgentLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        try {
            File jar = AgentLocation.agentJar();
            AgentLocation.entry(jar, AGENT, "start", String.class, Instrumentation.class, boolean.class, File.class)
                    .invoke(null, args, inst, attached, jar);
        } catch (Throwable t) {
            System.err.println("[runledger] agent disabled: could not start (" + t + ")");
        }
    }
}
