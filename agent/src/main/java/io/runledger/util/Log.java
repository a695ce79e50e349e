package io.runledger.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's only voice: single lines on stderr (never stdout, which belongs to the application). */
public final class Log {

    private static final String PREFIX = "[runledger] ";
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void warn(String message) {
        System.err.println(PREFIX + message);
    }

    /** Prints {@code message} the first time {@code key} is seen in this JVM. */
    public static void warnOnce(String key, String message) {
        if (ONCE.add(key)) {
            warn(message);
        }
    }
}
