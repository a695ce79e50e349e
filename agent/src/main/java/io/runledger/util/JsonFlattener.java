package io.runledger.util;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JSON tree as dotted keys ({@code layers.0.activation}) to scalar values, the shape hyperparameters
 * are stored and compared in. Arrays of scalars stay one value (their JSON text); other arrays get index
 * keys. Used by the frameworks' readers (DL4J's configuration JSON) and by {@code diff}/{@code report}.
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
    public void flatten(JsonNode node, String key, Map<String, Object> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (classNames && f.getKey().equals("@class")) {
                    String name = f.getValue().asText();
                    out.put(key, name.substring(name.lastIndexOf('.') + 1));
                } else if (!skipped.contains(f.getKey())) {
                    flatten(f.getValue(), key.isEmpty() ? f.getKey() : key + "." + f.getKey(), out);
                }
            }
        } else if (node.isArray()) {
            if (node.size() == 0 && !emptyArrays) {
                return;
            }
            if (allScalars(node)) {
                out.put(key, node.toString());
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(node.get(i), key + "." + i, out);
                }
            }
        } else if (node.isNumber()) {
            out.put(key, node.numberValue());
        } else if (node.isBoolean()) {
            out.put(key, node.booleanValue());
        } else {
            out.put(key, node.asText());
        }
    }

    /** {@code node} flattened with {@link #PLAIN}, values as text, keys sorted: the form {@code diff} compares. */
    public static Map<String, String> asText(JsonNode node) {
        Map<String, Object> typed = new TreeMap<>();
        PLAIN.flatten(node, "", typed);
        Map<String, String> out = new TreeMap<>();
        typed.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
