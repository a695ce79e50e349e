package io.runledger.cli;

import io.runledger.ledger.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "report", description = {"One self-contained HTML file comparing runs: what differs side by side (one column per run,",
    "differing rows first), evaluations as runs x metrics, metric charts (log scale, smoothing, values on hover),",
    "hyperparameters against a metric (across the runs, and inside a grid search), and data -> training -> model lineage."})
final class ReportCommand extends CliCommand {

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "the runs to show")
    List<String> runs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the page (default report.html)")
    Path output = java.nio.file.Paths.get("report.html");

    @Option(names = "--metric", paramLabel = "NAME", description = "the metric the sweep view plots (default: the one most runs were evaluated with)")
    String metric;

    @Override
    public Integer call() throws Exception {
        RunStore store = store();
        List<RunStore.Entry> entries = new ArrayList<>();
        for (String ref : runs) {
            RunStore.Entry e = store.resolve(ref);
            if (e.unverified != null) {
                err.println("WARNING: run " + e.id + " is not verified: " + e.unverified + " (marked so in the report)");
            }
            entries.add(e);
        }
        AtomicFiles.write(output, new HtmlReport(entries, metric).render().getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + output.toAbsolutePath());
        return 0;
    }
}
