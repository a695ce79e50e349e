package io.runledger.cli;

import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.FeatureStep;
import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;
import io.runledger.snapshot.RunInfo;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for one or more runs: summary, loss curves (inline SVG, one line per run,
 * linear or log scale), evaluations, data, hyperparameters, feature steps, environment, dependencies,
 * and for several runs the diff of the first against each other. No request leaves the page. Every
 * string taken from a snapshot goes through {@link #esc}; the one script reads nothing from snapshots.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
    private static final int W = 720;
    private static final int H = 300;
    private static final int PAD = 48;

    private final List<RunStore.Entry> runs;
    private final StringBuilder html = new StringBuilder();

    HtmlReport(List<RunStore.Entry> runs) {
        this.runs = runs;
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

    /** A value as text (lists and maps as their JSON); "" for none. */
    private static String text(Object value) {
        String t = RunDiff.text(value);
        return t == null ? "" : t;
    }

    /** The page's one script: it reads nothing from the snapshots. */
    static final String SCRIPT = "(function(){var b=document.getElementById('logscale');"
            + "b.addEventListener('change',function(){document.body.className=b.checked?'log':'lin';});"
            + "document.body.setAttribute('data-ready','1');})();";
    /** The CSP allows exactly that script, by its hash, and no other inline script (no 'unsafe-inline'). */
    static final String SCRIPT_HASH = "sha256-" + java.util.Base64.getEncoder().encodeToString(
            io.runledger.util.Hex.sha256().digest(SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    String render() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '")
            .append(SCRIPT_HASH).append("'; img-src data:\">")
            .append("<title>RunLedger report</title><style>")
            .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}")
            .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top;font-size:13px}")
            .append("th{background:#f5f5f5}.mono{font-family:monospace;font-size:12px;word-break:break-all}.chg{background:#fff3c4}")
            .append(".legend span{display:inline-block;margin-right:16px}.swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}")
            .append("svg{background:#fcfcfc;border:1px solid #eee}.log .linear,.lin .logscale{display:none}</style></head>\n<body class=\"lin\">\n");
        html.append("<h1>RunLedger report: ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("</h1>\n");
        summary();
        charts();
        evaluations();
        perRun("Data sources", this::dataSources);
        perRun("Hyperparameters", this::hyperparameters);
        perRun("Feature steps", this::featureSteps);
        perRun("Environment", this::environment);
        perRun("Dependencies", this::dependencies);
        diffs();
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private void summary() {
        html.append("<h2>Runs</h2><table><tr><th></th><th>run</th><th>name</th><th>status</th><th>started</th><th>duration</th><th>main</th><th>frameworks</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            Snapshot s = runs.get(i).snapshot;
            RunInfo run = s.run;
            html.append("<tr><td><span class=\"swatch\" style=\"background:").append(colour(i)).append("\"></span></td><td class=\"mono\">")
                .append(esc(run.id)).append("</td><td>").append(esc(text(run.name))).append("</td><td>")
                .append(esc(text(run.status))).append(run.exitCode != null ? " (exit " + run.exitCode + ")" : "")
                .append("</td><td>").append(esc(Format.when(run.startedAt))).append("</td><td>")
                .append(esc(Format.duration(run.durationMillis))).append("</td><td class=\"mono\">")
                .append(esc(text(s.process == null ? null : s.process.mainClass))).append("</td><td>").append(esc(Format.frameworks(s))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (RunStore.Entry e : runs) {
            if (e.unverified != null) {
                html.append("<p class=\"unverified\"><strong>Not verified:</strong> run <span class=\"mono\">").append(esc(e.id))
                    .append("</span> is ").append(esc(e.unverified)).append(". What this page shows of it may not be what was recorded.</p>\n");
            }
        }
    }

    /** The loss per iteration and per epoch: the first training of each run that has the series. */
    private void charts() {
        html.append("<h2>Loss</h2><label><input type=\"checkbox\" id=\"logscale\"> log scale</label>\n<div class=\"legend\">");
        for (int i = 0; i < runs.size(); i++) {
            html.append("<span><span class=\"swatch\" style=\"background:").append(colour(i)).append("\"></span>")
                .append(esc(text(runs.get(i).snapshot.run.name))).append(" ")
                .append(esc(runs.get(i).id.substring(0, 8))).append("</span>");
        }
        html.append("</div>\n");
        for (String series : new String[] {"score", "score.epoch"}) {
            List<double[][]> lines = new ArrayList<>();
            for (RunStore.Entry e : runs) {
                lines.add(points(e.snapshot, series));
            }
            boolean any = false;
            for (double[][] l : lines) {
                any |= l.length > 0;
            }
            if (!any) {
                continue;
            }
            html.append("<h3>").append(series.equals("score") ? "per iteration" : "per epoch").append("</h3>\n");
            chart(lines, false, series);
            chart(lines, true, series);
        }
    }

    private static double[][] points(Snapshot snapshot, String series) {
        for (Training t : snapshot.trainings) {
            for (MetricSeries m : t.metrics) {
                if (m.name.equals(series)) {
                    List<double[]> out = new ArrayList<>();
                    for (MetricPoint p : m.points) {
                        out.add(new double[] {p.iteration, p.value});
                    }
                    return out.toArray(new double[0][]);
                }
            }
        }
        return new double[0][];
    }

    private void chart(List<double[][]> lines, boolean log, String series) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[][] l : lines) {
            for (double[] p : l) {
                double y = log ? Math.log10(Math.max(p[1], 1e-12)) : p[1];
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        html.append("<svg class=\"").append(log ? "logscale" : "linear").append("\" data-series=\"").append(series)
            .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - 10).append("\" y2=\"").append(H - PAD)
            .append("\" stroke=\"#999\"/><line x1=\"").append(PAD).append("\" y1=\"10\" x2=\"").append(PAD).append("\" y2=\"").append(H - PAD)
            .append("\" stroke=\"#999\"/>");
        html.append(label(PAD - 4, 16, format(log ? Math.pow(10, maxY) : maxY), "end"))
            .append(label(PAD - 4, H - PAD, format(log ? Math.pow(10, minY) : minY), "end"))
            .append(label(PAD, H - PAD + 16, format(minX), "start")).append(label(W - 10, H - PAD + 16, format(maxX), "end"));
        for (int i = 0; i < lines.size(); i++) {
            double[][] l = lines.get(i);
            if (l.length == 0) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (double[] p : l) {
                double y = log ? Math.log10(Math.max(p[1], 1e-12)) : p[1];
                double sx = PAD + (p[0] - minX) / (maxX - minX) * (W - PAD - 10);
                double sy = (H - PAD) - (y - minY) / (maxY - minY) * (H - PAD - 10);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx, sy));
            }
            html.append("<polyline class=\"series\" data-run=\"").append(i).append("\" fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                .append(colour(i)).append("\" points=\"").append(pts.toString().trim()).append("\"/>");
        }
        html.append("</svg>\n");
    }

    private static String label(int x, int y, String text, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" text-anchor=\"" + anchor + "\" fill=\"#555\">" + esc(text) + "</text>";
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 || Math.abs(v) < 0.01 && v != 0 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private void evaluations() {
        html.append("<h2>Evaluations</h2><table><tr><th>run</th><th>training</th><th>evaluation</th><th>metric</th><th>value</th></tr>\n");
        for (RunStore.Entry e : runs) {
            for (Training t : e.snapshot.trainings) {
                for (Evaluation ev : t.evaluations) {
                    for (Map.Entry<String, Object> m : ev.metrics.entrySet()) {
                        html.append("<tr><td class=\"mono\">").append(esc(e.id.substring(0, 8))).append("</td><td>#").append(t.index)
                            .append(' ').append(esc(simple(text(t.modelType)))).append("</td><td>").append(esc(text(ev.type)))
                            .append("</td><td>").append(esc(m.getKey())).append("</td><td>").append(esc(text(m.getValue()))).append("</td></tr>\n");
                    }
                }
            }
        }
        html.append("</table>\n");
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private interface Section {
        void render(Snapshot snapshot);
    }

    private void perRun(String title, Section section) {
        html.append("<h2>").append(esc(title)).append("</h2>\n");
        for (RunStore.Entry e : runs) {
            html.append("<h3 class=\"mono\">").append(esc(e.id)).append("</h3>\n");
            section.render(e.snapshot);
        }
    }

    private void table(String[] header, List<String[]> rows) {
        html.append("<table><tr>");
        for (String h : header) {
            html.append("<th>").append(esc(h)).append("</th>");
        }
        html.append("</tr>\n");
        for (String[] r : rows) {
            html.append("<tr>");
            for (String c : r) {
                html.append("<td class=\"mono\">").append(esc(c)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void dataSources(Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        for (DataSource d : s.dataSources) {
            rows.add(new String[] {text(d.uri), text(d.sizeBytes), text(d.sha256)});
        }
        table(new String[] {"source", "bytes", "sha256"}, rows);
    }

    private void hyperparameters(Snapshot s) {
        for (Training t : s.trainings) {
            html.append("<p>training #").append(t.index).append(' ').append(esc(text(t.modelType)))
                .append(" via ").append(esc(text(t.entryPoint))).append("</p>");
            List<String[]> rows = new ArrayList<>();
            RunDiff.flat(t.hyperparameters).forEach((k, v) -> rows.add(new String[] {k, v}));
            RunDiff.flat(t.seeds).forEach((k, v) -> rows.add(new String[] {"seed " + k, v}));
            table(new String[] {"hyperparameter", "value"}, rows);
            for (String w : t.warnings) {
                html.append("<p class=\"chg\">").append(esc(w)).append("</p>");
            }
        }
    }

    private void featureSteps(Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        for (Training t : s.trainings) {
            for (FeatureStep step : t.featureSteps) {
                rows.add(new String[] {"#" + t.index, text(step.type), text(step.parameters)});
            }
        }
        table(new String[] {"training", "step", "parameters"}, rows);
    }

    private void environment(Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"jvm", s.jvm == null ? "" : text(s.jvm.vendor) + " " + text(s.jvm.version)});
        rows.add(new String[] {"jvm flags", s.process == null ? "" : text(s.process.jvmArguments)});
        rows.add(new String[] {"host", s.host == null ? "" : text(s.host.cpuModel) + ", " + s.host.logicalCores + " threads, "
                + Format.bytes(s.host.memoryBytes) + ", " + text(s.host.os)});
        rows.add(new String[] {"git", s.code == null ? "" : text(s.code.commit) + (s.code.dirty ? " (dirty)" : "")});
        RunDiff.flat(s.environment == null ? null : s.environment.variables).forEach((k, v) -> rows.add(new String[] {"env " + k, v}));
        table(new String[] {"what", "value"}, rows);
    }

    private void dependencies(Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        for (Dependency d : s.dependencies) {
            rows.add(new String[] {text(d.file), text(d.group) + ":" + text(d.artifact), text(d.version), text(d.sha256)});
        }
        table(new String[] {"file", "artifact", "version", "sha256"}, rows);
    }

    private void diffs() {
        for (int i = 1; i < runs.size(); i++) {
            html.append("<h2>What changed: ").append(esc(runs.get(0).id.substring(0, 8))).append(" → ")
                .append(esc(runs.get(i).id.substring(0, 8))).append("</h2>\n");
            List<RunDiff.Change> changes = new RunDiff(runs.get(0).snapshot, runs.get(i).snapshot, false).compute();
            if (changes.isEmpty()) {
                html.append("<p>no differences</p>\n");
                continue;
            }
            html.append("<table><tr><th>section</th><th>what</th><th>before</th><th>after</th></tr>\n");
            for (RunDiff.Change c : changes) {
                html.append("<tr class=\"chg\"><td>").append(esc(c.section)).append("</td><td class=\"mono\">").append(esc(c.key))
                    .append("</td><td class=\"mono\">").append(esc(c.before)).append("</td><td class=\"mono\">").append(esc(c.after)).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }
}
