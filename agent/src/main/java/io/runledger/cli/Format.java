package io.runledger.cli;

import java.util.ArrayList;
import java.util.List;

import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.Training;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small text helpers for human-readable CLI output. */
final class Format {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String when(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "-";
        }
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /** A start time to the minute, in the local zone (named in the column's header). */
    static String minute(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "-";
        }
        try {
            return MINUTE.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    static String duration(Long millis) {
        if (millis == null) {
            return "-";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        if (d.getSeconds() < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m" + String.format(Locale.ROOT, "%02d", d.getSeconds() % 60) + "s";
        }
        return d.toHours() + "h" + String.format(Locale.ROOT, "%02d", d.toMinutes() % 60) + "m";
    }

    static String bytes(Number n) {
        if (n == null) {
            return "-";
        }
        double b = n.doubleValue();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? (long) b + " B" : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    /** The local time zone's name, shown next to local times (e.g. "UTC", "Europe/Berlin"). */
    static String zone() {
        return ZoneId.systemDefault().getId();
    }

    /** A number to 4 significant digits (integers as they are); anything else as text. */
    static String value(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Double.isNaN(d) || Double.isInfinite(d) ? String.valueOf(d) : String.valueOf((long) d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The first 12 hex digits of a hash: enough to tell files apart on screen (--json has them whole). */
    static String shortHash(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }

    /** The non-empty parts, two spaces apart. */
    static String parts(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                kept.add(p);
            }
        }
        return String.join("  ", kept);
    }

    /** The last part of a path or URI ("?" for none); a directory's trailing slash dropped. */
    static String fileName(String path) {
        if (path == null) {
            return "?";
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** An evaluation's type: a class's simple name, or {@code Class.method} for a static call (Smile's validations). */
    static String evaluationName(String type) {
        String last = simpleName(type);
        if (!last.isEmpty() && Character.isLowerCase(last.charAt(0)) && type.length() > last.length() + 1) {
            return simpleName(type.substring(0, type.length() - last.length() - 1)) + "." + last;
        }
        return last;
    }

    /** {@code org.tribuo.classification.sgd.linear.LogisticRegressionTrainer} becomes {@code LogisticRegressionTrainer}. */
    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 || dot == className.length() - 1 ? className : className.substring(dot + 1);
    }

    /**
     * A recorded entry point, readably: {@code fit(smile.data.formula.Formula,[[D,[I)} becomes
     * {@code fit(Formula, double[][], int[])}.
     */
    static String method(String entryPoint) {
        if (entryPoint == null) {
            return "";
        }
        int open = entryPoint.indexOf('(');
        int close = entryPoint.lastIndexOf(')');
        if (open < 0 || close < open) {
            return entryPoint;
        }
        List<String> params = new ArrayList<>();
        for (String p : entryPoint.substring(open + 1, close).split(",")) {
            if (!p.trim().isEmpty()) {
                params.add(type(p.trim()));
            }
        }
        String name = entryPoint.substring(0, open);
        int method = name.lastIndexOf('.');
        int type = method < 0 ? -1 : name.lastIndexOf('.', method - 1);
        return name.substring(type + 1) + "(" + String.join(", ", params) + ")";   // a qualified name as Type.method
    }

    private static String type(String t) {
        int dims = 0;
        while (dims < t.length() && t.charAt(dims) == '[') {
            dims++;
        }
        String base = t.substring(dims);
        if (dims > 0) {
            switch (base) {
                case "D": base = "double"; break;
                case "F": base = "float"; break;
                case "I": base = "int"; break;
                case "J": base = "long"; break;
                case "Z": base = "boolean"; break;
                case "B": base = "byte"; break;
                case "S": base = "short"; break;
                case "C": base = "char"; break;
                default: base = base.startsWith("L") && base.endsWith(";") ? base.substring(1, base.length() - 1) : base;
            }
        }
        StringBuilder b = new StringBuilder(simpleName(base));
        for (int i = 0; i < dims; i++) {
            b.append("[]");
        }
        return b.toString();
    }

    static String text(Object value) {
        return value == null ? "-" : String.valueOf(value);
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    /** The frameworks the run trained with, comma-separated, or "-". */
    static String frameworks(Snapshot snapshot) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Training t : snapshot.trainings) {
            names.add(t.framework == null ? "?" : t.framework);
        }
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    /** A plain-text table: columns as wide as their widest cell, two spaces apart, the last one unpadded. */
    static String table(String[] header, List<String[]> rows) {
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
        StringBuilder sb = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : pad(r[i], widths[i] + 2));
            }
            sb.append(line.toString().trim()).append('\n');
        }
        return sb.toString();
    }
}
