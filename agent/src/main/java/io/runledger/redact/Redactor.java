package io.runledger.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets before anything is written or printed.
 *
 * <p><b>By name.</b> A name is split into words (at non-alphanumerics and camelCase humps). It is
 * <em>secret</em> when a word is a secret word ({@code password}, {@code token}, {@code secret}, ...) or
 * ends with one ({@code ACCESSTOKEN}), or when {@code key} follows a qualifier ({@code API_KEY},
 * {@code AccountKey}, {@code ACCESS_KEY_ID}). A name whose only hint is a bare {@code key} as its last
 * word ({@code SORT_KEY}, {@code hash.key}) is <em>weak</em>: its value is masked only when it looks like a
 * credential rather than a word. Plurals that count things ({@code MAX_TOKENS}) and {@code key} in the
 * middle of a name ({@code KEY_COLUMN}, {@code hash.key.column}) are not secrets.
 *
 * <p><b>By shape</b>, whatever the name: PEM blocks, URL passwords ({@code redis://:pw@host}), Oracle
 * {@code user/pw@host}, {@code name=value} and {@code "name": "value"} pairs with a secret name inside any
 * text (connection strings, query strings, JAAS configs, JSON), HTTP {@code Authorization} credentials and
 * {@code Bearer} tokens, a quoted value after a secret word ({@code password 'x'}), AWS key ids, JWTs,
 * vendor token formats, and base64 values that decode to any of these.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** Words that make a name secret on their own. */
    private static final Set<String> SECRET_WORDS = new TreeSet<>(Arrays.asList(
            "password", "passwords", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "apikey", "apikeys",
            "credential", "credentials", "creds", "auth", "authorization", "oauth", "session", "cookie", "cookies",
            "privatekey", "signature", "sig", "certificate", "jwt", "bearer", "dsn", "otp", "salt", "sas", "kubeconfig",
            "connectionstring", "accesskey", "secretkey", "accountkey", "hmac"));

    /** Long enough to count at the end of a compound word without false hits ("monkey", "tokenizer"). */
    private static final List<String> SECRET_SUFFIXES = Arrays.asList(
            "password", "passwd", "secret", "token", "apikey", "credential", "credentials", "cookie", "privatekey",
            "passphrase", "signature", "accesskey", "secretkey", "accountkey", "connectionstring");

    /** Words before {@code key} that make it a credential wherever it stands. */
    private static final Set<String> KEY_QUALIFIERS = new HashSet<>(Arrays.asList(
            "api", "access", "secret", "private", "account", "signing", "master", "encryption", "client", "consumer",
            "subscription", "storage", "license", "service", "app", "auth", "ssh", "gpg", "pgp", "aws", "shared", "primary",
            "secondary", "hmac", "write", "read", "admin", "deploy", "ingest", "sas", "x", "openai", "hf", "azure"));

    /** Words that make a long random-looking value suspect even though the name alone is not secret. */
    private static final List<String> HINT_FRAGMENTS = Arrays.asList("key", "pass", "sec", "tok", "sig", "cred", "auth");

    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?(?:-----END [A-Z0-9 ]+-----|$)");
    /** {@code scheme://user:password@} and {@code scheme://:password@}. */
    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:\\s]*):([^/@\\s]+)@");
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)([^/@:\\s\"]+)/([^@\\s\"]+)@");
    /**
     * {@code name=value}, the value quoted or running to a separator; the name is judged by {@link #kind}. A
     * value goes on across {@code /} (base64 keys hold it) but not into a segment with a dot, which is a
     * file name: {@code /data/X-Amz-Signature=abc/train.csv} keeps {@code train.csv}.
     */
    private static final Pattern NAME_VALUE = Pattern.compile(
            "(?<![A-Za-z0-9_.])([A-Za-z][A-Za-z0-9_.\\-]*)(\\s*=\\s*)(\"[^\"]*\"|'[^']*'|[^;&\\s,)'\"<>/]+(?:/[^;&\\s,)'\"<>/.]*+(?![^;&\\s,)'\"<>/]))*)");
    /** {@code name: value} unquoted, as in YAML (a kubeconfig's {@code token: ...}). */
    private static final Pattern COLON_PAIR = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-])([A-Za-z][A-Za-z0-9_.\\-]*)(:[ \\t]+)([^\\s,;\"']++)(?![ \\t]+\\[REDACTED\\])");
    /** {@code "name": "value"} (JSON, Python dicts), and {@code name: value} in YAML-ish text. */
    private static final Pattern QUOTED_PAIR = Pattern.compile(
            "([\"'])([A-Za-z][A-Za-z0-9_.\\- ]*)\\1(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^,}\\s]+)");
    private static final Pattern HTTP_AUTH = Pattern.compile(
            "(?i)((?:proxy-)?authorization\\s*:\\s*)((?:bearer|basic|token|digest|negotiate|bot|apikey|sharedkey|aws4-hmac-sha256)\\s+)?([^\\s\"',;]+(?:,\\s*[^\\s\"',;]+=[^\\s\"',;]+)*)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9._~+/=\\-]{8,})");
    /** A quoted or colon-introduced value right after a secret word: exception messages, SQL. */
    static final Pattern WORD_THEN_VALUE = Pattern.compile(
            "(?i)\\b(password|passwd|passphrase|secret|token|api[_ -]?key|access[_ -]?key|credentials?|identified\\s+by)(\\s*:\\s*|\\s+(?:is\\s+)?)('[^']*'|\"[^\"]*\"|(?<=:\\s?)[^\\s,;)]+)");
    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern KNOWN_TOKENS = Pattern.compile(
            "(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprse]-[A-Za-z0-9-]{10,}"
                    + "|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}"
                    + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{20,}|dapi[0-9a-f]{32}(?:-\\d+)?"
                    + "|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}|SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}"
                    + "|hooks\\.slack\\.com/services/[A-Za-z0-9/]{20,})(?![A-Za-z0-9])");
    private static final Pattern LOOKS_RANDOM = Pattern.compile("[A-Za-z0-9+/=_\\-.]{20,}");
    /** The shortest run of base64 characters that may hide a secret. */
    static final int BASE64_MIN_RUN = 40;
    /** What a weak name's value may be made of and still be kept: words, numbers, a path of them. */
    private static final Pattern PLAIN_CHARS = Pattern.compile("[A-Za-z0-9_.\\-/]{1,200}");

    /** How much a name says about its value. */
    enum Kind { NONE, WEAK, SECRET }

    private final Set<String> extraWords;
    private final List<Pattern> extraGlobs;
    /** Allowed names without a wildcard, compared as they are. */
    private final Set<String> allowExact;
    /** Allowed names with a wildcard. */
    private final List<Pattern> allow;

    public Redactor(List<String> extraNames, List<String> allowNames) {
        Set<String> words = new TreeSet<>();
        List<Pattern> globs = new ArrayList<>();
        for (String name : extraNames) {
            if (name.contains("*") || name.contains("?")) {
                globs.add(glob(name, true));
            } else {
                words.add(name.toLowerCase(Locale.ROOT));
            }
        }
        this.extraWords = Collections.unmodifiableSet(words);
        this.extraGlobs = Collections.unmodifiableList(globs);
        Set<String> exact = new HashSet<>();
        List<Pattern> allowed = new ArrayList<>();
        for (String name : allowNames) {
            // exact case: the variable PWD is the directory, a flag --pwd is a password
            if (name.contains("*") || name.contains("?")) {
                allowed.add(glob(name, false));
            } else {
                exact.add(name);
            }
        }
        this.allowExact = Collections.unmodifiableSet(exact);
        this.allow = Collections.unmodifiableList(allowed);
    }

    public static Redactor defaults() {
        return new Redactor(Collections.emptyList(), Arrays.asList("PWD", "OLDPWD"));
    }

    /** True when a value stored under {@code name} must never be written. */
    public boolean isSecretName(String name) {
        return kind(name) == Kind.SECRET;
    }

    /** What a name says, judged once: a snapshot asks about the same few dozen field names thousands of times. */
    private static final class NameVerdict {
        final boolean allowed;
        final Kind kind;
        final boolean hints;

        NameVerdict(boolean allowed, Kind kind, boolean hints) {
            this.allowed = allowed;
            this.kind = kind;
            this.hints = hints;
        }
    }

    /** Names judged so far, up to {@link #MAX_VERDICTS} (names come from the program: a bound, not a leak). */
    private final Map<String, NameVerdict> verdicts = new ConcurrentHashMap<>();
    private static final int MAX_VERDICTS = 4096;

    private NameVerdict verdict(String name) {
        NameVerdict v = verdicts.get(name);
        if (v == null) {
            boolean allowed = isAllowed(name);
            String lower = name.toLowerCase(Locale.ROOT);   // once: judging names is most of a cold snapshot's redaction
            v = new NameVerdict(allowed, allowed ? Kind.NONE : judge(name, lower), hintsAtSecret(lower));
            if (verdicts.size() < MAX_VERDICTS) {
                verdicts.put(name, v);
            }
        }
        return v;
    }

    Kind kind(String name) {
        return name == null || name.isEmpty() ? Kind.NONE : verdict(name).kind;
    }

    /** The kind of a name the allow list does not cover ({@code whole}: the name in lower case). */
    private Kind judge(String name, String whole) {
        for (Pattern g : extraGlobs) {
            if (g.matcher(name).matches()) {
                return Kind.SECRET;
            }
        }
        for (String extra : extraWords) {
            if (whole.contains(extra) && extra.length() >= 5) {
                return Kind.SECRET;
            }
        }
        List<String> words = words(name);
        Kind kind = Kind.NONE;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (SECRET_WORDS.contains(w) || extraWords.contains(w)) {
                return Kind.SECRET;
            }
            for (String suffix : SECRET_SUFFIXES) {
                if (w.endsWith(suffix)) {
                    return Kind.SECRET;
                }
            }
            if (w.equals("key") || w.equals("keys")) {
                if (i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
                    return Kind.SECRET;
                }
                boolean last = i == words.size() - 1;
                boolean keyId = i == words.size() - 2 && words.get(i + 1).equals("id");
                if (w.equals("key") && (last || keyId)) {
                    kind = Kind.WEAK;
                }
            }
        }
        return kind;
    }

    /**
     * {@code name} split into lower-case words at every run of characters other than ASCII letters and
     * digits and between a lower-case letter or digit and an upper-case letter ({@code accessKey_ID} gives
     * access, key, id). By hand rather than by a pattern: a snapshot's names are judged on a cold JVM, where
     * the pattern's interpreted lookbehind cost about 15 us a name.
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : ' ';
            boolean alnum = isAsciiLetterOrDigit(c);
            boolean hump = alnum && start >= 0 && isAsciiUpper(c) && !isAsciiUpper(name.charAt(i - 1));
            if (start >= 0 && (!alnum || hump)) {
                words.add(name.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            if (alnum && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || isAsciiUpper(c);
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private boolean isAllowed(String name) {
        if (allowExact.contains(name)) {
            return true;
        }
        for (Pattern p : allow) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The value to write for {@code name=value}. */
    public String redact(String name, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (name == null || name.isEmpty()) {
            return redactValue(value);
        }
        NameVerdict verdict = verdict(name);
        if (verdict.allowed) {
            return value;
        }
        if (verdict.kind == Kind.SECRET) {
            return MASK;
        }
        if (verdict.kind == Kind.WEAK && !plain(value)) {
            return MASK;
        }
        if (verdict.hints && looksRandom(value)) {
            return MASK;
        }
        return redactValue(value);
    }

    /**
     * What {@link #redactValue} made of each text so far, up to {@link #MAX_SHAPES} texts of at most
     * {@link #MAX_SHAPE_LENGTH} chars and {@link #MAX_SHAPE_CHARS} in all (a few MB at most): a snapshot is
     * written again at each checkpoint and at the end, with the same texts, and scanning them again is most
     * of the writing's cost (and of the JIT's, on a short job).
     */
    private final Map<String, String> shapes = new ConcurrentHashMap<>();
    private final AtomicLong shapeChars = new AtomicLong();
    private static final int MAX_SHAPES = 16384;
    private static final int MAX_SHAPE_LENGTH = 4096;
    private static final long MAX_SHAPE_CHARS = 1 << 20;

    /** Scrubs secrets that are recognisable by their shape alone, anywhere in {@code value}. */
    public String redactValue(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() > MAX_SHAPE_LENGTH) {
            return scrub(value);
        }
        if (isShortPlain(value)) {
            return value;
        }
        String known = shapes.get(value);
        if (known == null) {
            known = scrub(value);
            if (shapes.size() < MAX_SHAPES && shapeChars.addAndGet(value.length()) <= MAX_SHAPE_CHARS) {
                shapes.put(value, known);
            }
        }
        return known;
    }

    /** Below this length a text of {@link #isShortPlain plain characters} can hold no secret shape. */
    static final int SHORTEST_SHAPE = 15;

    /**
     * A text shorter than {@link #SHORTEST_SHAPE} made only of ASCII letters, digits and {@code . _ $ -}:
     * nothing {@link #scrub} looks for fits in it (each pattern needs a character outside that set, or at
     * least 15 characters: a Slack token's {@code xox?-} and ten more), so it is kept without the scans,
     * which on a cold JVM cost tens of microseconds a text. Numbers, flags and short names are about half
     * of a snapshot's texts.
     */
    static boolean isShortPlain(String text) {
        if (text.length() >= SHORTEST_SHAPE) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    String scrub(String value) {
        // Each pass runs only when the text holds what its pattern cannot match without (a "://" for a URL's
        // user info, an '=' for a pair...): the same result, without scanning every path and hash of a
        // snapshot with thirteen patterns (a URL pattern alone cost 11 us on a jar path).
        String v = value;
        if (v.contains("-----BEGIN ")) {
            v = PEM.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (v.indexOf('@') >= 0) {
            if (v.contains("://")) {
                v = URL_USERINFO.matcher(v).replaceAll("$1$2:" + Matcher.quoteReplacement(MASK) + "@");
            }
            v = ORACLE_THIN.matcher(v).replaceAll("$1$2/" + Matcher.quoteReplacement(MASK) + "@");
        }
        boolean colon = v.indexOf(':') >= 0;
        if (colon && mayContain(v, "authorization")) {
            v = HTTP_AUTH.matcher(v).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : m.group(2)) + MASK));
        }
        if (mayContain(v, "bearer")) {
            v = BEARER.matcher(v).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        if (v.indexOf('=') >= 0 && mayHaveSecretPair(v)) {
            v = namedPairs(v);
        }
        if (v.indexOf('"') >= 0 || v.indexOf('\'') >= 0) {
            v = replacePairs(QUOTED_PAIR, v, m -> m.group(2), m -> m.group(4), m -> m.group(1) + m.group(2) + m.group(1) + m.group(3));
        }
        if (colon && (v.contains(": ") || v.contains(":\t"))) {   // the pattern's separator
            v = replacePairs(COLON_PAIR, v, m -> m.group(1), m -> m.group(3), m -> m.group(1) + m.group(2));
        }
        if (mayHaveSecretWordThenValue(v)) {
            v = WORD_THEN_VALUE.matcher(v).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + quoted(m.group(3), MASK)));
        }
        if (v.length() >= 20 && containsAny(v, AWS_KEY_PREFIXES)) {
            v = AWS_KEY_ID.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (v.contains("eyJ")) {
            v = JWT.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (v.length() >= 15 && (containsAny(v, TOKEN_MARKS) || hasGitHubTokenPrefix(v))) {
            v = KNOWN_TOKENS.matcher(v).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (v.length() >= BASE64_MIN_RUN) {
            v = maskBase64Runs(v);
        }
        return v;
    }

    /**
     * Every maximal run of at least {@link #BASE64_MIN_RUN} base64 characters ({@code A-Za-z0-9+/}, line
     * breaks), with up to two {@code =} after it, masked when it decodes to a secret: what the pattern
     * {@code [A-Za-z0-9+/\r\n]{40,}={0,2}} finds, in one pass. The pattern tried 40 characters at every
     * position of a long text (a class path of 3,000 characters: 15-30 ms on a cold JVM).
     */
    private String maskBase64Runs(String text) {
        StringBuilder out = null;
        int last = 0;
        for (int[] run = nextBase64Run(text, 0); run != null; run = nextBase64Run(text, run[1])) {
            if (hidesSecret(text.substring(run[0], run[1]))) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, last, run[0]).append(MASK);
                last = run[1];
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** The next such run at or after {@code from}, as {start, end}, or null. */
    static int[] nextBase64Run(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (!isBase64Char(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isBase64Char(text.charAt(i))) {
                i++;
            }
            if (i - start >= BASE64_MIN_RUN) {
                for (int pad = 0; pad < 2 && i < text.length() && text.charAt(i) == '='; pad++) {
                    i++;
                }
                return new int[] {start, i};
            }
        }
        return null;
    }

    private static boolean isBase64Char(char c) {
        return isAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '\r' || c == '\n';
    }

    /** What {@link #AWS_KEY_ID} starts with. */
    private static final String[] AWS_KEY_PREFIXES = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"};
    /** A literal every alternative of {@link #KNOWN_TOKENS} holds, but {@code gh[pousr]_} ({@link #hasGitHubTokenPrefix}). */
    private static final String[] TOKEN_MARKS = {"github_pat_", "xox", "sk-", "sk_", "rk_", "glpat-", "AIza", "hf_", "whsec_", "dapi",
        "npm_", "pypi-", "SG.", "hooks.slack.com/services/"};
    /**
     * A word {@link #WORD_THEN_VALUE} needs, any case (password, passwd and passphrase hold "pass", api and
     * access keys "key"): the test for a text beyond ASCII.
     */
    private static final String[] SECRET_WORD_MARKS = {"pass", "secret", "token", "key", "credential", "identified"};

    /**
     * The words {@link #WORD_THEN_VALUE} starts with, in lower case, each spelling of {@code api[_ -]?key}
     * and {@code access[_ -]?key} apart; it matches only where one is followed by white space or a colon
     * ({@code credential} may have an {@code s} first).
     */
    private static final String[] WORDS_BEFORE_VALUE = {"password", "passwd", "passphrase", "secret", "token", "apikey", "api_key",
        "api-key", "api key", "accesskey", "access_key", "access-key", "access key", "credential", "identified"};

    /**
     * False when {@link #WORD_THEN_VALUE} cannot match {@code text}: no secret word followed by what the
     * pattern needs next. A word alone is not enough to run it: a class path names
     * {@code tribuo-util-tokenization}, and the pattern over its 3,000 characters cost 5-12 ms on a cold JVM.
     */
    static boolean mayHaveSecretWordThenValue(String text) {
        String lower = asciiLowerCase(text);
        if (lower == null) {
            return mayContain(text, SECRET_WORD_MARKS);   // beyond ASCII: the looser test
        }
        for (String word : WORDS_BEFORE_VALUE) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                int end = at + word.length();
                if (word.equals("credential") && end < lower.length() && lower.charAt(end) == 's') {
                    end++;
                }
                if (end < lower.length() && (isPatternSpace(lower.charAt(end)) || lower.charAt(end) == ':')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What {@code \s} matches in a pattern without the Unicode flag. */
    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@link #NAME_VALUE}'s pairs with a secret (or weak) name masked. */
    String namedPairs(String text) {
        return replacePairs(NAME_VALUE, text, m -> m.group(1), m -> m.group(3), m -> m.group(1) + m.group(2));
    }

    /**
     * False when no name {@link #NAME_VALUE} can take before an {@code =} of {@code text} is secret or weak,
     * so that the pattern masks nothing. Each name it takes ends where the name characters before an
     * {@code =} end (white space between skipped), and starts with a letter at that run's start or right
     * after one of its {@code -} (its look-behind allows no other start). Judging those few names is much
     * cheaper than the pattern: over a 3,300-character command line it was most of a cold snapshot's
     * redaction.
     */
    boolean mayHaveSecretPair(String text) {
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            int end = eq;
            while (end > 0 && isPatternSpace(text.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && isNameChar(text.charAt(start - 1))) {
                start--;
            }
            for (int s = start; s < end; s++) {
                char c = text.charAt(s);
                if ((s == start || text.charAt(s - 1) == '-') && isAsciiLetter(c)
                        && kind(text.substring(s, end)) != Kind.NONE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What {@link #NAME_VALUE}'s names are made of. */
    private static boolean isNameChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** Whether {@code text} holds one of the lower-case ASCII {@code words}, in any case. */
    private static boolean mayContain(String text, String... words) {
        String lower = asciiLowerCase(text);
        for (String word : words) {
            if (lower != null ? lower.contains(word) : containsIgnoreCase(text, word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} in lower case when it is all ASCII (then {@code contains} on it is exactly a
     * case-insensitive search for a lower-case ASCII word, in one pass instead of a comparison at every
     * position for every word), else null: outside ASCII, case folding can make other letters match.
     */
    private static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return null;
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean containsAny(String text, String[] literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_} or {@code ghr_} somewhere in {@code text}. */
    private static boolean hasGitHubTokenPrefix(String text) {
        for (int i = text.indexOf("gh"); i >= 0 && i + 3 < text.length(); i = text.indexOf("gh", i + 1)) {
            if ("pousr".indexOf(text.charAt(i + 2)) >= 0 && text.charAt(i + 3) == '_') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Masks the value of each pair whose name is secret (or weak, with a value that is not a plain word). */
    private String replacePairs(Pattern pattern, String text, Function<Matcher, String> name, Function<Matcher, String> value,
                                Function<Matcher, String> prefix) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String raw = value.apply(m);
            String bare = unquote(raw);
            Kind kind = kind(name.apply(m));
            boolean mask = !bare.isEmpty() && !bare.equals(MASK)
                    && (kind == Kind.SECRET || kind == Kind.WEAK && !plain(bare));
            out.append(text, last, m.start());
            out.append(mask ? prefix.apply(m) + quoted(raw, MASK) : m.group());
            last = m.end();
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }

    /** {@code replacement} in the quotes {@code raw} had, if any. */
    private static String quoted(String raw, String replacement) {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            return raw.charAt(0) + replacement + raw.charAt(0);
        }
        return replacement;
    }

    /** A base64 run that decodes to text holding a secret (a key file, a kubeconfig, a JSON credential). */
    private boolean hidesSecret(String candidate) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(candidate);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int printable = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                printable += c >= 32 && c < 127 || c == '\n' || c == '\r' || c == '\t' ? 1 : 0;
            }
            if (text.isEmpty() || printable < text.length() * 0.9) {
                return false;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            return !redactValue(text).equals(text) || lower.contains("client-key-data") || lower.contains("private_key")
                    || lower.contains("-----begin") || lower.contains("token:");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Redacts a map of name to value (environment, system properties), sorted by name. */
    public Map<String, String> redactAll(Map<String, String> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, redact(k, v)));
        return out;
    }

    /**
     * Redacts a command line given as the real argument vector (one element per argument, spaces and all):
     * {@code --name=value} and {@code -Dname=value} by name; {@code --name VALUE} masks the next element when
     * the flag names a secret, even one starting with {@code -}; every argument by shape.
     */
    public List<String> redactArguments(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        Kind pending = Kind.NONE;
        for (String arg : args) {
            if (pending != Kind.NONE) {
                boolean mask = pending == Kind.SECRET || !plain(arg) && !arg.startsWith("-");
                out.add(mask && !arg.isEmpty() ? MASK : redactValue(arg));
                pending = Kind.NONE;
                continue;
            }
            String flag = flagName(arg);
            int eq = arg.indexOf('=');
            if (flag != null && eq > 0) {
                out.add(arg.substring(0, eq + 1) + redact(flag, arg.substring(eq + 1)));
            } else if (flag != null) {
                pending = kind(flag);
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
        } else if (arg.startsWith("-") && arg.length() > 1 && Character.isLetter(arg.charAt(1))) {
            name = arg.substring(1);
        } else {
            return null;
        }
        int eq = name.indexOf('=');
        return eq >= 0 ? name.substring(0, eq) : name;
    }

    /**
     * A value a weak name may keep: a word, a number or a path of them ({@code timestamp}, {@code resnet50},
     * {@code region/part-0}), not a random-looking string nor one mixing upper case, lower case and digits.
     */
    static boolean plain(String value) {
        if (!PLAIN_CHARS.matcher(value).matches() || looksRandom(value)) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return !(upper && lower && digit);
    }

    private static boolean hintsAtSecret(String lower) {
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

    private static Pattern glob(String glob, boolean ignoreCase) {
        StringBuilder re = new StringBuilder(ignoreCase ? "(?i)" : "");
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
