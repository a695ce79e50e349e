package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.ledger.Ledger;
import io.runledger.ledger.LedgerKey;
import io.runledger.ledger.LedgerVerifier;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

@Command(name = "verify", description = {"Re-hashes every snapshot the ledger records, walks the hash chain and the Merkle tree,",
    "checks signatures and checkpoints; names every edited, missing, reordered, duplicated, unsigned or",
    "foreign entry, a rollback and a rewritten history. Exit 0 when intact, 1 otherwise. Writes nothing."})
final class VerifyCommand extends CliCommand {

    @Option(names = "--json", description = "the verdict and every problem as JSON")
    boolean json;

    @Option(names = "--key", paramLabel = "PUB.pem", description = "a trusted public key (repeatable; a file may hold several):"
            + " every entry must be signed by one of them")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "a checkpoint exported earlier (`checkpoint`):"
            + " the ledger must extend it")
    Path checkpoint;

    @Override
    public Integer call() throws Exception {
        List<LedgerKey> pinned = publicKeys(keys);
        String exported = null;
        if (checkpoint != null) {
            try {
                exported = Files.readString(checkpoint, StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new CliException("cannot read the checkpoint " + checkpoint + " (" + e.getMessage() + ")");
            }
        }
        Path ledgerDir = ledgerDir();
        if (!Files.isDirectory(ledgerDir) && exported == null) {
            throw new CliException("no ledger directory at " + ledgerDir.toAbsolutePath() + " (use --dir, or set runledger.dir / RUNLEDGER_DIR)");
        }
        Ledger ledger = new Ledger(ledgerDir);   // a missing directory against a checkpoint is a deleted ledger, named below
        LedgerVerifier.Result r = LedgerVerifier.verify(ledger, pinned, exported);
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("dir", ledger.dir().toString());
            doc.put("ok", r.ok());
            doc.put("ledgerLines", r.lines);
            doc.put("snapshotsChecked", r.snapshotsChecked);
            doc.put("rootHash", Base64.getEncoder().encodeToString(r.root));
            ArrayNode problems = doc.putArray("problems");
            r.problems.forEach(problems::add);
            ArrayNode notes = doc.putArray("notes");
            r.notes.forEach(notes::add);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return r.ok() ? 0 : 1;
        }
        for (String p : r.problems) {
            out.println("PROBLEM " + p);
        }
        if (r.ok()) {
            out.println("OK: " + r.lines + " ledger line(s), " + r.snapshotsChecked + " snapshot(s) verified in " + ledger.dir());
        } else {
            out.println("FAILED: " + r.problems.size() + " problem(s) in " + ledger.dir());
        }
        for (String n : r.notes) {
            out.println("note: " + n);
        }
        return r.ok() ? 0 : 1;
    }
}
