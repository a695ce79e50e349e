package io.runledger.agent;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.function.BiConsumer;

/**
 * Notes SIGTERM, SIGINT and SIGHUP before the JVM's own handler runs, which then shuts down as usual.
 * Installed only over a Java handler: a signal the JVM ignores or leaves to the OS stays as it is.
 */
final class Signals {

    private Signals() {
    }

    static void install(BiConsumer<String, Integer> observer) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler[] previous = new SignalHandler[1];
                previous[0] = Signal.handle(signal, sig -> {
                    try {
                        observer.accept(sig.getName(), sig.getNumber());
                    } catch (Throwable ignored) {
                        // the host's handler still runs
                    }
                    previous[0].handle(sig);
                });
                if (previous[0] == SignalHandler.SIG_DFL || previous[0] == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, previous[0]);   // not ours to change
                }
            } catch (Throwable unavailable) {
                // -Xrs, or a platform without this signal: the exit is still classified at shutdown
            }
        }
    }
}
