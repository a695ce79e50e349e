package io.runledger.bootstrap;

/**
 * Per-thread nesting counter for overloads that call each other (e.g. {@code fit(iterator, epochs)}
 * looping over {@code fit(iterator)}): only the outermost call is recorded.
 *
 * <p>Usage in advice: {@code if (CallDepth.enter(KEY) == 0) { record }} on entry and
 * {@code CallDepth.exit(KEY)} on exit, always paired.
 */
public final class CallDepth {

    /** One slot per instrumented family; keys are small constants owned by each instrumentation. */
    public static final int MAX_KEYS = 32;

    private static final ThreadLocal<int[]> DEPTHS = ThreadLocal.withInitial(() -> new int[MAX_KEYS]);

    private CallDepth() {
    }

    /** Increments the depth for {@code key} and returns the depth before the increment. */
    public static int enter(int key) {
        return DEPTHS.get()[key]++;
    }

    /** Decrements the depth for {@code key} and returns the depth after the decrement. */
    public static int exit(int key) {
        int[] depths = DEPTHS.get();
        return --depths[key];
    }
}
