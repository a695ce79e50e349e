package io.runledger.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into plain values with jackson-core alone: objects as ordered maps, arrays as lists, numbers
 * as Integer, Long, BigInteger or Double (as the object mapper's tree holds them, so written back they
 * read the same), strings, booleans and null. For what the training JVM reads back at a run's end.
 */
public final class JsonValues {

    private static final JsonFactory FACTORY = JsonStreams.FACTORY;

    private JsonValues() {
    }

    /** The one JSON value in {@code json}; throws on malformed or trailing text. */
    public static Object parse(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return whole(p);
        }
    }

    /** The same, from text (read as its UTF-8 bytes: see {@link JsonStreams}). */
    public static Object parse(String json) throws IOException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Object whole(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new IOException("no JSON value");
        }
        Object value = value(p, first);
        if (p.nextToken() != null) {
            throw new IOException("text after the JSON value");
        }
        return value;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    object.put(name, value(p, next(p)));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken n = next(p); n != JsonToken.END_ARRAY; n = next(p)) {
                    array.add(value(p, n));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();   // Integer, Long or BigInteger by size
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new IOException("the JSON text ends too early");
        }
        return t;
    }

    /** The member {@code name} of {@code object} when it is a JSON object, else null. */
    public static Object member(Object object, String name) {
        return object instanceof Map ? ((Map<?, ?>) object).get(name) : null;
    }

    /** A scalar as text: a string as it is, a number or boolean as written, "" for null or absent. */
    public static String text(Object value) {
        return value == null ? "" : value instanceof String ? (String) value : String.valueOf(value);
    }

    /** {@code value} as a list when it is a JSON array, else an empty list. */
    public static List<?> elements(Object value) {
        return value instanceof List ? (List<?>) value : Collections.emptyList();
    }
}
