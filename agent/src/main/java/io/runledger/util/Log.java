package io.runledger.util;

import io.runledger.redact.Redactor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's only voice: single lines on stderr (never stdout, which belongs to the application). */
public final class Log {

    private static final String PREFIX = "[runledger] ";
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();
    /** Null until a line is printed or the run's configured redactor arrives: no regex compiled in a quiet premain. */
    private static volatile Redactor redactor;

    private Log() {
    }

    /** Prints one line, redacted: a URL, an exception message or a path may carry a credential. */
    public static void warn(String message) {
        Redactor r = redactor;
        if (r == null) {
            r = Redactor.defaults();
            redactor = r;
        }
        System.err.println(PREFIX + r.redactValue(message));
    }

    /** From now on lines are redacted with the run's configured names. */
    public static void redactWith(Redactor configured) {
        redactor = configured;
    }

    /** Prints {@code message} the first time {@code key} is seen in this JVM. */
    public static void warnOnce(String key, String message) {
        if (ONCE.add(key)) {
            warn(message);
        }
    }
}
