package io.runledger.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets before anything is written. A name is secret when one of its words (split at
 * non-alphanumerics and camelCase humps) is a secret word, or ends with a long one ({@code ACCESSTOKEN});
 * whole-word matching is what lets {@code KEYBOARD_LAYOUT} and {@code MONKEY_COUNT} through. Values are
 * also scanned whatever their name: URL passwords, JDBC {@code password=}, AWS key ids, JWTs, PEM blocks,
 * well-known token formats, and long high-entropy strings under a name that hints at a secret.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private static final Set<String> SECRET_WORDS = new TreeSet<>(Arrays.asList(
            "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "credential",
            "auth", "authorization", "oauth", "session", "cookie", "private", "privatekey", "signature",
            "certificate", "jwt", "bearer", "dsn", "otp", "salt"));

    /** Long enough to count at the end of a compound word without false hits ("monkey", "tokenizer"). */
    private static final List<String> SECRET_SUFFIXES = Arrays.asList(
            "password", "passwd", "secret", "token", "apikey", "credential", "credentials", "cookie", "privatekey",
            "passphrase", "signature", "certificate");

    /** Words that make a long random-looking value suspect even though the name alone is not secret. */
    private static final List<String> HINT_FRAGMENTS = Arrays.asList("key", "pass", "sec", "tok", "sig", "cred", "auth");

    private static final Pattern WORD_SPLIT = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:\\s]+):([^/@\\s]+)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)((?:^|[;?&:,\\s])(?:password|passwd|pwd|secret|token|access_?token|api_?key|sig|signature)=)([^;&\\s,)'\"]+)");
    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?(?:-----END [A-Z0-9 ]+-----|$)");
    private static final Pattern KNOWN_TOKENS = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|sk-[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\\b");
    private static final Pattern LOOKS_RANDOM = Pattern.compile("[A-Za-z0-9+/=_\\-.]{20,}");

    private final Set<String> extraWords;
    private final List<Pattern> extraGlobs;
    private final List<Pattern> allow;

    public Redactor(List<String> extraNames, List<String> allowNames) {
        Set<String> words = new TreeSet<>();
        List<Pattern> globs = new ArrayList<>();
        for (String name : extraNames) {
            if (name.contains("*") || name.contains("?")) {
                globs.add(glob(name));
            } else {
                words.add(name.toLowerCase(Locale.ROOT));
            }
        }
        this.extraWords = Collections.unmodifiableSet(words);
        this.extraGlobs = Collections.unmodifiableList(globs);
        List<Pattern> allowed = new ArrayList<>();
        for (String name : allowNames) {
            allowed.add(glob(name));
        }
        this.allow = Collections.unmodifiableList(allowed);
    }

    public static Redactor defaults() {
        return new Redactor(Collections.emptyList(), Arrays.asList("PWD", "OLDPWD"));
    }

    /** True when a value stored under {@code name} must never be written. */
    public boolean isSecretName(String name) {
        if (name == null || isAllowed(name)) {
            return false;
        }
        for (Pattern g : extraGlobs) {
            if (g.matcher(name).matches()) {
                return true;
            }
        }
        String whole = name.toLowerCase(Locale.ROOT);
        for (String word : WORD_SPLIT.split(name)) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            String singular = w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
            if (SECRET_WORDS.contains(w) || SECRET_WORDS.contains(singular) || extraWords.contains(w)) {
                return true;
            }
            for (String suffix : SECRET_SUFFIXES) {
                if (w.endsWith(suffix)) {
                    return true;
                }
            }
        }
        for (String extra : extraWords) {
            if (whole.contains(extra) && extra.length() >= 5) {
                return true;
            }
        }
        return false;
    }

    private boolean isAllowed(String name) {
        for (Pattern p : allow) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The value to write for {@code name=value}. */
    public String redact(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecretName(name)) {
            return value.isEmpty() ? value : MASK;
        }
        if (name != null && !isAllowed(name) && hintsAtSecret(name) && looksRandom(value)) {
            return MASK;
        }
        return isAllowed(name == null ? "" : name) ? value : redactValue(value);
    }

    /** Scrubs secrets that are recognisable by their shape alone. */
    public String redactValue(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String v = PEM.matcher(value).replaceAll(Matcher.quoteReplacement(MASK));
        v = URL_USERINFO.matcher(v).replaceAll("$1$2:" + Matcher.quoteReplacement(MASK) + "@");
        v = PASSWORD_PARAM.matcher(v).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        v = AWS_KEY_ID.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        v = JWT.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        v = KNOWN_TOKENS.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        return v;
    }

    /** Redacts a map of name to value (environment, system properties), sorted by name. */
    public Map<String, String> redactAll(Map<String, String> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, redact(k, v)));
        return out;
    }

    /**
     * Redacts a command line: {@code --name=value} and {@code -Dname=value} by name, {@code --name value}
     * when the flag names a secret, and every argument by shape.
     */
    public List<String> redactArguments(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        boolean maskNext = false;
        for (String arg : args) {
            if (maskNext && !arg.startsWith("-")) {
                out.add(MASK);
                maskNext = false;
                continue;
            }
            maskNext = false;
            String flag = flagName(arg);
            int eq = arg.indexOf('=');
            if (flag != null && eq > 0) {
                out.add(arg.substring(0, eq + 1) + redact(flag, arg.substring(eq + 1)));
            } else if (flag != null) {
                maskNext = isSecretName(flag);
                out.add(arg);
            } else {
                out.add(redactValue(arg));
            }
        }
        return out;
    }

    /** {@code --db-password=x} → {@code db-password}; {@code -Dkey=x} → {@code key}; else null. */
    private static String flagName(String arg) {
        String name;
        if (arg.startsWith("--")) {
            name = arg.substring(2);
        } else if (arg.startsWith("-D")) {
            name = arg.substring(2);
        } else if (arg.startsWith("-") && arg.length() > 1) {
            name = arg.substring(1);
        } else {
            return null;
        }
        int eq = name.indexOf('=');
        return eq >= 0 ? name.substring(0, eq) : name;
    }

    private static boolean hintsAtSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String hint : HINT_FRAGMENTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /** At least 20 token characters with over 3.5 bits of entropy per character, mixing letters and digits. */
    static boolean looksRandom(String value) {
        if (!LOOKS_RANDOM.matcher(value).matches()) {
            return false;
        }
        boolean letters = false;
        boolean digits = false;
        Map<Character, Integer> counts = new LinkedHashMap<>();
        for (char c : value.toCharArray()) {
            letters |= Character.isLetter(c);
            digits |= Character.isDigit(c);
            counts.merge(c, 1, Integer::sum);
        }
        double entropy = 0;
        for (int n : counts.values()) {
            double p = (double) n / value.length();
            entropy -= p * Math.log(p) / Math.log(2);
        }
        return letters && digits && entropy > 3.5;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder("(?i)");
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
