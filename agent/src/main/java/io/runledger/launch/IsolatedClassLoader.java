package io.runledger.launch;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Loads the agent's internals and its libraries (ByteBuddy, Jackson, OSHI/JNA, ...) from the agent jar's
 * isolated area ({@link AgentPayload}), which no other class loader can see. Its parent is the platform
 * loader: the application's classes are invisible to the agent and the agent's libraries are invisible to
 * the application, so neither can clash with the other (JNA cannot be relocated, which rules out shading
 * alone). The bootstrap API is found through the parent chain once the agent has defined it in the boot
 * loader, and never from the jar's root: a second copy in the system loader would split the agent in two.
 */
final class IsolatedClassLoader extends ClassLoader {

    /** Protocol of this loader's resource URLs; they open only through the handler given to them. */
    static final String PROTOCOL = "runledger-agent";

    static {
        registerAsParallelCapable();
    }

    private final AgentPayload payload;
    private final ProtectionDomain domain;
    private final URLStreamHandler urls = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    // nothing to connect: the bytes are read when asked for
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    byte[] bytes = payload.read(url.getPath().substring(1));
                    if (bytes == null) {
                        throw new FileNotFoundException(url.toString());
                    }
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    };

    IsolatedClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super(parent);
        this.payload = AgentPayload.open(agentJar);
        this.domain = new ProtectionDomain(new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        try {
            bytes = payload.read(name.replace('.', '/') + ".class");
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        definePackageFor(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageFor(String className) {
        int dot = className.lastIndexOf('.');
        if (dot <= 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException raced) {
                // another thread defined it first
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        if (!payload.contains(name)) {
            return null;
        }
        try {
            return new URL(PROTOCOL, null, -1, "/" + name, urls);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    /** Straight from the isolated area, without a URL connection (ByteBuddy reads advice classes this way). */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (!payload.contains(name)) {
            return super.getResourceAsStream(name);
        }
        try {
            return new ByteArrayInputStream(payload.read(name));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }
}
