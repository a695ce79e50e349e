package io.runledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A signed tree head in the C2SP {@code tlog-checkpoint} text format, as a C2SP {@code signed-note}:
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size&gt;
 * &lt;root hash, base64&gt;
 *
 * — &lt;key name&gt; &lt;base64(4-byte key id || signature)&gt;
 * </pre>
 * The signature covers the note text (the first three lines with their newlines). The key name is
 * {@code runledger-} and the first 16 hex digits of the key's fingerprint; the key id is the first four
 * bytes of SHA-256(name, {@code \n}, 0x02, public key DER). signed-note registers no type byte for ECDSA
 * P-256 keys, so 0x02 here means "ECDSA P-256 with SHA-256, DER signature" for RunLedger's own notes.
 */
public final class Checkpoint {

    private static final String DASH = "\u2014 ";

    public final String origin;
    public final long size;
    public final byte[] root;
    /** The signature lines (name and decoded blob), in order. */
    public final List<String[]> signatureLines;

    public Checkpoint(String origin, long size, byte[] root, List<String[]> signatureLines) {
        this.origin = origin;
        this.size = size;
        this.root = root.clone();
        this.signatureLines = Collections.unmodifiableList(new ArrayList<>(signatureLines));
    }

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** The note text, signed by {@code key} when there is one (an unsigned note has no signature lines). */
    public static String text(String origin, long size, byte[] root, LedgerKey key) throws GeneralSecurityException {
        Checkpoint c = new Checkpoint(origin, size, root, Collections.emptyList());
        String body = c.body();
        if (key == null) {
            return body;
        }
        String name = keyName(key);
        byte[] sig = key.sign(body.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        System.arraycopy(keyId(name, key), 0, blob, 0, 4);
        System.arraycopy(sig, 0, blob, 4, sig.length);
        return body + "\n" + DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    public static String keyName(LedgerKey key) {
        return "runledger-" + key.fingerprint().substring(0, 16);
    }

    static byte[] keyId(String name, LedgerKey key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((name + "\n").getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x02);
            md.update(key.publicKeyDer());
            return Arrays.copyOf(md.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a checkpoint note; throws IllegalArgumentException when it is not one. */
    public static Checkpoint parse(String text) {
        String[] parts = text.replace("\r\n", "\n").split("\n\n", 2);
        String[] lines = parts[0].split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a tree size and a root hash");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1].trim());
            root = Base64.getDecoder().decode(lines[2].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage());
        }
        if (size < 0 || root.length != 32) {
            throw new IllegalArgumentException("malformed checkpoint: size " + size + ", root of " + root.length + " bytes");
        }
        List<String[]> sigs = new ArrayList<>();
        if (parts.length > 1) {
            for (String line : parts[1].split("\n")) {
                if (line.startsWith(DASH)) {
                    String[] f = line.substring(DASH.length()).split(" ", 2);
                    if (f.length == 2) {
                        sigs.add(f);
                    }
                }
            }
        }
        return new Checkpoint(lines[0], size, root, sigs);
    }

    /** The first of {@code keys} whose valid signature this note carries, or null. */
    public LedgerKey signedBy(List<LedgerKey> keys) {
        byte[] body = body().getBytes(StandardCharsets.UTF_8);
        for (String[] line : signatureLines) {
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(line[1].trim());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (blob.length < 8) {
                continue;
            }
            for (LedgerKey k : keys) {
                if (line[0].equals(keyName(k)) && Arrays.equals(Arrays.copyOf(blob, 4), keyId(line[0], k))
                        && k.verify(body, Arrays.copyOfRange(blob, 4, blob.length))) {
                    return k;
                }
            }
        }
        return null;
    }
}
