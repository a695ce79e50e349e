package io.runledger.launch;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's internals and its libraries (ByteBuddy, Jackson, OSHI/JNA, ...) from the
 * {@code inst/} area of the agent jar, where classes are stored as {@code .classdata} so that no other
 * class loader can find them. Its parent is the platform loader: the application's classes are
 * invisible to the agent and the agent's libraries are invisible to the application, so neither can
 * clash with the other (JNA cannot be relocated, which rules out shading alone). The bootstrap API is
 * found through the parent chain once the agent has defined it in the boot loader, and never from the
 * jar's root: a second copy in the system loader would split the agent in two.
 */
final class IsolatedClassLoader extends ClassLoader {

    static final String PREFIX = "inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    IsolatedClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super(parent);
        this.jar = new JarFile(agentJar, false);
        this.jarUrl = "jar:" + agentJar.toURI() + "!/";
        this.domain = new ProtectionDomain(new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readAll(in, (int) entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
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
        String entry = PREFIX + name;
        if (jar.getJarEntry(entry) == null) {
            // class files are stored as .classdata; ByteBuddy reads advice classes as resources
            entry = name.endsWith(".class") ? PREFIX + name.substring(0, name.length() - 6) + ".classdata" : null;
            if (entry == null || jar.getJarEntry(entry) == null) {
                return null;
            }
        }
        try {
            return new URL(jarUrl + entry);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    /**
     * Straight from the open jar: the default goes through a {@code jar:} URL connection, whose machinery
     * costs premain several milliseconds the first time (the module service file is read there).
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry entry = jar.getJarEntry(PREFIX + name);
        if (entry == null || name.endsWith(".class")) {
            return super.getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    private static byte[] readAll(InputStream in, int sizeHint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : 8192);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
