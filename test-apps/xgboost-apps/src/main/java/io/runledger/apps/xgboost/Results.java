package io.runledger.apps.xgboost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** What the programs print for the tests to compare: one "RESULT name value" line each, nothing timed. */
final class Results {

    private Results() {
    }

    static void print(String name, Object value) {
        System.out.println("RESULT " + name + " " + value);
    }

    static String sha256(Path file) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** SHA-256 over the arrays as little-endian float32, in order (how the program fingerprints its own data). */
    static String sha256(float[]... arrays) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (float[] a : arrays) {
            ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(a);
            d.update(b.array());
        }
        return hex(d.digest());
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
