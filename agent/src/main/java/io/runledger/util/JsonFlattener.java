package io.runledger.util;

import io.runledger.redact.RedactedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JSON tree as dotted keys ({@code layers.0.activation}) to scalar values, the shape hyperparameters
 * are stored and compared in. Arrays of scalars stay one value (their JSON text); other arrays get index
 * keys. Used by the frameworks' readers (DL4J's configuration JSON) and by {@code diff}/{@code report}.
 * The tree is JSON read into plain values ({@link JsonValues}): maps, lists, strings, numbers, booleans.
 */
public final class JsonFlattener {

    /** Every key, empty arrays kept as {@code []}, {@code @class} like any field. */
    public static final JsonFlattener PLAIN = new JsonFlattener(Collections.emptySet(), false, true);

    private final Set<String> skipped;
    private final boolean classNames;
    private final boolean emptyArrays;

    private JsonFlattener(Set<String> skipped, boolean classNames, boolean emptyArrays) {
        this.skipped = skipped;
        this.classNames = classNames;
        this.emptyArrays = emptyArrays;
    }

    /** Leaves out fields with these names at any depth (e.g. training state inside a configuration). */
    public JsonFlattener skipping(Collection<String> names) {
        Set<String> all = new HashSet<>(skipped);
        all.addAll(names);
        return new JsonFlattener(Collections.unmodifiableSet(all), classNames, emptyArrays);
    }

    /** {@code {"@class": "x.y.Adam", "lr": 0.01}} at {@code p} becomes {@code p: Adam, p.lr: 0.01} (Jackson's polymorphic type ids). */
    public JsonFlattener withClassNames() {
        return new JsonFlattener(skipped, true, emptyArrays);
    }

    /** Empty arrays say nothing: leave them out. */
    public JsonFlattener withoutEmptyArrays() {
        return new JsonFlattener(skipped, classNames, false);
    }

    /** Adds {@code node}'s leaves under {@code key} to {@code out}: numbers and booleans typed, the rest as text. */
    public void flatten(Object node, String key, Map<String, Object> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Map) {
            for (Map.Entry<?, ?> f : ((Map<?, ?>) node).entrySet()) {
                String name = String.valueOf(f.getKey());
                if (classNames && name.equals("@class")) {
                    String type = String.valueOf(f.getValue());
                    out.put(key, type.substring(type.lastIndexOf('.') + 1));
                } else if (!skipped.contains(name)) {
                    flatten(f.getValue(), key.isEmpty() ? name : key + "." + name, out);
                }
            }
        } else if (node instanceof List) {
            List<?> array = (List<?>) node;
            if (array.isEmpty() && !emptyArrays) {
                return;
            }
            if (allScalars(array)) {
                out.put(key, compact(array));
            } else {
                for (int i = 0; i < array.size(); i++) {
                    flatten(array.get(i), key + "." + i, out);
                }
            }
        } else if (node instanceof Number || node instanceof Boolean) {
            out.put(key, node);
        } else {
            out.put(key, String.valueOf(node));
        }
    }

    /** An array's compact JSON text, as a JSON tree's {@code toString()} wrote it. */
    public static String compact(Object value) {
        try {
            return new String(RedactedJson.unredacted(value, false), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code node} flattened with {@link #PLAIN}, values as text, keys sorted: the form {@code diff} compares. */
    public static Map<String, String> asText(Object node) {
        Map<String, Object> typed = new TreeMap<>();
        PLAIN.flatten(node, "", typed);
        Map<String, String> out = new TreeMap<>();
        typed.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static boolean allScalars(List<?> array) {
        for (Object n : array) {
            if (n instanceof Map || n instanceof List) {
                return false;
            }
        }
        return true;
    }
}
