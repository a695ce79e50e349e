package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "diff", description = {"Only what differs, by section: data, hyperparameters, featureSteps, code, dependencies, environment,",
    "outcome. Ids, times, pids and durations are left out unless --all. Exit 0 when equal, 1 when different, 2 on error."})
final class DiffCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the run compared from")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run compared to")
    String b;

    @Option(names = "--json", description = "the changes as JSON, by section")
    boolean json;

    @Option(names = "--all", description = "also compare ids, times, pids and durations")
    boolean all;

    @Override
    public Integer call() throws Exception {
        RunStore store = store();
        RunStore.Entry x = store.resolve(a);
        RunStore.Entry y = store.resolve(b);
        for (RunStore.Entry e : new RunStore.Entry[] {x, y}) {
            if (e.unverified != null) {
                err.println("WARNING: run " + e.id + " is not verified: " + e.unverified);
            }
        }
        List<RunDiff.Change> changes = new RunDiff(x.snapshot, y.snapshot, all).compute();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(asJson(x.id, y.id, changes)));
        } else if (changes.isEmpty()) {
            out.println("no differences between " + x.id + " and " + y.id + (all ? "" : " (ids, times, pids and durations not compared)"));
        } else {
            out.println("--- " + x.id + "  " + (x.snapshot.run.name == null ? "" : x.snapshot.run.name));
            out.println("+++ " + y.id + "  " + (y.snapshot.run.name == null ? "" : y.snapshot.run.name));
            out.print(asText(changes));
        }
        return changes.isEmpty() ? 0 : 1;
    }

    /** The changes grouped by section, in section order. */
    static String asText(List<RunDiff.Change> changes) {
        StringBuilder sb = new StringBuilder();
        for (String section : RunDiff.SECTIONS) {
            boolean header = false;
            for (RunDiff.Change c : changes) {
                if (!c.section.equals(section)) {
                    continue;
                }
                if (!header) {
                    sb.append(section).append('\n');
                    header = true;
                }
                sb.append("  ").append(c.key).append(": ").append(c.before.isEmpty() ? "(absent)" : c.before).append(" -> ")
                        .append(c.after.isEmpty() ? "(absent)" : c.after).append('\n');
            }
        }
        return sb.toString();
    }

    static ObjectNode asJson(String a, String b, List<RunDiff.Change> changes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("a", a);
        doc.put("b", b);
        doc.put("equal", changes.isEmpty());
        ObjectNode sections = doc.putObject("sections");
        for (String section : RunDiff.SECTIONS) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (RunDiff.Change c : changes) {
                if (c.section.equals(section)) {
                    ObjectNode row = list.addObject();
                    row.put("key", c.key);
                    row.put("before", c.before.isEmpty() ? null : c.before);
                    row.put("after", c.after.isEmpty() ? null : c.after);
                }
            }
            if (list.size() > 0) {
                sections.set(section, list);
            }
        }
        return doc;
    }
}
