package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.snapshot.RunInfo;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "list", description = "One line per run: id, name, start, duration, status, framework, main class.")
final class ListCommand extends CliCommand {

    @Option(names = "--json", description = "the same as a JSON array")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<RunStore.Entry> entries = store().all();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (RunStore.Entry e : entries) {
                ObjectNode row = array.addObject();
                row.put("id", e.id);
                if (e.snapshot == null) {
                    row.put("error", e.error);
                    continue;
                }
                RunInfo run = e.snapshot.run;
                row.put("name", run.name);
                row.put("startedAt", run.startedAt);
                if (run.durationMillis == null) {
                    row.putNull("durationMillis");
                } else {
                    row.put("durationMillis", run.durationMillis);
                }
                row.put("status", run.status.name());
                row.put("frameworks", Format.frameworks(e.snapshot));
                row.put("mainClass", e.snapshot.process == null ? null : e.snapshot.process.mainClass);
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        for (RunStore.Entry e : entries) {
            if (e.snapshot == null) {
                rows.add(new String[] {e.id, "-", "-", "-", "UNREADABLE", "-", e.error});
                continue;
            }
            RunInfo run = e.snapshot.run;
            rows.add(new String[] {e.id, Format.text(run.name), Format.when(run.startedAt), Format.duration(run.durationMillis),
                Format.text(run.status), Format.frameworks(e.snapshot), Format.text(e.snapshot.process == null ? null : e.snapshot.process.mainClass)});
        }
        out.print(Format.table(new String[] {"ID", "NAME", "STARTED", "DURATION", "STATUS", "FRAMEWORK", "MAIN"}, rows));
        if (rows.isEmpty()) {
            out.println("(no runs recorded yet)");
        }
        return 0;
    }
}
