package io.runledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

@Command(name = "show", description = {"One run: per training its evaluations, data, final loss, model files, hyperparameters",
    "and seeds first, then the run's context; --json prints the snapshot as recorded."})
final class ShowCommand extends CliCommand {

    @Parameters(paramLabel = "RUN", description = "a run id, a unique id prefix, latest or latest~N")
    String run;

    @Option(names = "--json", description = "print the snapshot as recorded")
    boolean json;

    @Option(names = "--all", description = "every hyperparameter (default: the first " + RunSummary.HYPERPARAMETERS_SHOWN + " per training)")
    boolean all;

    @Override
    public Integer call() throws Exception {
        RunStore.Entry e = store().resolve(run);
        if (e.unverified != null) {
            err.println("WARNING: run " + e.id + " is not verified: " + e.unverified + "; what follows may not be what was recorded");
        }
        if (json) {
            out.println(new String(Files.readAllBytes(e.file), StandardCharsets.UTF_8).trim());
            return 0;
        }
        new RunSummary(out, all).print(e.snapshot);
        return 0;
    }
}
