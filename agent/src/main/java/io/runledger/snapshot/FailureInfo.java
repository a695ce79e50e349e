package io.runledger.snapshot;

import java.util.List;

/** An exception as recorded: type, message, stack frames and cause. */
public final class FailureInfo {

    public final String type;
    public final String message;
    public final List<String> stack;
    public final FailureInfo cause;

    public FailureInfo(String type, String message, List<String> stack, FailureInfo cause) {
        this.type = type;
        this.message = message;
        this.stack = stack;
        this.cause = cause;
    }

    private static final int MAX_FRAMES = 64;
    private static final int MAX_CAUSES = 8;

    /** Records {@code t} with at most 64 frames per exception and 8 causes; messages pass through redaction. */
    public static FailureInfo of(Throwable t, java.util.function.UnaryOperator<String> redact) {
        return of(t, redact, 0);
    }

    private static FailureInfo of(Throwable t, java.util.function.UnaryOperator<String> redact, int depth) {
        if (t == null || depth > MAX_CAUSES) {
            return null;
        }
        List<String> frames = new java.util.ArrayList<>();
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length && i < MAX_FRAMES; i++) {
            frames.add(trace[i].toString());
        }
        if (trace.length > MAX_FRAMES) {
            frames.add("... " + (trace.length - MAX_FRAMES) + " more");
        }
        Throwable cause = t.getCause() == t ? null : t.getCause();
        return new FailureInfo(t.getClass().getName(), t.getMessage() == null ? null : redact.apply(t.getMessage()),
                java.util.Collections.unmodifiableList(frames), of(cause, redact, depth + 1));
    }
}
