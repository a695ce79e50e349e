package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.Training;
import io.runledger.util.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

@Command(name = "list", description = {"One line per run, oldest first: id (shortest unique prefix), name, start, duration, status,",
    "framework, a metric with --metric, main class. Filters combine; --json prints the same runs as a JSON array."})
final class ListCommand extends CliCommand {

    /** Names and main classes longer than this are cut, so a line fits 120 columns. */
    static final int MAX_TEXT = 24;

    @Option(names = "--json", description = "the runs as a JSON array")
    boolean json;

    @Option(names = "--status", paramLabel = "S", description = "only runs with this status (SUCCEEDED, FAILED, KILLED, RUNNING)")
    String status;

    @Option(names = "--name", paramLabel = "N", description = "only runs of this run.name")
    String name;

    @Option(names = "--framework", paramLabel = "F", description = "only runs that trained with this framework (dl4j, tribuo, smile, xgboost)")
    String framework;

    @Option(names = "--since", paramLabel = "WHEN", description = "only runs started since WHEN: a date (2026-12-01), an instant"
            + " (2026-12-01T08:00:00Z) or a span back from now (90m, 12h, 7d)")
    String since;

    @Option(names = "--metric", paramLabel = "M", description = "a column with the run's last value of metric M (e.g. accuracy):"
            + " the evaluations of the training that wrote the model file, else of any training")
    String metric;

    @ArgGroup(exclusive = true)
    Order order;

    static final class Order {
        @Option(names = "--max", required = true, description = "sort by the metric, highest first (runs without it last)")
        boolean max;

        @Option(names = "--min", required = true, description = "sort by the metric, lowest first (runs without it last)")
        boolean min;

        int sign() {
            return max ? 1 : -1;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (order != null && metric == null) {
            throw new CliException("--max and --min sort by a metric: add --metric M");
        }
        Instant from = since == null ? null : since(since);
        List<RunStore.Entry> entries = new ArrayList<>();
        for (RunStore.Entry e : store().all()) {
            if (e.snapshot == null) {
                if (status == null && name == null && framework == null && from == null) {
                    entries.add(e);   // an unreadable snapshot is listed, so it is noticed
                }
                continue;
            }
            RunInfo run = e.snapshot.run;
            if (status != null && !run.status.name().equalsIgnoreCase(status)
                    || name != null && !name.equals(run.name)
                    || framework != null && !trainedWith(e, framework)
                    || from != null && startedBefore(run, from)) {
                continue;
            }
            entries.add(e);
        }
        if (order != null) {
            int sign = order.sign();
            entries.sort(Comparator.comparing((RunStore.Entry e) -> value(e) == null)
                    .thenComparing((a, b) -> value(a) == null || value(b) == null ? 0 : -sign * Double.compare(value(a), value(b))));
        }
        if (json) {
            printJson(entries);
            return 0;
        }
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.id));
        List<String> shortIds = uniquePrefixes(ids);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            RunStore.Entry e = entries.get(i);
            String id = shortIds.get(i);
            if (e.snapshot == null) {
                rows.add(metric == null ? new String[] {id, "-", "-", "-", "UNREADABLE", "-", e.error}
                        : new String[] {id, "-", "-", "-", "UNREADABLE", "-", "-", e.error});
                continue;
            }
            RunInfo run = e.snapshot.run;
            String main = e.snapshot.process == null || e.snapshot.process.mainClass == null ? "-" : Format.simpleName(e.snapshot.process.mainClass);
            List<String> row = new ArrayList<>(List.of(id, cut(Format.text(run.name)), Format.minute(run.startedAt),
                    Format.duration(run.durationMillis), Format.text(run.status), Format.frameworks(e.snapshot)));
            if (metric != null) {
                Double v = value(e);
                row.add(v == null ? "-" : Format.number(v));
            }
            row.add(cut(main));
            rows.add(row.toArray(new String[0]));
        }
        List<String> header = new ArrayList<>(List.of("ID", "NAME", "STARTED (" + ZoneId.systemDefault().getId() + ")", "DURATION", "STATUS",
                "FRAMEWORK"));
        if (metric != null) {
            header.add(metric.toUpperCase(Locale.ROOT));
        }
        header.add("MAIN");
        out.print(Format.table(header.toArray(new String[0]), rows));
        if (rows.isEmpty()) {
            out.println(status == null && name == null && framework == null && from == null ? "(no runs recorded yet)" : "(no run matches)");
        }
        return 0;
    }

    private void printJson(List<RunStore.Entry> entries) throws Exception {
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
            if (metric != null) {
                Double v = value(e);
                if (v == null) {
                    row.putNull(metric);
                } else {
                    row.put(metric, v);
                }
            }
        }
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    }

    private static boolean trainedWith(RunStore.Entry e, String framework) {
        for (Training t : e.snapshot.trainings) {
            if (framework.equalsIgnoreCase(t.framework)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startedBefore(RunInfo run, Instant from) {
        try {
            return run.startedAt == null || Instant.parse(run.startedAt).isBefore(from);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** The metric of the training that wrote the model file (as select pairs them), else the last one of any training. */
    private Double value(RunStore.Entry e) {
        if (e.snapshot == null) {
            return null;
        }
        Double paired = SelectCommand.metric(e.snapshot, metric);
        return paired != null ? paired : SelectCommand.anyMetric(e.snapshot, metric);
    }

    static Instant since(String text) throws CliException {
        String t = text.trim();
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                char unit = t.charAt(t.length() - 1);
                Duration back = unit == 'm' ? Duration.ofMinutes(n) : unit == 'h' ? Duration.ofHours(n) : Duration.ofDays(n);
                return Instant.now().minus(back);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CliException("--since takes a date (2026-12-01), an instant (2026-12-01T08:00:00Z) or a span (90m, 12h, 7d), not '"
                    + text + "'");
        }
    }

    /** Each id's shortest prefix (at least 13 characters: a UUIDv7's time part) that no other listed id shares. */
    static List<String> uniquePrefixes(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            int length = Math.min(13, id.length());
            for (String other : ids) {
                if (other != id) {
                    int common = 0;
                    while (common < id.length() && common < other.length() && id.charAt(common) == other.charAt(common)) {
                        common++;
                    }
                    length = Math.max(length, Math.min(common + 1, id.length()));
                }
            }
            out.add(id.substring(0, length));
        }
        return out;
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }
}
