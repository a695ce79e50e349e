package io.runledger.util;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;

/**
 * The value last worked out for one object, which it holds weakly and knows by identity (a framework's
 * {@code equals} is its own code, and may be costly or change): readers that are asked the same question
 * twice in a row about the same object work the answer out once. Thread-safe; two threads asking at once
 * may both work it out.
 *
 * @param <V> what is worked out
 */
public final class IdentityMemo<V> {

    /** One object, held weakly, and a value about it. */
    public static final class Entry<V> {
        private final WeakReference<Object> about;
        private final V value;

        public Entry(Object about, V value) {
            this.about = new WeakReference<>(about);
            this.value = value;
        }

        /** Whether this entry is about {@code candidate} (the same object). */
        public boolean isAbout(Object candidate) {
            return about.get() == candidate;
        }

        /** Whether the object it was about is gone. */
        public boolean isStale() {
            return about.get() == null;
        }

        public V value() {
            return value;
        }
    }

    private volatile Entry<V> last;

    /** The value for {@code about}: the one kept when it was the last object asked about, else {@code compute}'s, kept. */
    public V get(Object about, Supplier<V> compute) {
        Entry<V> known = last;
        if (known != null && known.isAbout(about)) {
            return known.value;
        }
        V value = compute.get();
        last = new Entry<>(about, value);
        return value;
    }

    /** Forgets the kept value: the next question works it out anew. */
    public void clear() {
        last = null;
    }
}
