package io.runledger.agent;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed of a {@code java.util.Random} a program hands to a framework ({@code new FileSplit(dir, exts,
 * new Random(123))}): the generator keeps only its scrambled 48-bit state, from which the seed it was
 * created with is recovered exactly when it has not been drawn from yet (modulo 2^48, which is all of a
 * seed that {@code Random} uses). Read once per generator, at the first framework call that gets it: a
 * framework that draws from it changes the state, and a second call handed the same generator adds no
 * new seed. A subclass (a {@code SecureRandom}, a program's own) has no such seed and is left alone.
 */
final class RandomSeeds {

    /** {@code Random}'s multiplier, which its constructor XORs into the seed. */
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final Field STATE = stateField();

    /** Generators already read; identity semantics, since only {@code Random} itself is accepted. */
    private final Map<Object, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());

    /** The seed that recreates {@code random}'s next draws, or null when it is not a plain {@code Random} or was seen before. */
    Long firstSeen(Object random) {
        if (STATE == null || random == null || random.getClass() != Random.class || seen.put(random, Boolean.TRUE) != null) {
            return null;
        }
        try {
            return ((AtomicLong) STATE.get(random)).get() ^ MULTIPLIER;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** {@code org.datavec.api.split.FileSplit.<init>} → {@code FileSplit(Random)}; {@code ….DataSet.splitTestAndTrain} → {@code DataSet.splitTestAndTrain(Random)}. */
    static String seedName(String origin) {
        String name = origin.endsWith(".<init>") ? origin.substring(0, origin.length() - 7) : origin;
        int method = origin.endsWith(".<init>") ? name.length() : name.lastIndexOf('.');
        int type = name.lastIndexOf('.', method - 1);
        return name.substring(type + 1) + "(Random)";
    }

    private static Field stateField() {
        try {
            Field field = Random.class.getDeclaredField("seed");
            field.setAccessible(true);   // java.util is opened to the agent alone (BootstrapInjector)
            return field;
        } catch (ReflectiveOperationException | RuntimeException notOpen) {
            return null;
        }
    }
}
