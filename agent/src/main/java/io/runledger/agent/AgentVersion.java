package io.runledger.agent;

import java.nio.file.Path;
import java.util.jar.JarFile;

/** The agent's version, from its jar's manifest (the isolated loader defines packages without one). */
public final class AgentVersion {

    private AgentVersion() {
    }

    public static String of(Path agentJar) {
        if (agentJar == null) {
            return null;
        }
        try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (Exception e) {
            return null;
        }
    }
}
