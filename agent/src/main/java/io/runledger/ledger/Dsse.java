package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.redact.RedactedJson;
import io.runledger.util.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DSSE envelope (Dead Simple Signing Envelope, as in-toto and Sigstore use it): a payload, its type, and
 * signatures over the pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}
 * (lengths in ASCII decimal), never over the JSON itself. Signatures are ECDSA P-256 / SHA-256 in DER, so
 * {@code openssl dgst -sha256 -verify} checks them against the PAE bytes.
 */
public final class Dsse {

    public static final String IN_TOTO = "application/vnd.in-toto+json";

    public final String payloadType;
    private final byte[] payload;
    /** Each signature's key id (the key's fingerprint) and DER signature. */
    public final List<Map.Entry<String, byte[]>> signatures;

    private Dsse(String payloadType, byte[] payload, List<Map.Entry<String, byte[]>> signatures) {
        this.payloadType = payloadType;
        this.payload = payload.clone();
        this.signatures = Collections.unmodifiableList(signatures);
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** The bytes a DSSE signature covers. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        byte[] head = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
        out.write(head, 0, head.length);
        out.write(type, 0, type.length);
        byte[] mid = (" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
        out.write(mid, 0, mid.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** The envelope's JSON; unsigned (an empty signature list) when {@code key} is null. */
    public static byte[] seal(String payloadType, byte[] payload, LedgerKey key) throws GeneralSecurityException, IOException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("payloadType", payloadType);
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        List<Object> sigs = new ArrayList<>();
        if (key != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("keyid", key.fingerprint());
            s.put("sig", Base64.getEncoder().encodeToString(key.sign(pae(payloadType, payload))));
            sigs.add(s);
        }
        env.put("signatures", sigs);
        return RedactedJson.unredacted(env, true);
    }

    /** Parses an envelope; throws IllegalArgumentException when the bytes are not one. */
    public static Dsse parse(byte[] json) {
        JsonNode env;
        try {
            env = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (env == null || !env.path("payloadType").isTextual() || !env.path("payload").isTextual()) {
            throw new IllegalArgumentException("not a DSSE envelope (payloadType and payload are required)");
        }
        List<Map.Entry<String, byte[]>> sigs = new ArrayList<>();
        for (JsonNode s : env.path("signatures")) {
            sigs.add(Map.entry(s.path("keyid").asText(""), Base64.getDecoder().decode(s.path("sig").asText(""))));
        }
        return new Dsse(env.path("payloadType").asText(), Base64.getDecoder().decode(env.path("payload").asText()), sigs);
    }

    /** The fingerprint of the first of {@code keys} (by fingerprint) whose signature holds, or null. */
    public String signedBy(Map<String, LedgerKey> keys) {
        byte[] pae = pae(payloadType, payload);
        for (Map.Entry<String, byte[]> s : signatures) {
            LedgerKey k = keys.get(s.getKey());
            if (k != null && k.verify(pae, s.getValue())) {
                return s.getKey();
            }
        }
        return null;
    }
}
