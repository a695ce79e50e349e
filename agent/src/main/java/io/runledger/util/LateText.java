package io.runledger.util;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A text of the record that is costly to make and whose source does not change, such as a framework's
 * printed report of an immutable evaluation: made once, on the agent's collection thread when {@link #workOut}
 * queued it there, else by whichever writer needs it first. The source is let go once the text is made.
 * Written as the text it holds ({@code RedactedJson}); null when making it failed.
 */
public final class LateText implements Runnable {

    private Object source;
    private String text;

    /** The text of {@code source.toString()}, made later. */
    public LateText(Object source) {
        this.source = source;
    }

    /** The text, made now if it was not yet. */
    public synchronized String text() {
        Object s = source;
        if (s != null) {
            source = null;
            try {
                text = s.toString();
            } catch (Throwable t) {   // the framework's own printing failed: the record goes without it
                text = null;
            }
        }
        return text;
    }

    @Override
    public void run() {
        text();
    }

    @Override
    public String toString() {
        return String.valueOf(text());
    }

    /** Queues the making of every late text among {@code values} on {@code pool}. */
    public static void workOut(Map<String, Object> values, Executor pool) {
        for (Object v : values.values()) {
            if (v instanceof LateText) {
                pool.execute((LateText) v);
            }
        }
    }
}
