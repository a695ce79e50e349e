package io.runledger.apps.plain;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Tries, by plain reflection, what a hostile or careless application could do to the agent's record:
 * find agent state in static fields of the launcher classes on its class path, report a false exit
 * status through the public bootstrap API, and install hooks of its own. Prints what it found; exits 0.
 */
public final class RecorderReach {

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"io.runledger.launch.AgentLauncher", "io.runledger.launch.AgentLocation",
                "io.runledger.launch.CliLauncher", "io.runledger.launch.IsolatedClassLoader"}) {
            Class<?> c = Class.forName(name, false, ClassLoader.getSystemClassLoader());
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && f.getType() != String.class) {
                    f.setAccessible(true);
                    Object value = f.get(null);
                    System.out.println("static " + name + "." + f.getName() + " = " + (value == null ? "null" : value.getClass().getName()));
                }
            }
        }
        Class<?> api = Class.forName("io.runledger.bootstrap.RunLedger", true, null);
        Method onExit = api.getMethod("onExit", int.class);
        onExit.invoke(null, 3);
        System.out.println("called RunLedger.onExit(3)");
        Class<?> hooksType = Class.forName("io.runledger.bootstrap.RunLedgerHooks", true, null);
        Object mine = java.lang.reflect.Proxy.newProxyInstance(RecorderReach.class.getClassLoader(), new Class<?>[] {hooksType},
                (proxy, method, margs) -> {
                    System.out.println("my hook saw " + method.getName());
                    return method.getReturnType() == long.class ? 0L : null;
                });
        try {
            api.getMethod("install", hooksType).invoke(null, mine);
            System.out.println("tried to install my hooks");
        } catch (Exception e) {
            System.out.println("install refused: " + e);
        }
        onExit.invoke(null, 4);
        System.out.println("done");
    }
}
