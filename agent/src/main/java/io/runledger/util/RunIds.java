package io.runledger.util;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-sortable run ids: UUID version 7 (48-bit Unix milliseconds, then random bits). The random bits
 * come from ThreadLocalRandom mixed with System.nanoTime(): unique enough for ids, and unlike SecureRandom it costs
 * nothing at JVM start-up.
 */
public final class RunIds {

    private RunIds() {
    }

    public static String newId(long epochMillis) {
        byte[] random = new byte[10];
        ThreadLocalRandom.current().nextBytes(random);
        long nanos = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            random[6 + i] ^= (byte) (nanos >>> (8 * i));
        }
        long high = (epochMillis & 0xFFFFFFFFFFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000000000000000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        String hex = hex16(high) + hex16(low);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        StringBuilder b = new StringBuilder(16);
        for (int i = h.length(); i < 16; i++) {
            b.append('0');
        }
        return b.append(h).toString();
    }
}
