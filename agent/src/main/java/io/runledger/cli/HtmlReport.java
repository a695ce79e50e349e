package io.runledger.cli;

import io.runledger.snapshot.Artifact;
import io.runledger.snapshot.DataInput;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page comparing runs: a header per run, then what differs side by side (one
 * column per run, differing rows first and highlighted, identical rows collapsed), the evaluations as a
 * runs × metrics table, the metric series as charts, a sweep view of hyperparameters against a metric,
 * and a lineage strip per run (data → trainings → model files). No request leaves the page. Every
 * string taken from a snapshot goes through {@link #esc}; the one script reads nothing from snapshots
 * (it switches CSS classes), and the CSP allows only it, by hash.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
    /** Dash styles, so lines that overlap stay apart even in grey print. */
    private static final String[] DASHES = {"none", "8 4", "2 3", "12 3 3 3", "5 5", "1 3", "9 3 1 3 1 3", "3 6"};
    /** At most this many charts: a run may record dozens of series. */
    private static final int MAX_CHARTS = 8;
    private static final int MAX_CELL = 160;
    private static final Pattern SHA256 = Pattern.compile("\\b([0-9a-f]{12})[0-9a-f]{52}\\b");

    private final List<RunStore.Entry> runs;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<String> labels;
    private final String metric;
    private final StringBuilder html = new StringBuilder();

    /** @param metric the metric for the sweep view; null: the one most runs were evaluated with */
    HtmlReport(List<RunStore.Entry> runs, String metric) {
        this.runs = runs;
        List<String> ids = new ArrayList<>();
        for (RunStore.Entry e : runs) {
            snapshots.add(e.snapshot);
            ids.add(e.id);
        }
        this.labels = ListCommand.uniquePrefixes(ids);
        this.metric = metric != null ? metric : ReportSweep.defaultMetric(snapshots);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    static String dash(int i) {
        return DASHES[i % DASHES.length];
    }

    /**
     * The page's one script: it reads nothing from the snapshots, it only switches the page's classes
     * (log scale, smoothing), starting from the address's fragment ({@code #log}, {@code #smooth=2}) so a
     * view can be linked.
     */
    static final String SCRIPT = "(function(){var b=document.body,l=document.getElementById('logscale'),s=document.getElementById('smooth');"
            + "function log(){b.classList.toggle('log',l.checked);b.classList.toggle('lin',!l.checked);}"
            + "function sm(){b.setAttribute('data-smooth',s.value);}"
            + "var h=location.hash,m=/smooth=([0-2])/.exec(h);"
            + "if(l){l.checked=/\\blog\\b/.test(h);log();l.addEventListener('change',log);}"
            + "if(s){if(m){s.value=m[1];}sm();s.addEventListener('change',sm);}"
            + "b.setAttribute('data-ready','1');})();";
    /** The CSP allows exactly that script, by its hash, and no other inline script (no 'unsafe-inline'). */
    static final String SCRIPT_HASH = "sha256-" + java.util.Base64.getEncoder().encodeToString(
            io.runledger.util.Hex.sha256().digest(SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    private static final String STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}"
            + "h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:14px}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top;font-size:13px}"
            + "th{background:#f5f5f5}td.v{font-family:monospace;font-size:12px;word-break:break-all;max-width:420px}"
            + "tr.section th{background:#e8eef7}tr.differs td{background:#fff8dc}tr.differs td.changed{background:#ffe08a;font-weight:600}"
            + "td.absent{color:#999}.num{text-align:right}.scroll{overflow-x:auto}"
            + ".swatch{display:inline-block;width:26px;height:0;border-top-width:3px;vertical-align:middle;margin-right:6px}"
            + "svg{background:#fcfcfc;border:1px solid #eee;margin:4px 0}svg text{font-size:11px;fill:#444}svg .axis-title{font-size:12px;fill:#222;font-weight:600}"
            + "svg .grid{stroke:#eee}svg .tick,svg .domain{stroke:#888}svg .series{stroke-width:1.6}svg circle.hover{fill-opacity:0}"
            + "svg circle.hover:hover{fill-opacity:1}svg .legend-label{font-size:11px}svg polyline.point:hover{stroke-width:5}"
            + ".log .linear,.lin .logscale{display:none}"
            + "body[data-smooth='0'] .sm1,body[data-smooth='0'] .sm2,body[data-smooth='1'] .sm2,body[data-smooth='2'] .sm1{display:none}"
            + "body[data-smooth='1'] .sm0,body[data-smooth='2'] .sm0{opacity:.25}"
            + ".lineage{display:flex;align-items:center;gap:10px;margin:6px 0 14px}.lineage .col{display:flex;flex-direction:column;gap:4px}"
            + ".lineage .box{border:1px solid #bbb;border-radius:4px;padding:2px 8px;background:#f7f9fc;font-size:12px}"
            + ".lineage .training{background:#eef7ee}.lineage .model{background:#fdf3e7}.lineage .arrow{font-size:20px;color:#888}"
            + ".unverified{color:#a00}.note{color:#666;font-size:12px}details summary{cursor:pointer;margin:8px 0}";

    String render() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '")
            .append(SCRIPT_HASH).append("'; img-src data:\">")
            .append("<title>RunLedger report</title><style>").append(STYLE).append("</style></head>\n")
            .append("<body class=\"lin\" data-smooth=\"0\">\n");
        html.append("<h1>RunLedger report: ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("</h1>\n");
        unverified();
        comparison();
        evaluations();
        charts();
        sweeps();
        lineage();
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private void unverified() {
        for (RunStore.Entry e : runs) {
            if (e.unverified != null) {
                html.append("<p class=\"unverified\"><strong>Not verified:</strong> run <span class=\"mono\">").append(esc(e.id))
                    .append("</span> is ").append(esc(e.unverified)).append(". What this page shows of it may not be what was recorded.</p>\n");
            }
        }
    }

    private String swatch(int i) {
        return "<span class=\"swatch\" style=\"border-top-color:" + colour(i) + ";border-top-style:" + (i % DASHES.length == 0 ? "solid" : "dashed")
                + "\"></span>";
    }

    /** The header row: one column per run, with what differs for every run anyway (id, start, duration). */
    private void runHeader(StringBuilder b) {
        b.append("<thead><tr><th>what</th>");
        for (int i = 0; i < runs.size(); i++) {
            Snapshot s = snapshots.get(i);
            b.append("<th class=\"run\" data-run=\"").append(i).append("\" title=\"").append(esc(s.run.id)).append("\">").append(swatch(i))
                .append("<span class=\"id\">").append(esc(labels.get(i))).append("</span>")
                .append(s.run.name != null ? "<br>" + esc(s.run.name) : "").append("<br><span class=\"note\">")
                .append(esc(Format.when(s.run.startedAt) + " " + Format.zone() + " · " + Format.duration(s.run.durationMillis)))
                .append("</span>").append(runs.get(i).unverified != null ? "<br><span class=\"unverified\">NOT VERIFIED</span>" : "")
                .append("</th>");
        }
        b.append("</tr></thead>\n");
    }

    /** Side by side: the rows that differ first, highlighted; the identical ones collapsed below. */
    private void comparison() {
        List<ReportFacts> facts = new ArrayList<>();
        for (Snapshot s : snapshots) {
            facts.add(new ReportFacts(s));
        }
        List<ReportFacts.Row> rows = ReportFacts.rows(facts);
        List<ReportFacts.Row> differ = new ArrayList<>();
        List<ReportFacts.Row> same = new ArrayList<>();
        for (ReportFacts.Row r : rows) {
            (runs.size() > 1 && r.differs() ? differ : same).add(r);
        }
        if (runs.size() > 1) {
            html.append("<h2 id=\"differences\">What differs: ").append(differ.size()).append(differ.size() == 1 ? " row" : " rows").append("</h2>\n");
            if (differ.isEmpty()) {
                html.append("<p>The runs are the same in everything recorded except their ids and times.</p>\n");
            } else {
                rowTable("differences", differ, true);
            }
            html.append("<details class=\"identical\"><summary>").append(same.size()).append(" identical rows (")
                .append(esc(sectionCounts(same))).append(")</summary>\n");
            rowTable("identical", same, false);
            html.append("</details>\n");
        } else {
            html.append("<h2 id=\"record\">The run</h2>\n");
            rowTable("record", same, false);
        }
    }

    private static String sectionCounts(List<ReportFacts.Row> rows) {
        Map<String, Integer> n = new LinkedHashMap<>();
        rows.forEach(r -> n.merge(r.section, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private void rowTable(String cls, List<ReportFacts.Row> rows, boolean highlight) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"scroll\"><table class=\"compare ").append(cls).append("\">");
        runHeader(b);
        b.append("<tbody>");
        String section = null;
        for (ReportFacts.Row r : rows) {
            if (!r.section.equals(section)) {
                section = r.section;
                b.append("<tr class=\"section\"><th colspan=\"").append(runs.size() + 1).append("\">").append(esc(section)).append("</th></tr>\n");
            }
            b.append(highlight ? "<tr class=\"differs\">" : "<tr>").append("<th>").append(esc(r.key)).append("</th>");
            for (int i = 0; i < r.values.size(); i++) {
                String v = r.values.get(i);
                boolean changed = highlight && i > 0 && !java.util.Objects.equals(v, r.values.get(0));
                b.append(cell(v, changed ? "v changed" : "v"));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        html.append(b);
    }

    /** A value: numbers to 4 significant digits, hashes to 12 hex digits, long text cut; the full value on hover. */
    static String cell(String raw, String cls) {
        if (raw == null) {
            return "<td class=\"" + cls + " absent\">—</td>";
        }
        String shown = raw;
        try {
            double d = Double.parseDouble(raw);
            if (!raw.matches("-?\\d+")) {
                shown = Format.number(d);
            }
        } catch (NumberFormatException notANumber) {
            Matcher m = SHA256.matcher(raw);
            shown = m.replaceAll("$1…");
            if (shown.length() > MAX_CELL) {
                shown = shown.substring(0, MAX_CELL - 1) + "…";
            }
        }
        return "<td class=\"" + cls + "\"" + (shown.equals(raw) ? "" : " title=\"" + esc(raw) + "\"") + ">" + esc(shown) + "</td>";
    }

    /** Evaluations: one row per run, one column per (training, evaluation, metric). */
    private void evaluations() {
        Map<String, String[]> columns = new LinkedHashMap<>();   // key → {group, metric}
        List<Map<String, String>> values = new ArrayList<>();
        for (Snapshot s : snapshots) {
            Map<String, String> v = new LinkedHashMap<>();
            for (Training t : s.trainings) {
                for (Evaluation e : t.evaluations) {
                    String group = ReportFacts.label(t) + " · " + Format.evaluationName(e.type);
                    for (Map.Entry<String, Object> m : e.metrics.entrySet()) {
                        if (m.getValue() instanceof Number) {
                            String key = group + "\u0000" + m.getKey();
                            columns.putIfAbsent(key, new String[] {group, m.getKey()});
                            v.putIfAbsent(key, String.valueOf(m.getValue()));
                        }
                    }
                }
            }
            values.add(v);
        }
        html.append("<h2 id=\"evaluations\">Evaluations</h2>\n");
        if (columns.isEmpty()) {
            html.append("<p class=\"note\">No run recorded an evaluation.</p>\n");
            return;
        }
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"evaluations\"><thead><tr><th rowspan=\"2\">run</th>");
        Map<String, Integer> groups = new LinkedHashMap<>();
        columns.values().forEach(c -> groups.merge(c[0], 1, Integer::sum));
        groups.forEach((g, n) -> b.append("<th colspan=\"").append(n).append("\">").append(esc(g)).append("</th>"));
        b.append("</tr><tr>");
        columns.values().forEach(c -> b.append("<th class=\"metric\">").append(esc(c[1])).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        for (int i = 0; i < runs.size(); i++) {
            b.append("<tr data-run=\"").append(i).append("\"><th>").append(swatch(i)).append(esc(labels.get(i))).append("</th>");
            for (String key : columns.keySet()) {
                b.append(cell(values.get(i).get(key), "v num"));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        html.append(b);
    }

    /** One chart per metric series name, each run's first training that has it as one line. */
    private void charts() {
        Map<String, List<ReportChart.Line>> bySeries = new LinkedHashMap<>();
        Map<String, String> xTitles = new LinkedHashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            Set<String> seen = new LinkedHashSet<>();
            for (Training t : snapshots.get(i).trainings) {
                for (MetricSeries m : t.metrics) {
                    if (m.points.size() < 2 || !seen.add(m.name)) {
                        continue;
                    }
                    long[] x = new long[m.points.size()];
                    double[] y = new double[x.length];
                    boolean epochs = m.name.endsWith(".epoch");
                    for (int p = 0; p < x.length; p++) {
                        MetricPoint point = m.points.get(p);
                        x[p] = epochs && point.epoch != null ? point.epoch : point.iteration;
                        y[p] = point.value;
                    }
                    bySeries.computeIfAbsent(m.name, k -> new ArrayList<>()).add(new ReportChart.Line(i,
                            labels.get(i) + (snapshots.get(i).run.name != null ? " " + snapshots.get(i).run.name : ""), x, y));
                    xTitles.putIfAbsent(m.name, epochs ? "epoch" : "xgboost".equals(t.framework) ? "round" : "iteration");
                }
            }
        }
        html.append("<h2 id=\"charts\">Metrics per step</h2>\n");
        if (bySeries.isEmpty()) {
            html.append("<p class=\"note\">No run recorded a metric series.</p>\n");
            return;
        }
        html.append("<p><label><input type=\"checkbox\" id=\"logscale\"> log scale</label> &nbsp; <label>smoothing "
                + "<select id=\"smooth\"><option value=\"0\">none</option><option value=\"1\">0.6</option><option value=\"2\">0.9</option>"
                + "</select></label> <span class=\"note\">hover a line for its values</span></p>\n");
        int n = 0;
        for (Map.Entry<String, List<ReportChart.Line>> e : bySeries.entrySet()) {
            if (n++ == MAX_CHARTS) {
                html.append("<p class=\"note\">").append(bySeries.size() - MAX_CHARTS).append(" more series not drawn: ")
                    .append(esc(String.join(", ", new ArrayList<>(bySeries.keySet()).subList(MAX_CHARTS, bySeries.size())))).append("</p>\n");
                break;
            }
            html.append("<h3>").append(esc(e.getKey())).append("</h3>\n")
                .append(new ReportChart(e.getKey(), xTitles.get(e.getKey()), e.getValue()).render());
        }
    }

    /** Hyperparameters against the chosen metric: across the runs shown, and inside each grid search. */
    private void sweeps() {
        html.append("<h2 id=\"sweep\">Sweep").append(metric != null ? ": " + esc(metric) + " against hyperparameters" : "").append("</h2>\n");
        boolean drawn = false;
        if (metric != null && runs.size() > 1) {
            ReportSweep across = new ReportSweep(metric, ReportSweep.ofRuns(snapshots, labels, metric));
            if (across.drawable()) {
                html.append("<h3>across the runs shown</h3>\n").append(across.render());
                drawn = true;
            }
        }
        for (int i = 0; i < snapshots.size(); i++) {
            for (Training t : snapshots.get(i).trainings) {
                String gridMetric = null;
                for (Evaluation e : t.evaluations) {
                    if (e.details != null && e.details.get("split") != null && String.valueOf(e.details.get("split")).contains("grid point")) {
                        gridMetric = e.metrics.keySet().iterator().next();
                    }
                }
                ReportSweep grid = new ReportSweep(gridMetric != null ? gridMetric : "metric", ReportSweep.ofGrid(t));
                if (grid.drawable()) {
                    html.append("<h3>grid search of run ").append(esc(labels.get(i))).append(", ").append(esc(ReportFacts.label(t)))
                        .append(" (thick line: the best point)</h3>\n").append(grid.render());
                    drawn = true;
                }
            }
        }
        if (!drawn) {
            html.append("<p class=\"note\">").append(metric == null ? "No evaluation metric to plot against."
                    : "Nothing to plot: fewer than two runs with " + esc(metric) + " and no grid search, or no hyperparameter differs.")
                .append(" Compare several runs of one job (or pick one with <code>--metric</code>).</p>\n");
        }
    }

    /** Per run: data sources → trainings → model files, each with its full path and hash on hover. */
    private void lineage() {
        html.append("<h2 id=\"lineage\">Lineage</h2>\n");
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot s = snapshots.get(i);
            html.append("<div class=\"lineage\" data-run=\"").append(i).append("\"><div class=\"col run\">").append(swatch(i))
                .append(esc(labels.get(i))).append("</div><div class=\"col data\">");
            int boxes = 0;
            for (DataSource d : s.dataSources) {
                box("data", Format.fileName(d.uri) + (d.rows != null ? " · " + d.rows + " rows" : "") + (d.kind == io.runledger.snapshot.SourceKind.MODEL ? " (model)" : ""),
                        d.uri + (d.sha256 != null ? "\nsha256 " + d.sha256 : ""));
                boxes++;
            }
            for (Training t : s.trainings) {
                for (DataInput d : t.dataInputs) {
                    if (d.uri == null && d.sha256 != null) {   // in memory: its fingerprint is its identity
                        box("data", d.kind + (d.rows != null ? " · " + d.rows + " rows" : ""), "training #" + t.index + " input " + d.kind + "\nsha256 " + d.sha256);
                        boxes++;
                    }
                }
            }
            if (boxes == 0) {
                html.append("<span class=\"note\">no data recorded</span>");
            }
            html.append("</div><div class=\"arrow\">→</div><div class=\"col trainings\">");
            for (Training t : s.trainings) {
                box("training", "#" + t.index + " " + Format.simpleName(t.modelType == null ? "?" : t.modelType),
                        t.framework + " " + t.frameworkVersion + "\n" + Format.method(t.entryPoint)
                        + (RunDiff.lastScore(t) != null ? "\nfinal score " + RunDiff.lastScore(t) : ""));
            }
            html.append("</div><div class=\"arrow\">→</div><div class=\"col models\">");
            for (Artifact a : s.artifacts) {
                box("model", Format.fileName(a.path != null ? a.path : a.kind) + (a.training != null ? " ← #" + a.training : ""),
                        a.path + (a.sha256 != null ? "\nsha256 " + a.sha256 : "") + (a.sizeBytes != null ? "\n" + a.sizeBytes + " bytes" : ""));
            }
            if (s.artifacts.isEmpty()) {
                html.append("<span class=\"note\">no model file written</span>");
            }
            html.append("</div></div>\n");
        }
    }

    private void box(String cls, String text, String title) {
        html.append("<span class=\"box ").append(cls).append("\" title=\"").append(esc(title)).append("\">").append(esc(text)).append("</span>");
    }
}
