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
