package io.runledger.launch;

import java.io.File;

/** {@code Main-Class}: runs the CLI inside the isolated loader and exits with its code. */
public final class CliLauncher {

    private CliLauncher() {
    }

    public static void main(String[] args) throws Exception {
        File jar = AgentLocation.agentJar();
        Object code = AgentLocation.entry(jar, "io.runledger.cli.Cli", "run", String[].class).invoke(null, (Object) args);
        System.out.flush();
        System.exit((Integer) code);
    }
}
