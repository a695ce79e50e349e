package io.runledger.launch;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;

/**
 * Finds the agent jar and the entry points inside its isolated area. Keeps no reference to the isolated
 * loader: these classes are on the application's class path, and a static field here would hand the
 * live agent to any code that reflects on it. The loader stays reachable only from the agent's own classes.
 */
final class AgentLocation {

    private AgentLocation() {
    }

    static File agentJar() throws URISyntaxException {
        return new File(AgentLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The entry point in a new isolated loader for this jar (the agent itself refuses to start twice). */
    static Method entry(File jar, String className, String method, Class<?>... parameterTypes) throws Exception {
        Class<?> type = Class.forName(className, true, new IsolatedClassLoader(jar, ClassLoader.getPlatformClassLoader()));
        return type.getMethod(method, parameterTypes);
    }
}
