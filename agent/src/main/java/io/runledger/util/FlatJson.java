package io.runledger.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-level JSON objects of strings and numbers (a ledger line) with jackson-core alone: what the training
 * JVM writes and reads at a run's end needs no {@code ObjectMapper}. The text is the mapper's compact form.
 */
public final class FlatJson {

    private static final JsonFactory FACTORY = JsonStreams.FACTORY;

    private FlatJson() {
    }

    /** {@code {"k":v,...}} in the map's order; numbers as numbers, anything else as its string, nulls left out. */
    public static String write(Map<String, ?> fields) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> f : fields.entrySet()) {
                Object v = f.getValue();
                if (v instanceof Long || v instanceof Integer) {
                    g.writeNumberField(f.getKey(), ((Number) v).longValue());
                } else if (v != null) {
                    g.writeStringField(f.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        }
        return new String(text.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * The top-level scalar members of a JSON object, as text (numbers in their written form); nested
     * objects and arrays are skipped. Throws on text that is not one whole JSON object (a torn line).
     */
    public static Map<String, String> read(String json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("the JSON object is not closed");
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (value != null && value != JsonToken.VALUE_NULL) {
                    out.put(name, p.getText());
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON object");
            }
        }
        return out;
    }
}
