package io.runledger.bootstrap;

/**
 * Per-thread nesting counter for overloads that call each other (e.g. {@code fit(iterator, epochs)}
 * looping over {@code fit(iterator)}): only the outermost call is recorded.
 *
 * <p>Usage in advice: {@code CallDepth.enter(KEY) == 0} on entry means outermost; {@code CallDepth.exit(KEY) == 0}
 * on exit likewise; always paired. Keys are the constants below, one per instrumented family.
 */
public final class CallDepth {

    public static final int DL4J_FIT = 0;
    public static final int DL4J_SAVE = 1;
    public static final int DL4J_EVALUATE = 2;
    public static final int DL4J_NORMALIZER = 3;
    public static final int TRIBUO_TRAIN = 4;
    public static final int SMILE_FIT = 5;
    public static final int TRIBUO_EVALUATE = 6;
    public static final int TRIBUO_SAVE = 7;
    public static final int SMILE_VALIDATE = 8;
    public static final int JDBC_QUERY = 9;
    public static final int JDBC_PREPARE = 10;
    public static final int JDBC_NEXT = 11;

    private static final int KEYS = 16;

    private static final ThreadLocal<int[]> DEPTHS = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[KEYS];
        }
    };

    private CallDepth() {
    }

    /** Increments the depth for {@code key} and returns the depth before the increment. */
    public static int enter(int key) {
        return DEPTHS.get()[key]++;
    }

    /** The current depth for {@code key} (0 outside any such call). */
    public static int depth(int key) {
        return DEPTHS.get()[key];
    }

    /** Decrements the depth for {@code key} and returns the depth after the decrement. */
    public static int exit(int key) {
        int[] depths = DEPTHS.get();
        return depths[key] > 0 ? --depths[key] : 0;
    }
}
