package io.runledger.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads what a run left in a ledger directory, and checks snapshots against the published schema. */
final class Ledgers {

    static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    private Ledgers() {
    }

    static List<Path> snapshotFiles(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The one snapshot in {@code dir}, validated against the schema. */
    static JsonNode onlySnapshot(Path dir) throws IOException {
        List<Path> files = snapshotFiles(dir);
        assertEquals(1, files.size(), "snapshots in " + dir + ": " + files);
        JsonNode node = JSON.readTree(files.get(0).toFile());
        assertValid(node);
        return node;
    }

    static List<String> ledgerLines(Path dir) throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    }

    static synchronized void assertValid(JsonNode snapshot) throws IOException {
        if (schema == null) {
            try (InputStream in = Files.newInputStream(AgentProcess.ROOT.resolve("docs/snapshot.schema.json"))) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
        }
        Set<ValidationMessage> errors = schema.validate(snapshot);
        assertTrue(errors.isEmpty(), "snapshot does not match docs/snapshot.schema.json: " + errors);
    }

    /**
     * Checks {@code node} against one definition of docs/ledger.schema.json: {@code entry} (a ledger line),
     * {@code dsseEnvelope} or {@code modelStatement}.
     */
    static void assertValidLedgerPart(JsonNode node, String definition) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(AgentProcess.ROOT.resolve("docs/ledger.schema.json").toFile());
        root.put("$ref", "#/$defs/" + definition);
        JsonSchema part = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        Set<ValidationMessage> errors = part.validate(node);
        assertTrue(errors.isEmpty(), definition + " does not match docs/ledger.schema.json: " + errors + "\n" + node);
    }
}
