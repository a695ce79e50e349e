package io.runledger.redact;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.SourceKind;
import io.runledger.util.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming writer must write what the object mapper plus {@link TreeRedaction} wrote (the CLI still
 * reads with the mapper, and a snapshot's bytes are hashed into the ledger): checked byte for byte on the
 * stored snapshots and on values built to reach every branch.
 */
class RedactedJsonTest {

    private static final Redactor R = Redactor.defaults();

    /** The former way: the mapper's tree of the objects, redacted in place, then written. */
    private static String byTheMapper(Object value, boolean pretty) throws Exception {
        JsonNode tree = Json.MAPPER.valueToTree(value);
        TreeRedaction.apply(tree, R);
        return new String(pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree)
                : Json.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8);
    }

    @Test
    void storedSnapshotsAreWrittenByteForByteAsBefore() throws Exception {
        for (String name : new String[] {"dl4j-cpu", "dl4j-gpu", "tribuo-a", "tribuo-b"}) {
            Snapshot s;
            try (InputStream in = getClass().getResourceAsStream("/snapshots/" + name + ".json")) {
                s = Json.reader().readValue(in, Snapshot.class);
            }
            assertEquals(byTheMapper(s, true), new String(RedactedJson.pretty(s, R), StandardCharsets.UTF_8), name);
            assertEquals(byTheMapper(s, false), new String(RedactedJson.compact(s, R), StandardCharsets.UTF_8), name);
        }
    }

    @Test
    void everyKindOfValueAndEveryRedactionRuleAsBefore() throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("pushgateway.auth.env", "PUSH_SECRET");   // names a variable: by shape only, kept
        config.put("note", "Bearer hunter2hunter2hunter2");   // a token by its shape: masked even here
        root.put("config", config);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("learningRate", 0.1);
        hp.put("ratio", 0.1f);
        hp.put("epochs", 10);
        hp.put("rows", 1234567890123L);
        hp.put("api_key", 12345);
        hp.put("db.password", "s3cr3t-pass");
        hp.put("url", "postgresql://trainer:pw123456@db:5432/x");
        hp.put("token", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH");
        hp.put("nan", Double.NaN);
        hp.put("inf", Double.NEGATIVE_INFINITY);
        hp.put("missing", null);
        hp.put("flag", true);
        hp.put("big", new java.math.BigDecimal("1.50"));
        hp.put("kind", SourceKind.DIRECTORY);
        hp.put("letter", 'x');
        hp.put("doubles", new double[] {1.0, 2.5});
        hp.put("ints", new int[] {1, 2});
        hp.put("words", new String[] {"plain", "sk_live_abcdefghijklmnopqrstuvwx"});
        List<Object> mixed = new ArrayList<>(Arrays.asList("Bearer abc.def.ghi-jkl", 3, null, Map.of("secret", "x1y2z3w4")));
        hp.put("mixed", mixed);
        hp.put("nested", Map.of("deeper", Map.of("password", 7)));
        root.put("hyperparameters", hp);
        root.put("series", new MetricSeries("loss", 2, List.of(new MetricPoint(1, null, 0.5, "2026-01-01T00:00:00Z"))));
        root.put("input", new DataInput("train", "file:/data/x.csv?sig=abcdefabcdefabcdef", null, null, null, null, null, 3, null));
        root.put("status", SourceKind.QUERY);

        String pretty = new String(RedactedJson.pretty(root, R), StandardCharsets.UTF_8);
        assertEquals(byTheMapper(root, true), pretty);
        assertEquals(byTheMapper(root, false), new String(RedactedJson.compact(root, R), StandardCharsets.UTF_8));
        assertFalse(pretty.contains("hunter2"), pretty);
        assertFalse(pretty.contains("pw123456"), pretty);
        assertFalse(pretty.contains("sk_live_abcdef"), pretty);
        assertTrue(pretty.contains("PUSH_SECRET"), pretty);
    }
}
