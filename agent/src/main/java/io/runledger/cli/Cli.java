package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.config.Config;
import io.runledger.ledger.LedgerVerifier;
import io.runledger.ledger.LostRuns;
import io.runledger.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar runledger-agent.jar COMMAND [options]}. Exit codes: 0 fine, 1 the answer is "no"
 * (verify found problems), 2 bad input (never a stack trace).
 */
public final class Cli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar runledger-agent.jar COMMAND [--dir DIR] [options]",
            "",
            "commands:",
            "  list            a table of the recorded runs (--json for JSON)",
            "  show RUN        a readable summary of one run (--json for the raw snapshot)",
            "  verify          re-hash every snapshot and walk the ledger's hash chain (exit 1 on any problem)",
            "  diff A B        what changed between two runs, by section (exit 0 equal, 1 different; --json, --all)",
            "  select          the best run by a metric and its model file, checked on disk (for rollbacks)",
            "  reproduce RUN   can this machine rerun RUN the same? what stands in the way, and the command to rerun it",
            "  report RUN...   one self-contained HTML page for the runs (-o FILE, default report.html)",
            "  attach PID [key=value,...]  load the agent into a running JVM; it records from then on",
            "",
            "RUN is a run id, a unique id prefix, 'latest' or 'latest~N' (N runs before the latest).",
            "--dir defaults to runledger.dir / RUNLEDGER_DIR, else ./runledger.",
            "'COMMAND --help' describes one command.");

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point called by the launcher; returns the exit code. */
    public static int run(String[] args) {
        return new Cli(System.out, System.err).execute(args);
    }

    int execute(String[] argv) {
        try {
            Args args = Args.parse(argv);
            if (args.command == null || args.command.equals("help") || args.command.equals("--help") || args.command.equals("-h")) {
                out.println(USAGE);
                return args.command == null ? 2 : 0;
            }
            switch (args.command) {
                case "list":
                    return list(args);
                case "show":
                    return show(args);
                case "verify":
                    return verify(args);
                case "diff":
                    return diff(args);
                case "select":
                    return select(args);
                case "reproduce":
                    return reproduce(args);
                case "report":
                    return report(args);
                case "attach":
                    if (args.help) {
                        out.println("usage: attach PID [key=value,...]\n  Loads the agent into the running JVM PID with these agent arguments"
                                + " (e.g. dir=/data/runledger,run.name=nightly).\n  Framework classes already loaded are instrumented at once;"
                                + " what happened before is unknown and the snapshot says so.");
                        return 0;
                    }
                    if (args.positionals.isEmpty() || args.positionals.size() > 2) {
                        throw new CliException("attach takes a PID and optionally key=value,... agent arguments (try: attach --help)");
                    }
                    out.println(Attach.attach(args.positionals.get(0), args.positionals.size() > 1 ? args.positionals.get(1) : ""));
                    return 0;
                default:
                    throw new CliException("unknown command '" + args.command + "' (commands: list, show, verify, diff, select, reproduce, report, attach; --help for more)");
            }
        } catch (CliException e) {
            err.println("runledger: " + e.getMessage());
            return 2;
        } catch (Exception | LinkageError e) {
            err.println("runledger: unexpected error: " + e);
            return 2;
        }
    }

    private RunStore store(Args args) throws CliException {
        Path dir = args.dir != null ? Paths.get(args.dir) : Config.load(null).dir();
        RunStore store = RunStore.open(dir);
        LostRuns.markAll(store.ledger());
        return store;
    }

    private int list(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: list [--dir DIR] [--json]\n  One line per run: id, name, start, duration, status, framework, main class.");
            return 0;
        }
        args.expectPositionals(0);
        List<RunStore.Entry> entries = store(args).all();
        if (args.json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (RunStore.Entry e : entries) {
                ObjectNode row = array.addObject();
                row.put("id", e.id);
                if (e.snapshot == null) {
                    row.put("error", e.error);
                    continue;
                }
                JsonNode run = e.snapshot.path("run");
                row.set("name", run.path("name"));
                row.set("startedAt", run.path("startedAt"));
                row.set("durationMillis", run.path("durationMillis"));
                row.set("status", run.path("status"));
                row.put("frameworks", Format.frameworks(e.snapshot));
                row.set("mainClass", e.snapshot.path("process").path("mainClass"));
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            return 0;
        }
        String[] header = {"ID", "NAME", "STARTED", "DURATION", "STATUS", "FRAMEWORK", "MAIN"};
        List<String[]> rows = new ArrayList<>();
        for (RunStore.Entry e : entries) {
            if (e.snapshot == null) {
                rows.add(new String[] {e.id, "-", "-", "-", "UNREADABLE", "-", e.error});
                continue;
            }
            JsonNode run = e.snapshot.path("run");
            rows.add(new String[] {e.id, Format.text(run.path("name")), Format.when(run.path("startedAt").asText()),
                    Format.duration(run.path("durationMillis")), Format.text(run.path("status")),
                    Format.frameworks(e.snapshot), Format.text(e.snapshot.path("process").path("mainClass"))});
        }
        printTable(header, rows);
        if (rows.isEmpty()) {
            out.println("(no runs recorded yet)");
        }
        return 0;
    }

    private void printTable(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] r : rows) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : Format.pad(r[i], widths[i] + 2));
            }
            out.println(line.toString().trim());
        }
    }

    private int show(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: show RUN [--dir DIR] [--json]\n  A readable summary of one run; --json prints the snapshot as recorded.");
            return 0;
        }
        args.expectPositionals(1);
        RunStore.Entry e = store(args).resolve(args.positionals.get(0));
        if (args.json) {
            out.println(new String(Files.readAllBytes(e.file), StandardCharsets.UTF_8).trim());
            return 0;
        }
        new RunSummary(out).print(e.snapshot);
        return 0;
    }

    private int verify(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: verify [--dir DIR]\n  Re-hashes every snapshot the ledger records and walks the hash chain;"
                    + "\n  names every edited, missing, reordered or unreadable entry. Exit 0 when intact, 1 otherwise.");
            return 0;
        }
        args.expectPositionals(0);
        RunStore store = store(args);
        LedgerVerifier.Result r = LedgerVerifier.verify(store.ledger());
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

    private int diff(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: diff RUN_A RUN_B [--dir DIR] [--json] [--all]\n"
                    + "  Only what differs, by section: data, hyperparameters, featureSteps, code, dependencies, environment, outcome.\n"
                    + "  Ids, times, pids and durations are left out unless --all. Exit 0 when equal, 1 when different, 2 on error.");
            return 0;
        }
        args.expectPositionals(2);
        RunStore store = store(args);
        RunStore.Entry a = store.resolve(args.positionals.get(0));
        RunStore.Entry b = store.resolve(args.positionals.get(1));
        for (RunStore.Entry e : new RunStore.Entry[] {a, b}) {
            int version = e.snapshot.path("schemaVersion").asInt(-1);
            if (version != io.runledger.snapshot.Snapshot.SCHEMA_VERSION) {
                throw new CliException("run " + e.id + " has schemaVersion " + version + "; this CLI reads version "
                        + io.runledger.snapshot.Snapshot.SCHEMA_VERSION);
            }
        }
        List<RunDiff.Change> changes = new RunDiff(a.snapshot, b.snapshot, args.all).compute();
        if (args.json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("a", a.id);
            doc.put("b", b.id);
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
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else if (changes.isEmpty()) {
            out.println("no differences between " + a.id + " and " + b.id + (args.all ? "" : " (ids, times, pids and durations not compared)"));
        } else {
            out.println("--- " + a.id + "  " + a.snapshot.path("run").path("name").asText(""));
            out.println("+++ " + b.id + "  " + b.snapshot.path("run").path("name").asText(""));
            for (String section : RunDiff.SECTIONS) {
                boolean header = false;
                for (RunDiff.Change c : changes) {
                    if (!c.section.equals(section)) {
                        continue;
                    }
                    if (!header) {
                        out.println(section);
                        header = true;
                    }
                    out.println("  " + c.key + ": " + (c.before.isEmpty() ? "(absent)" : c.before) + " -> " + (c.after.isEmpty() ? "(absent)" : c.after));
                }
            }
        }
        return changes.isEmpty() ? 0 : 1;
    }

    private int select(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: select [--name NAME] [--metric METRIC (--max|--min)] [--status STATUS] [--before RUN] [--dir DIR] [--json]\n"
                    + "  Picks the best matching run (by the last value of METRIC among its evaluations, else the latest run),\n"
                    + "  prints its id and the model file it wrote, and checks the file still has the recorded SHA-256.\n"
                    + "  Exit 0 when found and intact, 1 when nothing matches or the file is missing or changed.");
            return 0;
        }
        args.expectPositionals(0);
        if (args.metric != null && args.direction == 0) {
            throw new CliException("--metric needs --max or --min");
        }
        RunStore store = store(args);
        List<RunStore.Entry> candidates = new ArrayList<>();
        String before = args.before == null ? null : store.resolve(args.before).startedAt();
        for (RunStore.Entry e : store.all()) {
            JsonNode run = e.snapshot == null ? null : e.snapshot.path("run");
            if (run == null || args.name != null && !args.name.equals(run.path("name").asText())
                    || !run.path("status").asText().equals(args.status == null ? "SUCCEEDED" : args.status)
                    || before != null && e.startedAt().compareTo(before) >= 0 || modelArtifact(e.snapshot) == null) {
                continue;
            }
            if (args.metric != null && metric(e.snapshot, args.metric) == null) {
                continue;
            }
            candidates.add(e);
        }
        RunStore.Entry best = null;
        for (RunStore.Entry e : candidates) {   // oldest first: ties go to the later run
            if (best == null || args.metric == null
                    || args.direction * Double.compare(metric(e.snapshot, args.metric), metric(best.snapshot, args.metric)) >= 0) {
                best = e;
            }
        }
        if (best == null) {
            err.println("runledger: no " + (args.status == null ? "SUCCEEDED" : args.status) + " run with a model file"
                    + (args.name == null ? "" : " named '" + args.name + "'") + (args.metric == null ? "" : " and metric '" + args.metric + "'"));
            return 1;
        }
        JsonNode artifact = modelArtifact(best.snapshot);
        java.nio.file.Path file = Paths.get(artifact.path("path").asText());
        String recorded = artifact.path("sha256").asText("");
        String now = Files.isRegularFile(file) ? io.runledger.util.Hex.of(sha256(file)) : null;
        String state = now == null ? "missing" : now.equals(recorded) ? "intact" : "changed";
        if (args.json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("runId", best.id);
            doc.put("model", file.toString());
            doc.put("sha256", recorded);
            doc.put("file", state);
            if (args.metric != null) {
                doc.put(args.metric, metric(best.snapshot, args.metric));
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            out.println(best.id + " " + file + (args.metric == null ? "" : " " + args.metric + "=" + metric(best.snapshot, args.metric)));
        }
        if (!state.equals("intact")) {
            err.println("runledger: model file " + file + " is " + state + (state.equals("changed") ? " (SHA-256 differs from the recorded one)" : ""));
            return 1;
        }
        return 0;
    }

    private int reproduce(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: reproduce RUN [--dir DIR] [--json]\n"
                    + "  Compares code (git), data files, dependency jars (re-hashed through the ledger's cache), the JVM and\n"
                    + "  thread settings with the run's record; prints the seeds and the command to rerun it under the agent.\n"
                    + "  Exit 0 when nothing stands in the way, 1 otherwise.");
            return 0;
        }
        args.expectPositionals(1);
        RunStore store = store(args);
        RunStore.Entry e = store.resolve(args.positionals.get(0));
        Reproduce r = new Reproduce(e.snapshot, store.ledger().dir());
        List<Reproduce.Check> checks = r.run();
        List<String> command = r.command();
        boolean blocked = false;
        for (Reproduce.Check c : checks) {
            blocked |= c.blocks;
        }
        if (args.json) {
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
            ArrayNode cmd = doc.putArray("command");
            command.forEach(cmd::add);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            out.println("Run " + e.id + "  " + e.snapshot.path("run").path("name").asText(""));
            for (Reproduce.Check c : checks) {
                if (c.blocks) {
                    out.println("  DIFFERS  " + c.what + ": then " + c.then + ", now " + c.now);
                }
            }
            out.println("  " + checks.size() + " checks, " + (blocked ? "something stands in the way" : "nothing stands in the way"));
            for (JsonNode t : e.snapshot.path("trainings")) {
                if (t.path("seeds").size() > 0) {
                    out.println("  seeds of training #" + t.path("index").asInt() + ": " + t.path("seeds"));
                }
            }
            if (command.toString().contains("[REDACTED]")) {
                out.println("  note: redacted values in the command must be supplied again");
            }
            out.println("rerun with:");
            out.println("  " + String.join(" ", command));
            out.println("then: java -jar runledger-agent.jar diff " + e.id + " latest");
        }
        return blocked ? 1 : 0;
    }

    private int report(Args args) throws CliException, IOException {
        if (args.help) {
            out.println("usage: report RUN [RUN...] [-o FILE] [--dir DIR]\n"
                    + "  One self-contained HTML file: summary, loss curves (one line per run, log-scale toggle), evaluations, data,\n"
                    + "  hyperparameters, feature steps, environment, dependencies, and the diff of the first run against each other.");
            return 0;
        }
        if (args.positionals.isEmpty()) {
            throw new CliException("report takes at least one RUN (try: report --help)");
        }
        RunStore store = store(args);
        List<RunStore.Entry> runs = new ArrayList<>();
        for (String ref : args.positionals) {
            runs.add(store.resolve(ref));
        }
        java.nio.file.Path file = Paths.get(args.output == null ? "report.html" : args.output);
        io.runledger.ledger.AtomicFiles.write(file, new HtmlReport(runs).render().getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + file.toAbsolutePath());
        return 0;
    }

    /** The last model file the run wrote successfully, with a hash. */
    private static JsonNode modelArtifact(JsonNode snapshot) {
        JsonNode found = null;
        for (JsonNode a : snapshot.path("artifacts")) {
            if ("WRITTEN".equals(a.path("status").asText()) && a.hasNonNull("path") && a.hasNonNull("sha256")) {
                found = a;
            }
        }
        return found;
    }

    /** The last value of {@code name} among the run's evaluations (key or key suffix, e.g. "accuracy"). */
    private static Double metric(JsonNode snapshot, String name) {
        Double value = null;
        for (JsonNode t : snapshot.path("trainings")) {
            for (JsonNode e : t.path("evaluations")) {
                java.util.Iterator<Map.Entry<String, JsonNode>> f = e.path("metrics").fields();
                while (f.hasNext()) {
                    Map.Entry<String, JsonNode> m = f.next();
                    if ((m.getKey().equals(name) || m.getKey().endsWith("." + name)) && m.getValue().isNumber()) {
                        value = m.getValue().asDouble();
                    }
                }
            }
        }
        return value;
    }

    private static byte[] sha256(java.nio.file.Path file) throws IOException {
        java.security.MessageDigest d = io.runledger.util.Hex.sha256();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return d.digest();
    }

    /** The command line, parsed: one command, positionals, and the common flags. */
    static final class Args {
        String command;
        String dir;
        boolean json;
        boolean help;
        boolean all;
        String name;
        String metric;
        String status;
        String before;
        int direction;
        String output;
        final List<String> positionals = new ArrayList<>();

        static Args parse(String[] argv) throws CliException {
            Args a = new Args();
            Iterator<String> it = java.util.Arrays.asList(argv).iterator();
            while (it.hasNext()) {
                String arg = it.next();
                if (arg.equals("--dir")) {
                    if (!it.hasNext()) {
                        throw new CliException("--dir needs a directory");
                    }
                    a.dir = it.next();
                } else if (arg.startsWith("--dir=")) {
                    a.dir = arg.substring("--dir=".length());
                } else if (arg.equals("--json")) {
                    a.json = true;
                } else if (arg.equals("--all") && a.command != null) {
                    a.all = true;
                } else if (arg.equals("-o") || arg.equals("--output")) {
                    if (!it.hasNext()) {
                        throw new CliException(arg + " needs a file name");
                    }
                    a.output = it.next();
                } else if (arg.equals("--max") || arg.equals("--min")) {
                    a.direction = arg.equals("--max") ? 1 : -1;
                } else if (arg.equals("--name") || arg.equals("--metric") || arg.equals("--status") || arg.equals("--before")) {
                    if (!it.hasNext()) {
                        throw new CliException(arg + " needs a value");
                    }
                    String v = it.next();
                    if (arg.equals("--name")) {
                        a.name = v;
                    } else if (arg.equals("--metric")) {
                        a.metric = v;
                    } else if (arg.equals("--status")) {
                        a.status = v;
                    } else {
                        a.before = v;
                    }
                } else if ((arg.equals("--help") || arg.equals("-h")) && a.command != null) {
                    a.help = true;
                } else if (arg.startsWith("-") && a.command != null) {
                    throw new CliException("unknown option '" + arg + "' for " + a.command + " (try: " + a.command + " --help)");
                } else if (a.command == null) {
                    a.command = arg;
                } else {
                    a.positionals.add(arg);
                }
            }
            return a;
        }

        void expectPositionals(int n) throws CliException {
            if (positionals.size() != n) {
                throw new CliException(command + " takes " + (n == 0 ? "no argument" : n == 1 ? "one RUN" : n + " arguments")
                        + ", got " + positionals.size() + " (try: " + command + " --help)");
            }
        }
    }

}
