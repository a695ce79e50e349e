package io.runledger.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last pass before a snapshot leaves the process: every string of the tree, wherever a collector or a
 * framework module put it (hyperparameters, SQL text, exception messages, paths, details), is redacted
 * again, a field's value by its name and its shape, an array element by its shape. A secret named field
 * holding a number loses it too. The {@code config} section holds the agent's own settings: by shape only
 * (a setting such as {@code pushgateway.auth.env} names a variable, it does not hold a secret).
 */
public final class TreeRedaction {

    private TreeRedaction() {
    }

    /** Redacts {@code root} in place. */
    public static void apply(JsonNode root, Redactor redactor) {
        walk(root, null, redactor, false);
    }

    private static void walk(JsonNode node, String name, Redactor r, boolean shapeOnly) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> f : fields) {
                JsonNode child = f.getValue();
                boolean childShapeOnly = shapeOnly || name == null && "config".equals(f.getKey());
                if (child.isTextual()) {
                    String text = child.asText();
                    String clean = childShapeOnly ? r.redactValue(text) : r.redact(f.getKey(), text);
                    if (!clean.equals(text)) {
                        object.set(f.getKey(), TextNode.valueOf(clean));
                    }
                } else if (child.isNumber() && !childShapeOnly && r.isSecretName(f.getKey())) {
                    object.set(f.getKey(), TextNode.valueOf(Redactor.MASK));
                } else {
                    walk(child, f.getKey(), r, childShapeOnly);
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    String text = child.asText();
                    String clean = r.redactValue(text);
                    if (!clean.equals(text)) {
                        array.set(i, TextNode.valueOf(clean));
                    }
                } else {
                    walk(child, name, r, shapeOnly);
                }
            }
        }
    }
}
