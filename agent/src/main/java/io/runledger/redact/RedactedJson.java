package io.runledger.redact;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.runledger.util.JsonStreams;
import io.runledger.util.LateText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes the agent's value classes (the snapshot, an executor's part) as JSON with jackson-core's
 * streaming generator, redacting on the way with the rules of {@link TreeRedaction}: a field's string by
 * its name and shape, an array element's by its shape, a number under a secret name masked, the root's
 * {@code config} section by shape only. A training JVM thus never builds Jackson's {@code ObjectMapper}
 * (about 420 classes and 180 ms on first use). The bytes are those the mapper wrote from the same objects:
 * a value class's non-static, non-transient fields in declaration order with nulls left out, maps in their
 * own order, null values left out too, enums by their {@code @JsonValue} method or name. An object of
 * another library in a map (none is put there on purpose) is written as its {@code toString()}.
 */
public final class RedactedJson {

    private static final JsonFactory FACTORY = JsonStreams.FACTORY;

    /** The fields written for each value class, made accessible once. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<List<Field>>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return Collections.unmodifiableList(out);
        }
    };

    /** An enum's {@code @JsonValue} accessor, or null when it is written by name. */
    private static final ClassValue<Method> ENUM_VALUE = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getParameterCount() == 0 && m.isAnnotationPresent(JsonValue.class)) {
                    m.setAccessible(true);
                    return m;
                }
            }
            return null;
        }
    };

    private final JsonGenerator out;
    /** Null for the agent's own records, which hold no secret (hashes, ids, paths already redacted). */
    private final Redactor redactor;

    private RedactedJson(JsonGenerator out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /** {@code value} as indented JSON (Jackson's default pretty printer), redacted. */
    public static byte[] pretty(Object value, Redactor redactor) throws IOException {
        return write(value, redactor, true);
    }

    /** {@code value} as compact JSON, redacted. */
    public static byte[] compact(Object value, Redactor redactor) throws IOException {
        return write(value, redactor, false);
    }

    /**
     * {@code value} (plain maps, lists, strings, numbers) as JSON without redaction, a map's null values
     * written: the agent's own records, and JSON read back with {@code JsonValues} written as it was.
     */
    public static byte[] unredacted(Object value, boolean pretty) throws IOException {
        return write(value, null, pretty);
    }

    /**
     * The value of member {@code name} of an object that is itself member {@code parent} of its parent
     * (null: the root), as compact JSON redacted exactly as it is inside the whole document: a part of
     * a snapshot can be read back without parsing the snapshot.
     */
    public static byte[] member(Object value, String name, String parent, Redactor redactor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            new RedactedJson(g, redactor).memberValue(name, value, parent, false);
        }
        return bytes.toByteArray();
    }

    private static byte[] write(Object value, Redactor redactor, boolean pretty) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            RedactedJson w = new RedactedJson(g, redactor);
            if (isText(value)) {
                g.writeString(w.shape(text(value)));
            } else {
                w.nested(value, null, false);
            }
        }
        return bytes.toByteArray();
    }

    /** A value that is not written as a string: object, array, number, boolean or null. */
    private void nested(Object v, String name, boolean shapeOnly) throws IOException {
        if (v == null) {
            out.writeNull();
        } else if (v instanceof Number) {
            number((Number) v);
        } else if (v instanceof Boolean) {
            out.writeBoolean((Boolean) v);
        } else if (v instanceof Map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (e.getValue() != null || redactor == null) {
                    member(String.valueOf(e.getKey()), e.getValue(), name, shapeOnly);
                }
            }
            out.writeEndObject();
        } else if (v instanceof Iterable) {
            out.writeStartArray();
            for (Object e : (Iterable<?>) v) {
                element(e, name, shapeOnly);
            }
            out.writeEndArray();
        } else if (v instanceof byte[]) {
            out.writeString(Base64.getEncoder().encodeToString((byte[]) v));   // as the mapper did: base64, not a secret's shape
        } else if (v.getClass().isArray()) {
            out.writeStartArray();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                element(Array.get(v, i), name, shapeOnly);
            }
            out.writeEndArray();
        } else {
            out.writeStartObject();
            for (Field f : FIELDS.get(v.getClass())) {
                Object fieldValue;
                try {
                    fieldValue = f.get(v);
                } catch (IllegalAccessException e) {
                    throw new IOException("cannot read " + f, e);
                }
                if (fieldValue != null) {
                    member(f.getName(), fieldValue, name, shapeOnly);
                }
            }
            out.writeEndObject();
        }
    }

    /** One member of an object whose own member name is {@code parent} (null for the root). */
    private void member(String key, Object v, String parent, boolean shapeOnly) throws IOException {
        out.writeFieldName(key);
        memberValue(key, v, parent, shapeOnly);
    }

    private void memberValue(String key, Object v, String parent, boolean shapeOnly) throws IOException {
        boolean childShapeOnly = shapeOnly || parent == null && "config".equals(key);
        if (isText(v)) {
            String t = text(v);
            out.writeString(redactor == null ? t : childShapeOnly ? redactor.redactValue(t) : redactor.redact(key, t));
        } else if (v instanceof Number && !childShapeOnly && redactor != null && redactor.isSecretName(key)) {
            out.writeString(Redactor.MASK);
        } else {
            nested(v, key, childShapeOnly);
        }
    }

    private void element(Object v, String arrayName, boolean shapeOnly) throws IOException {
        if (isText(v)) {
            out.writeString(shape(text(v)));
        } else {
            nested(v, arrayName, shapeOnly);
        }
    }

    private String shape(String text) {
        return redactor == null ? text : redactor.redactValue(text);
    }

    private void number(Number n) throws IOException {
        if (n instanceof Double) {
            out.writeNumber(n.doubleValue());
        } else if (n instanceof Float) {
            out.writeNumber(n.floatValue());
        } else if (n instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) n;   // the mapper's tree held it normalized
            out.writeNumber(d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
        } else if (n instanceof BigInteger) {
            out.writeNumber((BigInteger) n);
        } else if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            out.writeNumber(n.intValue());
        } else {
            out.writeNumber(n.longValue());
        }
    }

    /** Strings, enums, and any object that is not one of the agent's value classes (by its toString). */
    private static boolean isText(Object v) {
        return v instanceof CharSequence || v instanceof Enum || v instanceof Character || v instanceof LateText
                || v != null && !(v instanceof Number || v instanceof Boolean || v instanceof Map || v instanceof Iterable
                || v.getClass().isArray() || v.getClass().getName().startsWith(VALUE_CLASSES));
    }

    private static final String VALUE_CLASSES = "io.runledger.";

    private static String text(Object v) throws IOException {
        if (v instanceof LateText) {
            return ((LateText) v).text();   // null (written as null) when it could not be made
        }
        if (v instanceof Enum) {
            Method m = ENUM_VALUE.get(((Enum<?>) v).getDeclaringClass());
            if (m == null) {
                return ((Enum<?>) v).name();
            }
            try {
                return String.valueOf(m.invoke(v));
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read the value of " + v, e);
            }
        }
        return v.toString();
    }
}
