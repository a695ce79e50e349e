package io.runledger.cli;

import io.runledger.ledger.Ledger;
import io.runledger.ledger.LostRuns;
import picocli.CommandLine.Command;

@Command(name = "recover", description = {"The one command that writes: marks runs whose JVM died KILLED (lost), chains finished",
    "snapshots a killed writer left unchained, removes stale temporary files. The agent does the same when a run begins."})
final class RecoverCommand extends CliCommand {

    @Override
    public Integer call() throws Exception {
        Ledger ledger = store().ledger();
        int repaired = LostRuns.markAll(ledger);
        out.println(repaired == 0 ? "nothing to recover in " + ledger.dir() : "recovered " + repaired + " run(s) in " + ledger.dir());
        return 0;
    }
}
