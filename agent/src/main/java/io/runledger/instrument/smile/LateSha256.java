package io.runledger.instrument.smile;

import java.util.function.Supplier;

/**
 * The SHA-256 of a private copy of a frame's or matrix's values ({@link SmileInspector#sha256}), worked
 * out once, when first asked, by whichever thread writes the snapshot; the copy is let go then. On a cold
 * JVM the digest runs interpreted (50-130 ms for CalHousing's 186,000 values), which the training's thread
 * should not pay.
 */
final class LateSha256 implements Supplier<String> {

    private double[][] values;
    private String sha256;

    LateSha256(double[][] values) {
        this.values = values;
    }

    @Override
    public synchronized String get() {
        if (sha256 == null) {
            sha256 = SmileInspector.sha256(values);
            values = null;
        }
        return sha256;
    }
}
