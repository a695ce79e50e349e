package io.runledger.launch;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fails the build if the packaged agent jar leaks classes, targets a newer JVM than 11, or lacks its manifest. */
class AgentJarIT {

    private static final File JAR = new File(System.getProperty("runledger.agent.jar", "target/runledger-agent.jar"));

    /** Issue 14: the jar's zip, which every class loader and scanner reads, holds the API and the launcher only. */
    @Test
    void onlyTheBootstrapApiAndTheLauncherAreEntriesOfTheJar() throws Exception {
        List<String> leaked = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!(name.startsWith("io/runledger/bootstrap/") || name.startsWith("io/runledger/launch/")
                        || List.of("io/", "io/runledger/", "META-INF/", "META-INF/MANIFEST.MF").contains(name))) {
                    leaked.add(name);
                }
            }
        }
        assertTrue(leaked.isEmpty(), "entries visible to the system class loader beside the API and the launcher: " + leaked);
        AgentPayload payload = AgentPayload.open(JAR);
        long classes = payload.names().stream().filter(n -> n.endsWith(".class")).count();
        assertTrue(classes > 1000, "the isolated area holds the libraries (" + classes + " classes)");
        assertTrue(payload.contains("io/runledger/agent/Agent.class"));
        assertTrue(payload.names().stream().noneMatch(n -> n.startsWith("io/runledger/launch/") || n.startsWith("io/runledger/bootstrap/")),
                "the launcher and the API are loaded from the jar's root only");
    }

    @Test
    void theApplicationsClassLoaderCannotFindTheAgentsLibraries() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[] {JAR.toURI().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : new String[] {"com.fasterxml.jackson.databind.ObjectMapper", "net.bytebuddy.ByteBuddy", "oshi.SystemInfo",
                "com.sun.jna.Native", "org.slf4j.LoggerFactory", "io.runledger.agent.Agent"}) {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, app), name);
            }
            for (String resource : new String[] {"io/runledger/agent/Agent.class", "inst/io/runledger/agent/Agent.classdata",
                "META-INF/services/io.runledger.instrument.FrameworkModule", "com/sun/jna/linux-x86-64/libjnidispatch.so"}) {
                assertEquals(null, app.getResource(resource), resource);
            }
            Class.forName("io.runledger.bootstrap.RunLedger", false, app);
        }
    }

    @Test
    void theIsolatedLoaderReadsClassesAndResourcesOfItsArea() throws Exception {
        IsolatedClassLoader loader = new IsolatedClassLoader(JAR, ClassLoader.getPlatformClassLoader());
        assertEquals(loader, Class.forName("net.bytebuddy.ByteBuddy", false, loader).getClassLoader());
        URL services = loader.getResource("META-INF/services/io.runledger.instrument.FrameworkModule");
        assertEquals(IsolatedClassLoader.PROTOCOL, services.getProtocol());
        try (InputStream in = services.openStream()) {
            assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("io.runledger.instrument.dl4j"));
        }
        try (InputStream in = loader.getResourceAsStream("io/runledger/agent/Agent.class"); DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
        }
        assertEquals(null, loader.getResource("no/such/Thing.class"));
    }

    /** Premain finds classes through the build's index (PayloadIndex): every file of the area, none else. */
    @Test
    void theBuiltJarFindsEveryFileThroughItsIndex() throws Exception {
        AgentPayload payload = AgentPayload.open(JAR);
        java.lang.reflect.Field index = AgentPayload.class.getDeclaredField("index");
        index.setAccessible(true);
        assertTrue(index.get(payload) != null, "the jar carries an index of its area that matches it");
        java.util.Set<String> names = payload.names();
        for (String name : names) {
            assertTrue(payload.contains(name), name);
        }
        assertTrue(names.size() > 1000);
        assertEquals(null, payload.read("io/runledger/agent/NoSuchClass.class"));
    }

    @Test
    void agentClassesTargetJava11() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        AgentPayload payload = AgentPayload.open(JAR);
        List<String> names = new ArrayList<>(payload.names());
        try (JarFile jar = new JarFile(JAR)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                names.add("root:" + entries.nextElement().getName());
            }
            for (String name : names) {
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                boolean root = name.startsWith("root:");
                String entry = root ? name.substring(5) : name;
                boolean ours = entry.startsWith("io/runledger/");
                int major;
                try (InputStream in = root ? jar.getInputStream(jar.getJarEntry(entry)) : new java.io.ByteArrayInputStream(payload.read(entry));
                     DataInputStream data = new DataInputStream(in)) {
                    assertEquals(0xCAFEBABE, data.readInt(), name);
                    data.readUnsignedShort();
                    major = data.readUnsignedShort();
                }
                if (ours ? major != 55 : major > 55) {
                    wrong.add(name + " (class-file version " + major + ")");
                }
                checked++;
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
        assertTrue(wrong.isEmpty(), "the agent must load into Java 11: " + wrong);
    }

    @Test
    void manifestDeclaresEveryEntryPoint() throws Exception {
        try (JarFile jar = new JarFile(JAR)) {
            Attributes a = jar.getManifest().getMainAttributes();
            assertEquals("io.runledger.launch.AgentLauncher", a.getValue("Premain-Class"));
            assertEquals("io.runledger.launch.AgentLauncher", a.getValue("Agent-Class"));
            assertEquals("io.runledger.launch.CliLauncher", a.getValue("Main-Class"));
            assertEquals("true", a.getValue("Can-Retransform-Classes"));
        }
    }
}
