package io.runledger.cli;

import io.runledger.snapshot.Evaluation;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hyperparameters against a metric as parallel coordinates (one vertical axis per hyperparameter that
 * varies, the metric last, one line per point): the points are the runs shown (their first training that
 * was evaluated with the metric), or a grid search's points inside one training (Spark's tuning grid).
 */
final class ReportSweep {

    private static final int MAX_AXES = 8;
    private static final int AXIS_GAP = 170;
    private static final int H = 300;
    private static final int TOP = 52;
    private static final int BOTTOM = 24;

    /** One point: its label, colour index, hyperparameters as text, the metric. */
    static final class Point {
        final String label;
        final int colour;
        final Map<String, String> params;
        final double metric;
        final boolean best;

        Point(String label, int colour, Map<String, String> params, double metric, boolean best) {
            this.label = label;
            this.colour = colour;
            this.params = params;
            this.metric = metric;
            this.best = best;
        }
    }

    /** The evaluation metric most of the runs have (ties: the first seen); null when none has one. */
    static String defaultMetric(List<Snapshot> runs) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Snapshot s : runs) {
            Set<String> names = new LinkedHashSet<>();
            for (Training t : s.trainings) {
                for (Evaluation e : t.evaluations) {
                    e.metrics.forEach((k, v) -> {
                        if (v instanceof Number) {
                            names.add(k);
                        }
                    });
                }
            }
            names.forEach(n -> count.merge(n, 1, Integer::sum));
        }
        String best = null;
        for (Map.Entry<String, Integer> e : count.entrySet()) {
            if (best == null || e.getValue() > count.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** Each run's first training evaluated with the metric, as a point. */
    static List<Point> ofRuns(List<Snapshot> runs, List<String> labels, String metric) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            found:
            for (Training t : runs.get(i).trainings) {
                for (Evaluation e : t.evaluations) {
                    Object v = e.metrics.get(metric);
                    if (v instanceof Number) {
                        out.add(new Point(labels.get(i), i, RunDiff.flat(t.hyperparameters), ((Number) v).doubleValue(), false));
                        break found;
                    }
                }
            }
        }
        return out;
    }

    /** A training's grid points ({@code details.grid}: params as "Stage.name=value, …" and the metric of each). */
    static List<Point> ofGrid(Training t) {
        Object grid = t.details == null ? null : t.details.get("grid");
        if (!(grid instanceof List)) {
            return new ArrayList<>();
        }
        Object bestIndex = t.details.get("bestIndex");
        List<Point> out = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) grid) {
            if (o instanceof Map && ((Map<?, ?>) o).get("metric") instanceof Number) {
                Map<String, String> params = new LinkedHashMap<>();
                for (String pair : String.valueOf(((Map<?, ?>) o).get("params")).split(", ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        params.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                out.add(new Point("grid point " + i, i, params, ((Number) ((Map<?, ?>) o).get("metric")).doubleValue(),
                        bestIndex instanceof Number && ((Number) bestIndex).intValue() == i));
            }
            i++;
        }
        return out;
    }

    private final String metric;
    private final List<Point> points;
    private final List<String> axes = new ArrayList<>();

    ReportSweep(String metric, List<Point> points) {
        this.metric = metric;
        this.points = points;
        Set<String> keys = new LinkedHashSet<>();
        points.forEach(p -> keys.addAll(p.params.keySet()));
        Map<List<String>, String> byValues = new LinkedHashMap<>();
        for (String k : keys) {
            List<String> values = new ArrayList<>();
            points.forEach(p -> values.add(String.valueOf(p.params.get(k))));
            if (new TreeSet<>(values).size() < 2) {
                continue;
            }
            String same = byValues.putIfAbsent(values, k);
            if (same != null) {   // the same values point for point (one rate set on every layer): one axis
                sameAs.merge(same, 1, Integer::sum);
            } else if (axes.size() < MAX_AXES) {
                axes.add(k);
            }
        }
    }

    /** An axis → how many other hyperparameters had exactly its values. */
    private final Map<String, Integer> sameAs = new LinkedHashMap<>();

    /** Something to draw: two points or more and a hyperparameter that varies among them. */
    boolean drawable() {
        return points.size() >= 2 && !axes.isEmpty();
    }

    String render() {
        int w = AXIS_GAP * axes.size() + 2 * 90;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"sweep\" width=\"").append(w).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(w).append(' ').append(H)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"hyperparameters against ").append(HtmlReport.esc(metric)).append("\">");
        List<Axis> all = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            List<String> values = new ArrayList<>();
            for (Point p : points) {
                values.add(p.params.get(axes.get(i)));
            }
            all.add(new Axis(axes.get(i), sameAs.getOrDefault(axes.get(i), 0), 90 + i * AXIS_GAP, i, values));
        }
        List<String> metrics = new ArrayList<>();
        for (Point p : points) {
            metrics.add(String.valueOf(p.metric));
        }
        all.add(new Axis(metric, 0, 90 + axes.size() * AXIS_GAP, axes.size(), metrics));
        for (Axis a : all) {
            a.render(b);
        }
        for (Point p : points) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < all.size(); i++) {
                String v = i < axes.size() ? p.params.get(axes.get(i)) : String.valueOf(p.metric);
                pts.append(ReportChart.fmt(all.get(i).x)).append(',').append(ReportChart.fmt(all.get(i).y(v))).append(' ');
            }
            StringBuilder title = new StringBuilder(p.label + (p.best ? " (best)" : "") + ": ");
            for (String k : axes) {
                title.append(k).append('=').append(p.params.get(k)).append(", ");
            }
            title.append(metric).append(" = ").append(p.metric);
            b.append("<polyline class=\"point").append(p.best ? " best" : "").append("\" fill=\"none\" stroke=\"").append(HtmlReport.colour(p.colour))
                .append("\" stroke-width=\"").append(p.best ? 3.5 : 2).append("\" stroke-dasharray=\"").append(HtmlReport.dash(p.colour))
                .append("\" points=\"").append(pts.toString().trim()).append("\"><title>").append(HtmlReport.esc(title.toString()))
                .append("</title></polyline>");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** A vertical axis: numeric values spread linearly, anything else as evenly spaced sorted categories. */
    private static final class Axis {
        final String name;
        final int alsoFor;
        final double x;
        /** Titles alternate between two heights so that long neighbours do not overlap. */
        final int titleY;
        final List<String> categories = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean numeric = true;

        Axis(String name, int alsoFor, double x, int position, List<String> values) {
            this.name = name;
            this.alsoFor = alsoFor;
            this.x = x;
            this.titleY = position % 2 == 0 ? TOP - 26 : TOP - 10;
            Set<String> sorted = new TreeSet<>();
            for (String v : values) {
                sorted.add(String.valueOf(v));
                Double d = number(v);
                if (d == null) {
                    numeric = false;
                } else {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
            categories.addAll(sorted);
        }

        static Double number(String v) {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? d : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        double y(String v) {
            double bottom = H - BOTTOM;
            double span = bottom - TOP;
            if (numeric) {
                Double d = number(v);
                return max == min ? (TOP + bottom) / 2 : bottom - (d - min) / (max - min) * span;
            }
            int i = categories.indexOf(String.valueOf(v));
            return categories.size() == 1 ? (TOP + bottom) / 2 : bottom - i * span / (categories.size() - 1);
        }

        void render(StringBuilder b) {
            String shortName = (name.length() > 30 ? "…" + name.substring(name.length() - 29) : name) + (alsoFor > 0 ? " (+" + alsoFor + ")" : "");
            String fullName = name + (alsoFor > 0 ? " and " + alsoFor + " more with the same values" : "");
            b.append("<g class=\"axis\" data-name=\"").append(HtmlReport.esc(name)).append("\"><line class=\"domain\" x1=\"").append(ReportChart.fmt(x))
                .append("\" y1=\"").append(TOP).append("\" x2=\"").append(ReportChart.fmt(x)).append("\" y2=\"").append(H - BOTTOM).append("\"/>")
                .append("<text class=\"axis-title\" x=\"").append(ReportChart.fmt(x)).append("\" y=\"").append(titleY)
                .append("\" text-anchor=\"middle\">").append(HtmlReport.esc(shortName)).append("<title>").append(HtmlReport.esc(fullName)).append("</title></text>");
            if (numeric) {
                label(b, H - BOTTOM, Format.number(min));
                if (max != min) {
                    label(b, TOP, Format.number(max));
                }
            } else {
                for (int i = 0; i < categories.size() && i < 10; i++) {
                    label(b, y(categories.get(i)), categories.get(i).length() > 18 ? categories.get(i).substring(0, 17) + "…" : categories.get(i));
                }
            }
            b.append("</g>");
        }

        private void label(StringBuilder b, double y, String text) {
            b.append(ReportChart.text(x - 6, y + 4, "end", "tick-label", text));
        }
    }
}
