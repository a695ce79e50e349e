package io.runledger.bootstrap;

/**
 * Per-thread nesting counter for overloads that call each other (e.g. {@code fit(iterator, epochs)}
 * looping over {@code fit(iterator)}): only the outermost call is recorded.
 *
 * <p>Usage in advice: {@code CallDepth.enter(slot) == 0} on entry means outermost; {@code CallDepth.exit(slot) == 0}
 * on exit likewise; always paired. Slots are small integers the agent hands out by name when it weaves
 * the advice (a constant in the woven code), so adding a framework never changes this class.
 */
public final class CallDepth {

    private static final int INITIAL_SLOTS = 16;

    private static final ThreadLocal<int[]> DEPTHS = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[INITIAL_SLOTS];
        }
    };

    private CallDepth() {
    }

    /** Increments the depth of {@code slot} and returns the depth before the increment. */
    public static int enter(int slot) {
        return depths(slot)[slot]++;
    }

    /** The current depth of {@code slot} (0 outside any such call). */
    public static int depth(int slot) {
        return depths(slot)[slot];
    }

    /** Decrements the depth of {@code slot} and returns the depth after the decrement. */
    public static int exit(int slot) {
        int[] depths = depths(slot);
        return depths[slot] > 0 ? --depths[slot] : 0;
    }

    /** This thread's counters, grown when a slot beyond them is first used on it. */
    private static int[] depths(int slot) {
        int[] depths = DEPTHS.get();
        if (slot >= depths.length) {
            int[] grown = new int[Math.max(slot + 1, depths.length * 2)];
            System.arraycopy(depths, 0, grown, 0, depths.length);
            DEPTHS.set(grown);
            depths = grown;
        }
        return depths;
    }
}
