package io.runledger.apps.plain;

/**
 * Tries to load the agent's libraries and internals by name, as an application could, and prints for
 * each whether it is visible. An application without them on its class path must see none.
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

    public static void main(String[] args) {
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
        System.out.println("resource " + (app.getResource("com/fasterxml/jackson/databind/ObjectMapper.class") == null ? "absent" : "visible"));
    }
}
