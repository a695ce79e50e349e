package io.runledger.ledger;

import io.runledger.config.LedgerMode;
import io.runledger.safety.SafeFiles;
import io.runledger.util.Hex;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECDSA P-256 key that signs ledger entries and checkpoints (SHA256withECDSA, DER signatures: what
 * {@code openssl dgst -sha256 -verify} checks; in every JDK from 11). Keys are PEM files: the private key
 * PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, mode 0600), the public key X.509 SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}). A key is named by its fingerprint, the SHA-256 of its public key's
 * DER encoding in hex, so several writers may sign into one ledger and a verifier pins them by file.
 */
public final class LedgerKey {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private LedgerKey(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Writes a new key pair: {@code file} (private, 0600, never overwritten) and {@code file.pub}. */
    public static LedgerKey generate(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        if (Files.exists(file)) {
            throw new IOException(file + " exists; a key is never overwritten");
        }
        try (FileChannel ch = SafeFiles.writable(file, LedgerMode.PRIVATE)) {
            ch.write(java.nio.ByteBuffer.wrap(pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII)));
        }
        Files.write(publicFile(file), pem("PUBLIC KEY", pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.CREATE_NEW);
        return new LedgerKey(pair.getPublic(), pair.getPrivate());
    }

    public static Path publicFile(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    /**
     * The signing key named by the {@code ledger.signing-key} setting: a PKCS#8 PEM file with its public key
     * in {@code FILE.pub} (or in the same file), or, for CI secrets passed in an environment variable, the
     * PEM text itself holding both blocks.
     */
    public static LedgerKey fromSetting(String value) throws IOException, GeneralSecurityException {
        if (value.contains("-----BEGIN")) {
            return ofPem(value, value);
        }
        Path file = Paths.get(value);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            return ofPem(text, text);
        }
        Path pub = publicFile(file);
        if (!Files.exists(pub)) {
            throw new IOException("the public key " + pub + " beside the signing key is missing");
        }
        return ofPem(text, Files.readString(pub, StandardCharsets.US_ASCII));
    }

    private static LedgerKey ofPem(String privateText, String publicText) throws IOException, GeneralSecurityException {
        PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(privateText, "PRIVATE KEY")));
        LedgerKey key = new LedgerKey(parsePublic(publicText).get(0).publicKey, priv);
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        if (!key.verify(probe, key.sign(probe))) {
            throw new IOException("the public key is not the signing key's own");
        }
        return key;
    }

    /** Every public key in a PEM file (one or several). */
    public static List<LedgerKey> loadPublic(Path file) throws IOException, GeneralSecurityException {
        return parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static List<LedgerKey> parsePublic(String text) throws GeneralSecurityException {
        KeyFactory ec = KeyFactory.getInstance("EC");
        List<LedgerKey> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("PUBLIC KEY")) {
                keys.add(new LedgerKey(ec.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(2)))), null));
            }
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("no PUBLIC KEY block");
        }
        return keys;
    }

    private static byte[] der(String text, String type) throws GeneralSecurityException {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new GeneralSecurityException("no " + type + " block");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The key's name: the SHA-256 of its public key (DER), in hex. */
    public String fingerprint() {
        return Hex.sha256(publicKey.getEncoded());
    }

    /** The public key as X.509 SubjectPublicKeyInfo DER. */
    byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * An HMAC-SHA256 of {@code message} under a secret derived from the private key for {@code purpose}:
     * a check only the key's holders can make, far cheaper than a signature (for the writer's own caches).
     */
    byte[] mac(String purpose, byte[] message) throws GeneralSecurityException {
        if (privateKey == null) {
            throw new GeneralSecurityException("a public key has no secret");
        }
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        d.update(("runledger-" + purpose + "-v1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.update(privateKey.getEncoded());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(d.digest(), "HmacSHA256"));
        return mac.doFinal(message);
    }

    /**
     * Signs and MACs a throw-away message once, so that the JCA providers are loaded and the signing code
     * has run before the final flush needs them: their first use costs 20-30 ms on a fresh JVM, which the
     * program's exit would otherwise wait for. Called on the agent's collection thread.
     */
    public void warmUp() {
        try {
            sign(WARM_UP);
            mac("warm-up", WARM_UP);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the key is tried again when it signs; a failure is reported there
        }
    }

    private static final byte[] WARM_UP = "runledger warm-up".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public byte[] sign(byte[] message) throws GeneralSecurityException {
        if (privateKey == null) {
            throw new GeneralSecurityException("a public key cannot sign");
        }
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(privateKey);
        s.update(message);
        return s.sign();
    }

    public boolean verify(byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
