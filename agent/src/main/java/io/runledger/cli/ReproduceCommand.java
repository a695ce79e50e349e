package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "reproduce", description = {"Compares code (git), data files, dependency jars (re-hashed through the ledger's cache), the JVM and",
    "thread settings with the run's record; prints the seeds and the command to rerun it under the agent.",
    "Exit 0 when nothing stands in the way, 1 otherwise."})
final class ReproduceCommand extends CliCommand {

    @Parameters(paramLabel = "RUN", description = "a run id, a unique id prefix, latest or latest~N")
    String run;

    @Option(names = "--json", description = "the checks and the command as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunStore store = store();
        RunStore.Entry e = store.resolve(run);
        Reproduce r = new Reproduce(e.snapshot, store.ledger().dir());
        List<Reproduce.Check> checks = r.run();
        List<String> command = r.command();
        boolean blocked = false;
        for (Reproduce.Check c : checks) {
            blocked |= c.blocks;
        }
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("runId", e.id);
            doc.put("reproducible", !blocked);
            ArrayNode list = doc.putArray("checks");
            for (Reproduce.Check c : checks) {
                ObjectNode row = list.addObject();
                row.put("what", c.what);
                row.put("then", c.then);
                row.put("now", c.now);
                row.put("blocks", c.blocks);
            }
            doc.put("workingDirectory", r.workingDirectory());
            ArrayNode cmd = doc.putArray("command");
            command.forEach(cmd::add);
            doc.put("shell", shellLine(r.workingDirectory(), command));
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return blocked ? 1 : 0;
        }
        out.println("Run " + e.id + "  " + (e.snapshot.run.name == null ? "" : e.snapshot.run.name));
        for (Reproduce.Check c : checks) {
            if (c.blocks) {
                out.println("  DIFFERS  " + c.what + ": then " + c.then + ", now " + c.now);
            }
        }
        out.println("  " + checks.size() + " checks, " + (blocked ? "something stands in the way" : "nothing stands in the way"));
        for (Training t : e.snapshot.trainings) {
            if (t.seeds != null && !t.seeds.isEmpty()) {
                out.println("  seeds of training #" + t.index + ": " + Json.MAPPER.writeValueAsString(t.seeds));
            }
        }
        if (command.toString().contains("[REDACTED]")) {
            out.println("  note: redacted values in the command must be supplied again");
        }
        out.println("rerun with (from any directory):");
        out.println("  " + shellLine(r.workingDirectory(), command));
        out.println("then: java -jar runledger-agent.jar diff " + e.id + " latest");
        return blocked ? 1 : 0;
    }

    /** A POSIX shell line that reruns the command from any directory: it changes to the run's working directory first. */
    static String shellLine(String workingDirectory, List<String> command) {
        return (workingDirectory == null ? "" : "cd " + shellQuoted(java.util.Collections.singletonList(workingDirectory)) + " && ")
                + shellQuoted(command);
    }

    /** The command as a POSIX shell line: every argument that is not plainly safe goes in single quotes. */
    static String shellQuoted(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String arg : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
