package io.runledger.util;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written as {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(t.substring(0, digits));
        switch (t.substring(digits).trim()) {
            case "ms":
                return Duration.ofMillis(n);
            case "":
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException(text);
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        return ms / 1000 + "s";
    }
}
