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

    /** The run's writer builds the statement from parts of its snapshot, a verifier from the snapshot's bytes. */
    @Test
    void theWritersPartsGiveTheStatementTheSnapshotsBytesGive() throws Exception {
        io.runledger.redact.Redactor redactor = io.runledger.redact.Redactor.defaults();
        LedgerLine entry = new LedgerLine(7, "run-7", "SUCCEEDED", "ab12", "cd34", "{\"seq\":7}");
        int withModels = 0;
        for (String name : new String[] {"dl4j-cpu", "dl4j-gpu", "tribuo-a", "tribuo-b"}) {
            io.runledger.snapshot.Snapshot s;
            try (InputStream in = getClass().getResourceAsStream("/snapshots/" + name + ".json")) {
                s = Json.reader().readValue(in, io.runledger.snapshot.Snapshot.class);
            }
            if (!s.trainings.isEmpty()) {   // what redaction does by name and shape, and the root-only "config" rule
                Map<String, Object> hp = s.trainings.get(0).hyperparameters;
                hp.put("config", Map.of("password", "hunter2hunter2", "layers", 3));
                hp.put("db.password", "s3cr3t-pass");
                hp.put("api_key", 12345);
                hp.put("url", "postgresql://trainer:pw123456@db:5432/x");
                hp.put("ratio", 0.1f);
                hp.put("big", new java.math.BigDecimal("1.50"));
                hp.put("missing", null);
            }
            Object read = JsonValues.parse(io.runledger.redact.RedactedJson.pretty(s, redactor));
            Object parts = ModelStatement.partsOf(s, redactor);
            assertEquals(ModelStatement.hasModels(read), ModelStatement.hasModels(parts), name);
            withModels += ModelStatement.hasModels(parts) ? 1 : 0;
            assertEquals(new String(ModelStatement.of(read, "ab12", entry, "runledger/x", "checkpoint\n"), java.nio.charset.StandardCharsets.UTF_8),
                    new String(ModelStatement.of(parts, "ab12", entry, "runledger/x", "checkpoint\n"), java.nio.charset.StandardCharsets.UTF_8), name);
        }
        assertEquals(true, withModels > 0, "some stored snapshot has model files");
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
