package io.runledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.util.FlatJson;
import io.runledger.util.Hex;
import io.runledger.util.Json;
import io.runledger.util.JsonValues;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ledger's own records are written with jackson-core alone now: statements already signed and lines
 * already chained were made with the object mapper, so the figures and text must not change.
 */
class ModelStatementTest {

    @Test
    void theHyperparametersHashIsTheOneTheMapperComputed() throws Exception {
        for (String name : new String[] {"dl4j-cpu", "dl4j-gpu", "tribuo-a", "tribuo-b"}) {
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream("/snapshots/" + name + ".json")) {
                bytes = in.readAllBytes();
            }
            JsonNode tree = Json.MAPPER.readTree(bytes);
            ArrayNode all = Json.MAPPER.createArrayNode();
            for (JsonNode t : tree.path("trainings")) {
                all.add(t.path("hyperparameters"));
            }
            String before = Hex.sha256(Json.MAPPER.writeValueAsBytes(all));
            assertEquals(before, ModelStatement.hyperparametersSha256(JsonValues.parse(bytes)), name);
            assertEquals(before, ModelStatement.hyperparametersSha256(tree), name);
            assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(tree)), Json.MAPPER.readTree(
                    io.runledger.redact.RedactedJson.unredacted(JsonValues.parse(bytes), false)), "read and written back: " + name);
        }
    }

    @Test
    void aLedgerLineIsTheMappersCompactTextAndReadsBack() throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", 12L);
        line.put("runId", "20261203-0700-ab");
        line.put("status", "SUCCEEDED");
        line.put("recovered", "a torn last line was set aside in \"ledger.jsonl.torn-1\"; ü");
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("seq", 12L);
        node.put("runId", "20261203-0700-ab");
        node.put("status", "SUCCEEDED");
        node.put("recovered", "a torn last line was set aside in \"ledger.jsonl.torn-1\"; ü");
        String text = FlatJson.write(line);
        assertEquals(Json.MAPPER.writeValueAsString(node), text);
        assertEquals(12, Ledger.seqOf(FlatJson.read(text)));
        assertEquals("SUCCEEDED", FlatJson.read(text).get("status"));
        assertThrows(java.io.IOException.class, () -> FlatJson.read(text.substring(0, text.length() - 5)), "a torn line");
    }
}
