package io.runledger.apps.plain;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Tries to load the agent's libraries and internals by name, as an application could, reads them as
 * resources, and lists the agent jar's entries as a class-path scanner would; prints for each whether it
 * is visible. An application without them on its class path must see none.
 */
public final class IsolationProbe {

    private static final String[] NAMES = {
        "com.fasterxml.jackson.databind.ObjectMapper",
        "net.bytebuddy.ByteBuddy",
        "net.bytebuddy.jar.asm.ClassReader",
        "oshi.SystemInfo",
        "com.sun.jna.Native",
        "org.slf4j.LoggerFactory",
        "io.runledger.agent.Agent",
        "io.runledger.snapshot.Snapshot",
    };

    private static final String[] RESOURCES = {
        "com/fasterxml/jackson/databind/ObjectMapper.class",
        "io/runledger/agent/Agent.class",
        "inst/io/runledger/agent/Agent.classdata",
        "META-INF/services/io.runledger.instrument.FrameworkModule",
        "inst/META-INF/services/io.runledger.instrument.FrameworkModule",
        "com/sun/jna/linux-x86-64/libjnidispatch.so",
    };

    public static void main(String[] args) throws Exception {
        ClassLoader app = IsolationProbe.class.getClassLoader();
        for (String name : NAMES) {
            String state;
            try {
                Class.forName(name, false, app);
                state = "visible";
            } catch (ClassNotFoundException e) {
                state = "absent";
            }
            System.out.println(name + " " + state);
        }
        for (String resource : RESOURCES) {
            System.out.println("resource " + resource + " " + (app.getResource(resource) == null ? "absent" : "visible"));
        }
        // A scanner walks every entry of every jar on the class path; in the agent's jar it finds the API only.
        URL launcher = app.getResource("io/runledger/launch/AgentLauncher.class");
        if (launcher != null && "jar".equals(launcher.getProtocol())) {
            String path = launcher.getPath();
            File jar = new File(new URI(path.substring(0, path.indexOf("!/"))));
            try (JarFile file = new JarFile(jar)) {
                List<String> beyond = new ArrayList<>();
                file.stream().map(JarEntry::getName)
                        .filter(n -> !n.startsWith("io/runledger/bootstrap/") && !n.startsWith("io/runledger/launch/") && !n.startsWith("META-INF/")
                                && !n.equals("io/") && !n.equals("io/runledger/"))
                        .forEach(beyond::add);
                System.out.println("scan of " + jar.getName() + ": " + file.size() + " entries, "
                        + (beyond.isEmpty() ? "none beyond the API" : beyond.size() + " beyond the API visible, e.g. " + beyond.get(0)));
            }
        } else {
            System.out.println("scan: the agent jar is not on the class path");
        }
    }
}
