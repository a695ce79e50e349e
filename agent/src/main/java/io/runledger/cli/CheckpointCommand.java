package io.runledger.cli;

import picocli.CommandLine.Command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "checkpoint", description = {"Prints the ledger's latest signed checkpoint (C2SP tlog-checkpoint: origin, tree size,",
    "root hash, signature). Copy it where the ledger's writers cannot rewrite it; `verify --checkpoint FILE` later proves",
    "the ledger still extends it."})
final class CheckpointCommand extends CliCommand {

    @Override
    public Integer call() throws Exception {
        Path file = store().ledger().checkpointFile();
        if (!Files.exists(file)) {
            err.println("no checkpoint in " + file.getParent() + " yet (written with each finished run)");
            return 1;
        }
        out.print(Files.readString(file, StandardCharsets.UTF_8));
        return 0;
    }
}
