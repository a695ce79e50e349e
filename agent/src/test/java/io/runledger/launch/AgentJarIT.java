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

    @Test
    void onlyTheBootstrapApiAndTheLauncherAreLoadableClasses() throws Exception {
        List<String> leaked = new ArrayList<>();
        int isolated = 0;
        try (JarFile jar = new JarFile(JAR)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !(name.startsWith("io/runledger/bootstrap/") || name.startsWith("io/runledger/launch/"))) {
                    leaked.add(name);
                }
                if (name.startsWith("inst/") && name.endsWith(".classdata")) {
                    isolated++;
                }
            }
        }
        assertTrue(leaked.isEmpty(), "classes visible to the system class loader outside io/runledger: " + leaked);
        assertTrue(isolated > 1000, "the isolated area holds the libraries (" + isolated + " classes)");
    }

    @Test
    void theApplicationsClassLoaderCannotFindTheAgentsLibraries() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[] {JAR.toURI().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : new String[] {"com.fasterxml.jackson.databind.ObjectMapper", "net.bytebuddy.ByteBuddy", "oshi.SystemInfo",
                "com.sun.jna.Native", "org.slf4j.LoggerFactory", "io.runledger.agent.Agent"}) {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, app), name);
            }
            Class.forName("io.runledger.bootstrap.RunLedger", false, app);
        }
    }

    @Test
    void agentClassesTargetJava11() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (JarFile jar = new JarFile(JAR)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                boolean ours = name.startsWith("io/runledger/") && name.endsWith(".class")
                        || name.startsWith("inst/io/runledger/") && name.endsWith(".classdata");
                boolean library = name.startsWith("inst/") && name.endsWith(".classdata") && !ours;
                if (!ours && !library) {
                    continue;
                }
                int major;
                try (InputStream in = jar.getInputStream(e); DataInputStream data = new DataInputStream(in)) {
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
        assertTrue(checked > 100);
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
