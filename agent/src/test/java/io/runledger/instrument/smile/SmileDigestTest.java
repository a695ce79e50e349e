package io.runledger.instrument.smile;

import io.runledger.util.Hex;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A data frame's fingerprint, handed to the digest in blocks, is the one it had value by value (stored records compare with it). */
class SmileDigestTest {

    private static String valueByValue(double[][] rows) {
        MessageDigest d = Hex.sha256();
        ByteBuffer buf = ByteBuffer.allocate(8);
        for (double[] row : rows) {
            for (double v : row) {
                buf.clear();
                d.update(buf.putDouble(v).array());
            }
        }
        return Hex.of(d.digest());
    }

    @Test
    void blocksGiveTheSameDigestAsOneValueAtATime() {
        Random random = new Random(7);
        for (int[] shape : new int[][] {{0, 0}, {1, 1}, {150, 5}, {8192, 1}, {20640, 9}, {3, 0}, {2, 9000}}) {
            double[][] rows = new double[shape[0]][shape[1]];
            for (double[] row : rows) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextGaussian() * 1e3;
                }
            }
            if (shape[0] > 1 && shape[1] > 0) {
                rows[1][0] = Double.NaN;
            }
            assertEquals(valueByValue(rows), SmileInspector.sha256(rows), shape[0] + "x" + shape[1]);
        }
    }

    /**
     * A matrix handed to a fit is fingerprinted when the snapshot is written, not in the fit: from a copy,
     * so values the program changes afterwards do not change the record, and the copy is hashed once.
     */
    @Test
    void aFingerprintLeftForLaterIsOfTheValuesAsTheFitSawThem() {
        double[][] x = {{1, 2, 3}, {4, 5, 6}};
        String asFitted = valueByValue(new double[][] {{1, 2, 3}, {4, 5, 6}});
        io.runledger.snapshot.DataInput in = new SmileInspector().dataInputs(null, new Object[] {x}, reader -> java.util.Collections.emptyList()).get(0);
        assertEquals(null, in.sha256, "not worked out in the fit");
        x[0][0] = 99;   // the program goes on with its array
        io.runledger.snapshot.DataInput done = in.withLateFingerprint();
        assertEquals(asFitted, done.sha256);
        assertEquals("matrix", done.kind);
        assertEquals("[2, 3]", done.shape.get(0));
        assertEquals(asFitted, in.usedTimes(2).withLateFingerprint().sha256, "a copy of the input carries the same fingerprint");

        double[][] ragged = {{1, 2}, null};
        io.runledger.snapshot.DataInput unreadable = new SmileInspector().dataInputs(null, new Object[] {ragged}, reader -> java.util.Collections.emptyList()).get(0);
        assertEquals(null, unreadable.withLateFingerprint().sha256, "a row missing: no fingerprint, and no exception for the snapshot");
    }
}
