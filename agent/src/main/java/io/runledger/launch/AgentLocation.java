package io.runledger.launch;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;

/** Finds the agent jar and the entry points inside its isolated area. */
final class AgentLocation {

    private static volatile IsolatedClassLoader loader;

    private AgentLocation() {
    }

    static File agentJar() throws URISyntaxException {
        return new File(AgentLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static synchronized ClassLoader isolatedLoader(File jar) throws IOException {
        if (loader == null) {
            loader = new IsolatedClassLoader(jar, ClassLoader.getPlatformClassLoader());
        }
        return loader;
    }

    static Method entry(File jar, String className, String method, Class<?>... parameterTypes) throws Exception {
        Class<?> type = Class.forName(className, true, isolatedLoader(jar));
        return type.getMethod(method, parameterTypes);
    }
}
