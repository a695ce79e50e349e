package io.runledger.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One metric series of several runs as inline SVG: axes with ticks and titles, integer steps on the x
 * axis, one line per run in its colour and dash, a legend, values on hover (an SVG title per marker),
 * a linear and a log-scale drawing, and each line drawn raw and smoothed (exponential moving average);
 * the page's CSS shows the drawing the reader chose. Everything is computed here: the page's script only
 * switches classes.
 */
final class ReportChart {

    /** Smoothing weights offered, as in the page's selector (0 = raw). */
    static final double[] SMOOTHING = {0, 0.6, 0.9};
    private static final int W = 760;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;
    /** At most this many vertices per drawn line and hover markers per line: a page stays small for 100,000 steps. */
    private static final int MAX_VERTICES = 800;
    private static final int MAX_MARKERS = 120;

    /** One run's series. */
    static final class Line {
        final int run;
        final String label;
        final long[] x;
        final double[] y;

        Line(int run, String label, long[] x, double[] y) {
            this.run = run;
            this.label = label;
            this.x = x;
            this.y = y;
        }
    }

    private final String series;
    private final String xTitle;
    private final List<Line> lines;

    ReportChart(String series, String xTitle, List<Line> lines) {
        this.series = series;
        this.xTitle = xTitle;
        this.lines = lines;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart\" data-series=\"").append(HtmlReport.esc(series)).append("\">");
        svg(b, false);
        if (allPositive()) {
            svg(b, true);
        } else {
            b.append("<p class=\"logscale note\">log scale: this series has values ≤ 0</p>");
        }
        b.append("</figure>\n");
        return b.toString();
    }

    private boolean allPositive() {
        for (Line l : lines) {
            for (double v : l.y) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void svg(StringBuilder b, boolean log) {
        long minX = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x.length; i++) {
                if (Double.isFinite(l.y[i])) {
                    minX = Math.min(minX, l.x[i]);
                    maxX = Math.max(maxX, l.x[i]);
                    double y = log ? Math.log10(l.y[i]) : l.y[i];
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (minX > maxX) {
            return;
        }
        double[] yTicks = log ? logTicks(minY, maxY) : ticks(minY, maxY, 6, false);
        double[] xTicks = ticks(minX, maxX, 8, true);
        Scale sx = new Scale(Math.min(minX, xTicks[0]), Math.max(maxX, xTicks[xTicks.length - 1]), LEFT, W - RIGHT);
        Scale sy = new Scale(Math.min(minY, yTicks[0]), Math.max(maxY, yTicks[yTicks.length - 1]), H - BOTTOM, TOP);

        b.append("<svg class=\"").append(log ? "logscale" : "linear").append("\" data-series=\"").append(HtmlReport.esc(series))
            .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
            .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"").append(HtmlReport.esc(series)).append(" per ")
            .append(HtmlReport.esc(xTitle)).append("\">");
        b.append("<g class=\"axis x\">");
        for (double t : xTicks) {
            double px = sx.at(t);
            b.append(line(px, TOP, px, H - BOTTOM, "grid")).append(line(px, H - BOTTOM, px, H - BOTTOM + 5, "tick"))
                .append(text(px, H - BOTTOM + 18, "middle", "tick-label", String.valueOf((long) t)));
        }
        b.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "domain"))
            .append(text((LEFT + W - RIGHT) / 2.0, H - 6, "middle", "axis-title", xTitle)).append("</g>");
        b.append("<g class=\"axis y\">");
        for (double t : yTicks) {
            double py = sy.at(t);
            b.append(line(LEFT, py, W - RIGHT, py, "grid")).append(line(LEFT - 5, py, LEFT, py, "tick"))
                .append(text(LEFT - 8, py + 4, "end", "tick-label", Format.number(log ? Math.pow(10, t) : t)));
        }
        b.append(line(LEFT, TOP, LEFT, H - BOTTOM, "domain"))
            .append("<text class=\"axis-title\" transform=\"translate(14,").append(fmt((TOP + H - BOTTOM) / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\">").append(HtmlReport.esc(series + (log ? " (log)" : ""))).append("</text></g>");

        for (Line l : lines) {
            for (int s = 0; s < SMOOTHING.length; s++) {
                double[] y = smooth(l.y, SMOOTHING[s]);
                StringBuilder pts = new StringBuilder();
                int step = Math.max(1, (l.x.length + MAX_VERTICES - 1) / MAX_VERTICES);
                for (int i = 0; i < l.x.length; i += step) {
                    vertex(pts, sx, sy, l.x[i], y[i], log);
                }
                if ((l.x.length - 1) % step != 0) {
                    vertex(pts, sx, sy, l.x[l.x.length - 1], y[l.x.length - 1], log);
                }
                b.append("<polyline class=\"series sm").append(s).append("\" data-run=\"").append(l.run).append("\" fill=\"none\" stroke=\"")
                    .append(HtmlReport.colour(l.run)).append("\" stroke-dasharray=\"").append(HtmlReport.dash(l.run))
                    .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
            }
        }
        for (Line l : lines) {
            b.append("<g class=\"markers\" data-run=\"").append(l.run).append("\">");
            int step = Math.max(1, (l.x.length + MAX_MARKERS - 1) / MAX_MARKERS);
            for (int i = 0; i < l.x.length; i += step) {
                marker(b, l, i, sx, sy, log);
            }
            if ((l.x.length - 1) % step != 0) {
                marker(b, l, l.x.length - 1, sx, sy, log);
            }
            b.append("</g>");
        }
        legend(b);
        b.append("</svg>");
    }

    private void legend(StringBuilder b) {
        int y = TOP + 8;
        b.append("<g class=\"legend\">");
        for (Line l : lines) {
            double x = W - RIGHT - 190;
            b.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y).append("\" x2=\"").append(fmt(x + 28)).append("\" y2=\"").append(y)
                .append("\" stroke=\"").append(HtmlReport.colour(l.run)).append("\" stroke-width=\"2\" stroke-dasharray=\"")
                .append(HtmlReport.dash(l.run)).append("\"/>").append(text(x + 34, y + 4, "start", "legend-label", l.label));
            y += 16;
        }
        b.append("</g>");
    }

    private void marker(StringBuilder b, Line l, int i, Scale sx, Scale sy, boolean log) {
        if (!Double.isFinite(l.y[i])) {
            return;
        }
        b.append("<circle class=\"hover\" r=\"4\" cx=\"").append(fmt(sx.at(l.x[i]))).append("\" cy=\"")
            .append(fmt(sy.at(log ? Math.log10(l.y[i]) : l.y[i]))).append("\" fill=\"").append(HtmlReport.colour(l.run)).append("\"><title>")
            .append(HtmlReport.esc(l.label + " · " + xTitle + " " + l.x[i] + ": " + series + " = " + l.y[i])).append("</title></circle>");
    }

    private static void vertex(StringBuilder pts, Scale sx, Scale sy, long x, double y, boolean log) {
        if (Double.isFinite(y)) {
            pts.append(fmt(sx.at(x))).append(',').append(fmt(sy.at(log ? Math.log10(y) : y))).append(' ');
        }
    }

    /** Exponential moving average with the start-up bias removed (so the first points are not pulled to 0). */
    static double[] smooth(double[] y, double weight) {
        if (weight == 0) {
            return y;
        }
        double[] out = new double[y.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            last = last * weight + (1 - weight) * y[i];
            n++;
            out[i] = last / (1 - Math.pow(weight, n));
        }
        return out;
    }

    /** Round ticks (1, 2 or 5 times a power of ten) covering [min, max]; integers only when asked. */
    static double[] ticks(double min, double max, int target, boolean integers) {
        if (max <= min) {
            double pad = integers ? 1 : Math.max(Math.abs(min) * 0.05, 1e-9);
            min -= integers ? 0 : pad;
            max += pad;
        }
        double raw = (max - min) / Math.max(1, target - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        if (integers) {
            step = Math.max(1, Math.rint(step));
        }
        double first = Math.floor(min / step) * step;
        List<Double> out = new ArrayList<>();
        for (double t = first; t <= max + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        if (out.get(out.size() - 1) < max) {
            out.add(out.get(out.size() - 1) + step);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Ticks for log10 values: whole decades when the range spans two or more, else round ticks of the exponent. */
    static double[] logTicks(double min, double max) {
        if (Math.floor(max) - Math.ceil(min) >= 1) {
            int lo = (int) Math.floor(min);
            int hi = (int) Math.ceil(max);
            int step = Math.max(1, (hi - lo + 7) / 8);
            return java.util.stream.IntStream.iterate(lo, e -> e <= hi, e -> e + step).asDoubleStream().toArray();
        }
        // under two decades: round values in the data's own units and the powers of ten between, placed by their logarithm
        java.util.TreeSet<Double> out = new java.util.TreeSet<>();
        for (double t : ticks(Math.pow(10, min), Math.pow(10, max), 6, false)) {
            if (t > 0) {
                out.add(Math.log10(t));
            }
        }
        for (int e = (int) Math.ceil(min); e <= Math.floor(max); e++) {
            out.add((double) e);
        }
        if (out.isEmpty()) {
            return new double[] {min, max};
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A linear map from a data range to pixels. */
    private static final class Scale {
        final double d0;
        final double d1;
        final double p0;
        final double p1;

        Scale(double d0, double d1, double p0, double p1) {
            this.d0 = d0;
            this.d1 = d1 == d0 ? d0 + 1 : d1;
            this.p0 = p0;
            this.p1 = p1;
        }

        double at(double v) {
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\"/>";
    }

    static String text(double x, double y, String anchor, String cls, String text) {
        return "<text class=\"" + cls + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + HtmlReport.esc(text) + "</text>";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
