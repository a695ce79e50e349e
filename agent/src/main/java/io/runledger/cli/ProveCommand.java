package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.ledger.Checkpoint;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.MerkleTree;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

@Command(name = "prove", description = {"Prints, as JSON, the RFC 9162 inclusion proof of one run's ledger entry against the",
    "ledger's latest signed checkpoint: checkable offline with the entry, the proof hashes, the root and the checkpoint's signature."})
final class ProveCommand extends CliCommand {

    @Parameters(paramLabel = "RUN", description = "a run id, a unique id prefix, latest or latest~N")
    String run;

    @Override
    public Integer call() throws Exception {
        RunStore store = store();
        String id = store.resolve(run).id;
        Ledger ledger = store.ledger();
        if (!Files.exists(ledger.checkpointFile())) {
            throw new CliException("the ledger has no checkpoint yet (a ledger written before checkpoints existed)");
        }
        String note = Files.readString(ledger.checkpointFile(), StandardCharsets.UTF_8);
        Checkpoint cp = Checkpoint.parse(note);
        List<String> lines = ledger.readLines();
        if (cp.size > lines.size()) {
            throw new CliException("the checkpoint covers " + cp.size + " entries but the ledger holds " + lines.size() + ": run verify");
        }
        List<byte[]> leaves = new ArrayList<>();
        int index = -1;
        for (int i = 0; i < cp.size; i++) {
            String line = lines.get(i);
            leaves.add(MerkleTree.leafHash(line.getBytes(StandardCharsets.UTF_8)));
            JsonNode entry = Json.MAPPER.readTree(line);
            if (id.equals(entry.path("runId").asText())) {
                index = i;
            }
        }
        if (index < 0) {
            err.println("run " + id + " is not in the ledger's checkpoint (not finished, or finished after it was written)");
            return 1;
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("runId", id);
        doc.put("origin", cp.origin);
        doc.put("treeSize", cp.size);
        doc.put("leafIndex", index);
        doc.put("entry", lines.get(index));
        doc.put("leafHash", Base64.getEncoder().encodeToString(leaves.get(index)));
        doc.put("rootHash", Base64.getEncoder().encodeToString(cp.root));
        ArrayNode proof = doc.putArray("inclusionProof");
        for (byte[] h : MerkleTree.inclusionProof(leaves, index)) {
            proof.add(Base64.getEncoder().encodeToString(h));
        }
        doc.put("checkpoint", note);
        doc.put("algorithm", "RFC 9162 2.1.3.2: leafHash = SHA-256(0x00 || entry UTF-8); fold inclusionProof up to rootHash;"
                + " the checkpoint (C2SP signed note) signs origin, treeSize and rootHash");
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        return 0;
    }
}
