package io.runledger.instrument.smile;

import java.util.function.Supplier;

/**
 * The SHA-256 of a private copy of a frame's or matrix's values ({@link SmileInspector#sha256}), worked
 * out once, when first asked, by whichever thread writes the snapshot; the copy is let go then. On a cold
 * JVM the digest runs interpreted (50-130 ms for CalHousing's 186,000 values), which the training's thread
 * should not pay.
 */
final class LateSha256 implements Supplier<String> {

    /** The copy, until it is hashed. */
    private double[][] values;
    private String sha256;

    LateSha256(double[][] values) {
        this.values = values;
    }

    /** The hash, or null when the values could not be read (a missing row): the input is then written without one. */
    @Override
    public synchronized String get() {
        if (values != null) {
            try {
                sha256 = SmileInspector.sha256(values);
            } catch (RuntimeException unreadable) {
                sha256 = null;   // a snapshot is never lost over one input's fingerprint
            }
            values = null;
        }
        return sha256;
    }
}
