package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.ledger.LedgerVerifier;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", description = {"Re-hashes every snapshot the ledger records and walks the hash chain;",
    "names every edited, missing, reordered or unreadable entry. Exit 0 when intact, 1 otherwise."})
final class VerifyCommand extends CliCommand {

    @Option(names = "--json", description = "the verdict and every problem as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunStore store = store();
        LedgerVerifier.Result r = LedgerVerifier.verify(store.ledger());
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("dir", store.ledger().dir().toString());
            doc.put("ok", r.ok());
            doc.put("ledgerLines", r.lines);
            doc.put("snapshotsChecked", r.snapshotsChecked);
            ArrayNode problems = doc.putArray("problems");
            r.problems.forEach(problems::add);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return r.ok() ? 0 : 1;
        }
        for (String p : r.problems) {
            out.println("PROBLEM " + p);
        }
        if (r.ok()) {
            out.println("OK: " + r.lines + " ledger line(s), " + r.snapshotsChecked + " snapshot(s) verified in " + store.ledger().dir());
            return 0;
        }
        out.println("FAILED: " + r.problems.size() + " problem(s) in " + store.ledger().dir());
        return 1;
    }
}
