package io.runledger.config;

import io.runledger.util.Durations;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key, declared once: its name, how its text is parsed and shown, its default and
 * what it accepts (the text of the warning for a bad value and of the README's table).
 *
 * @param <T> the parsed value's type
 */
public final class Setting<T> {

    /** How a value's text is parsed and shown (a switch, not lambdas: keys are declared in premain). */
    enum Kind { TEXT, URL, BOOL, PATH, DURATION, INTEGER, SIZE, LIST, CHOICE }

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String accepted;
    private final int min;
    private final int max;
    private final Class<? extends Enum<?>> choices;
    private final boolean recorded;
    private final String meaning;
    private final T parsedDefault;

    private Setting(String key, Kind kind, String defaultValue, String accepted, int min, int max, Class<? extends Enum<?>> choices,
                    boolean recorded, String meaning) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.accepted = accepted;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.recorded = recorded;
        this.meaning = meaning;
        this.parsedDefault = parse(defaultValue);
    }

    private static <T> Setting<T> of(String key, Kind kind, String defaultValue, String accepted) {
        return new Setting<>(key, kind, defaultValue, accepted, 0, 0, null, true, "");
    }

    static Setting<String> text(String key, String defaultValue, String accepted) {
        return of(key, Kind.TEXT, defaultValue, accepted);
    }

    /** A URL that may carry credentials: the snapshot shows it without them. */
    static Setting<String> url(String key, String defaultValue, String accepted) {
        return of(key, Kind.URL, defaultValue, accepted);
    }

    static Setting<Boolean> bool(String key, String defaultValue, String accepted) {
        return of(key, Kind.BOOL, defaultValue, accepted);
    }

    static Setting<Path> path(String key, String defaultValue, String accepted) {
        return of(key, Kind.PATH, defaultValue, accepted);
    }

    static Setting<Duration> duration(String key, String defaultValue, String accepted) {
        return of(key, Kind.DURATION, defaultValue, accepted);
    }

    static Setting<Integer> integer(String key, String defaultValue, int min, int max, String accepted) {
        return new Setting<>(key, Kind.INTEGER, defaultValue, accepted, min, max, null, true, "");
    }

    /** A byte count with an optional k, m, g or t suffix (powers of 1024). */
    static Setting<Long> size(String key, String defaultValue, String accepted) {
        return of(key, Kind.SIZE, defaultValue, accepted);
    }

    /** Values separated by {@code ;}, blanks dropped. */
    static Setting<List<String>> list(String key, String defaultValue, String accepted) {
        return of(key, Kind.LIST, defaultValue, accepted);
    }

    static <E extends Enum<E>> Setting<E> choice(String key, String defaultValue, Class<E> type, String accepted) {
        return new Setting<>(key, Kind.CHOICE, defaultValue, accepted, 0, 0, type, true, "");
    }

    /** The same setting, left out of the snapshot's {@code config} section (internal, or a pointer to other keys). */
    Setting<T> notRecorded() {
        return new Setting<>(key, kind, defaultValue, accepted, min, max, choices, false, meaning);
    }

    /** The same setting with what it does, for the README's configuration table. */
    Setting<T> means(String what) {
        return new Setting<>(key, kind, defaultValue, accepted, min, max, choices, recorded, what);
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String accepted() {
        return accepted;
    }

    /** What the key does (Markdown), for the README's configuration table. */
    public String meaning() {
        return meaning;
    }

    /** Whether the snapshot's {@code config} section lists this key. */
    public boolean recorded() {
        return recorded;
    }

    /** The parsed value; IllegalArgumentException for text this key does not accept. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    T parse(String text) {
        switch (kind) {
            case BOOL:
                return (T) Boolean.valueOf(parseBool(text));
            case PATH:
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("empty path");
                }
                return (T) Paths.get(text);
            case DURATION:
                return (T) Durations.parse(text);
            case INTEGER:
                int n = Integer.parseInt(text.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException("out of range");
                }
                return (T) Integer.valueOf(n);
            case SIZE:
                return (T) Long.valueOf(parseSize(text));
            case LIST:
                return (T) parseList(text);
            case CHOICE:
                return (T) Enum.valueOf((Class) choices, text.trim().toUpperCase(Locale.ROOT));
            default:
                return (T) text;
        }
    }

    T parsedDefault() {
        return parsedDefault;
    }

    /** A parsed value as the snapshot's {@code config} section shows it. */
    @SuppressWarnings("unchecked")
    String print(Object value) {
        switch (kind) {
            case URL:
                return String.valueOf(value).replaceFirst("//[^/@]*@", "//");   // credentials never reach the snapshot
            case DURATION:
                return Durations.format((Duration) value);
            case LIST:
                return String.join(";", (List<String>) value);
            case CHOICE:
                return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
            default:
                return String.valueOf(value);
        }
    }

    /** {@code run.name} is read from environment variable {@code RUNLEDGER_RUN_NAME} (dots and hyphens become underscores). */
    static String environmentName(String key) {
        return "RUNLEDGER_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static boolean parseBool(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    static List<String> parseList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.trim().isEmpty()) {
                out.add(part.trim());
            }
        }
        return Collections.unmodifiableList(out);
    }

    static long parseSize(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            int unit = "kmgt".indexOf(v.charAt(v.length() - 1));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                v = v.substring(0, v.length() - 1).trim();
            }
        }
        long n = Long.parseLong(v);   // NumberFormatException is an IllegalArgumentException
        if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("out of range: " + text);
        }
        return n << shift;
    }
}
