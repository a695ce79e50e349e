package io.runledger.redact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private static final Redactor DEFAULT = Redactor.defaults();
    private static final String X = Redactor.MASK;

    /** name | value | expected ('=' means unchanged). */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // secret by name
        "DB_PASSWORD | hunter2 | " + X,
        "db.password | hunter2 | " + X,
        "dbPassword | hunter2 | " + X,
        "MYSQL_PWD | s3cr3t | " + X,
        "PASSWD | x1 | " + X,
        "CLIENT_SECRET | abc | " + X,
        "GITHUB_TOKEN | ghx | " + X,
        "AWS_SECRET_ACCESS_KEY | wJalrXUtnFEMI | " + X,
        "apiKey | 123 | " + X,
        "APIKEY | 123 | " + X,
        "OPENAI_ACCESSTOKEN | 123 | " + X,
        "GOOGLE_APPLICATION_CREDENTIALS | /etc/gcp.json | " + X,
        "HTTP_AUTHORIZATION | Basic Zm9v | " + X,
        "SESSION_ID | 42 | " + X,
        "COOKIE_JAR | a=b | " + X,
        "SSH_PRIVATE_KEY_PATH | /root/.ssh/id | " + X,
        "REQUEST_SIGNATURE | abcd | " + X,
        "TLS_CERTIFICATE | xyz | " + X,
        "javax.net.ssl.keyStorePassword | changeit | " + X,
        "OAUTH_CLIENT | c | " + X,
        // near misses that must survive
        "KEYBOARD_LAYOUT | de | =",
        "MONKEY_COUNT | 12 | =",
        "TOKENIZER_PATH | /models/tok.json | =",
        "AUTHOR | Ada | =",
        "PASSENGER_COUNT | 3 | =",
        "SECRETARY_NAME | Bob | =",
        "PWD | /work/main | =",
        "JAVA_HOME | /usr/lib/jvm/x | =",
        "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE | /etc/ssl/certs/ca.crt | =",
        "PATH | /usr/bin:/bin | =",
        // secret by value, whatever the name
        "DATABASE_URL | postgres://app:s3cr3t@db:5432/train | postgres://app:" + X + "@db:5432/train",
        "MODEL_STORE | https://user@store.example/models | =",
        "JDBC | 'jdbc:sqlserver://db;user=sa;password=Pa55w0rd;encrypt=true' | 'jdbc:sqlserver://db;user=sa;password=" + X + ";encrypt=true'",
        "JDBC2 | jdbc:postgresql://db/x?user=a&password=b1 | jdbc:postgresql://db/x?user=a&password=" + X,
        "SOME_ID | AKIAIOSFODNN7EXAMPLE | " + X,
        "HEADER | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | " + X,
        "CA | '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----' | " + X,
        "CI_TOKENLESS | ghp_abcdefghijklmnopqrstuvwxyz0123456789 | " + X,
        // long random values under a name that hints at a secret
        "UPLOAD_SIG_V2 | Zk9s2LqP0vX8mW3nR7tY1uB6cE4hJ5aD | " + X,
        "KEY_ID | 42 | =",   // a weak name (a bare key) keeps a plain number
        "KEY_ID | x9Y8z7W6v5Q | " + X,
        "MODEL_HASH | sha | =",
        "GIT_COMMIT_HASH | 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a | =",
        "MODEL_DIR | Zk9s2LqP0vX8mW3nR7tY1uB6cE4hJ5aD | =",
    })
    void redactsByNameAndValue(String name, String value, String expected) {
        String v = value.replace("\\n", "\n");
        assertEquals("=".equals(expected) ? v : expected, DEFAULT.redact(name, v));
    }

    @Test
    void commandLineArguments() {
        List<String> in = Arrays.asList("-Xmx2g", "-Ddb.password=hunter2", "-Dmodel.dir=/m", "--api-key=abc", "--token", "t0k",
                "--epochs", "10", "--data=s3://AKIAIOSFODNN7EXAMPLE@bucket/x", "train.csv");
        List<String> expected = Arrays.asList("-Xmx2g", "-Ddb.password=" + X, "-Dmodel.dir=/m", "--api-key=" + X, "--token", X,
                "--epochs", "10", "--data=s3://" + X + "@bucket/x", "train.csv");
        assertEquals(expected, DEFAULT.redactArguments(in));
    }

    @Test
    void configuredDenyAndAllowLists() {
        Redactor r = new Redactor(Arrays.asList("tenant", "*_PIN"), Arrays.asList("PWD", "MY_TOKEN_COUNT"));
        assertEquals(X, r.redact("TENANT_ID", "acme"));
        assertEquals(X, r.redact("CARD_PIN", "1234"));
        assertEquals("7", r.redact("MY_TOKEN_COUNT", "7"));
        assertEquals(X, r.redact("MY_TOKEN", "7"));
        assertEquals("x", new Redactor(Collections.emptyList(), Collections.emptyList()).redact("TENANTS", "x"));
    }

    @Test
    void emptyValuesStayEmpty() {
        assertEquals("", DEFAULT.redact("PASSWORD", ""));
    }

    @Test
    void credentialFilesAreKnownByPlaceAndName() {
        for (String p : new String[] {"/root/.aws/credentials", "/home/u/.ssh/id_rsa", "/home/u/.netrc", "/home/u/.pgpass",
                "/home/u/.git-credentials", "/etc/tls/server.pem", "/etc/tls/server.key", "/opt/keystore.p12", "/opt/trust.jks",
                "/run/secrets/db_password", "/var/run/secrets/kubernetes.io/serviceaccount/token", "/home/u/.kube/config",
                "/srv/app/.env"}) {
            assertEquals(true, CredentialFiles.isCredential(p), p);
        }
        for (String p : new String[] {"/data/train.csv", "/data/keys.csv", "/models/tokenizer.json", "/data/secrets-of-the-sea.txt"}) {
            assertEquals(false, CredentialFiles.isCredential(p), p);
        }
    }

    /** The snapshot's own field names (from the JSON Schema) must not read as secrets in the final pass. */
    @Test
    void noFieldOfTheSnapshotFormatIsTakenForASecret() throws Exception {
        String schema = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("..", "docs", "snapshot.schema.json")),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Za-z][A-Za-z0-9]*)\"\\s*:\\s*\\{").matcher(schema);
        List<String> secret = new java.util.ArrayList<>();
        while (m.find()) {
            if (DEFAULT.kind(m.group(1)) != Redactor.Kind.NONE) {
                secret.add(m.group(1));
            }
        }
        assertEquals(Collections.emptyList(), secret);
    }

    /**
     * The passes that run only when the text holds what their pattern needs (a secret word in any case, an
     * AWS key id's prefix, a vendor token's mark) still catch each shape mid-text, and a field name's
     * verdict, remembered after the first time, stays the same for the next value.
     */
    @Test
    void shapesAreFoundWhereverTheyStandAndNameVerdictsAreStable() {
        Redactor r = Redactor.defaults();
        String[] secrets = {
            "ghp_" + "a1".repeat(18), "gho_" + "B2".repeat(18), "github_pat_" + "x9".repeat(20), "xoxb-1234567890-abc",
            "sk-" + "q".repeat(24), "sk_live_" + "Z".repeat(20), "rk_test_" + "y".repeat(20), "glpat-" + "k".repeat(22),
            "AIza" + "B".repeat(35), "hf_" + "m".repeat(34), "whsec_" + "w".repeat(24), "dapi" + "0123456789abcdef".repeat(2),
            "npm_" + "n".repeat(36), "pypi-" + "p".repeat(52), "SG." + "s".repeat(20) + "." + "t".repeat(20),
            "AKIA" + "ABCDEFGHIJKLMNOP", "ASIA" + "QRSTUVWXYZ234567"};
        for (String secret : secrets) {
            String text = "/home/u/run.log: fetched with " + secret + " then trained";
            String out = r.redactValue(text);
            assertFalse(out.contains(secret), text + " -> " + out);
            assertTrue(out.contains(Redactor.MASK), out);
        }
        for (String line : new String[] {"PassWord: hunter2x", "the API key is 'abc123xyz'", "IDENTIFIED BY \"s3cr3t\"",
            "Credentials: qwerty99", "ToKeN: zz11yy22"}) {
            assertTrue(r.redactValue(line).contains(Redactor.MASK), line + " -> " + r.redactValue(line));
        }
        assertEquals("/data/ghost_train/high.csv", r.redactValue("/data/ghost_train/high.csv"), "gh... without a token prefix");
        for (int i = 0; i < 3; i++) {
            assertEquals(Redactor.MASK, r.redact("dbPassword", "plain"));
            assertEquals("plain", r.redact("sortKey", "plain"));
            assertEquals(Redactor.MASK, r.redact("sortKey", "Zm9vYmFyYmF6cXV4cXV1eA0123"));
        }
    }

    /** Texts are scrubbed once and then answered from memory (a snapshot is written at each checkpoint and at the end), within a bound. */
    @Test
    void aTextScrubbedAgainGivesTheSameAnswerAndMemoryIsBounded() throws Exception {
        Redactor r = Redactor.defaults();
        String url = "postgresql://trainer:pw123456@db:5432/x";
        String first = r.redactValue(url);
        assertEquals(first, r.redactValue(new String(url)));
        assertEquals(r.redactValue("Bearer hunter2hunter2hunter2"), r.redactValue("Bearer hunter2hunter2hunter2"));
        assertEquals(true, first.contains(Redactor.MASK) && !first.contains("pw123456"), first);
        String longText = "x".repeat(5000) + " password=s3cr3t-pass";
        assertEquals(false, r.redactValue(longText).contains("s3cr3t-pass"), "a long text is scrubbed each time");
        for (int i = 0; i < 20_000; i++) {
            r.redactValue("value-" + i);
        }
        java.lang.reflect.Field shapes = Redactor.class.getDeclaredField("shapes");
        shapes.setAccessible(true);
        int remembered = ((java.util.Map<?, ?>) shapes.get(r)).size();
        assertEquals(true, remembered <= 16384, "remembered " + remembered);
        assertEquals(first, r.redactValue(url), "still the same once memory is full");
    }

    /**
     * The hand-written scans that replaced patterns on the hot path agree with those patterns on random
     * texts made of the characters that matter to them (a fixed seed: a failure is reproducible).
     */
    @Test
    void handScansAgreeWithThePatternsTheyReplaced() {
        java.util.regex.Pattern wordSplit = java.util.regex.Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
        java.util.regex.Pattern base64 = java.util.regex.Pattern.compile("[A-Za-z0-9+/\\r\\n]{40,}={0,2}");
        java.util.Random random = new java.util.Random(19);
        String nameChars = "aZ0_.-kK9 \u00e9Xy";
        String base64Chars = "Aa0+/=\n\r .-_";
        for (int n = 0; n < 20_000; n++) {
            String name = randomText(random, nameChars, random.nextInt(24));
            List<String> expected = new java.util.ArrayList<>();
            for (String w : wordSplit.split(name)) {
                if (!w.isEmpty()) {
                    expected.add(w.toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertEquals(expected, Redactor.words(name), name);

            String text = randomText(random, base64Chars.substring(0, 5 + random.nextInt(base64Chars.length() - 4)), random.nextInt(160));
            java.util.regex.Matcher m = base64.matcher(text);
            int[] run = Redactor.nextBase64Run(text, 0);
            while (m.find()) {
                assertTrue(run != null && run[0] == m.start() && run[1] == m.end(), text);
                run = Redactor.nextBase64Run(text, run[1]);
            }
            assertEquals(null, run, text);
        }
    }

    /** Where the secret-word pattern finds something, its cheap pre-test says it may (never the reverse). */
    @Test
    void theSecretWordPreTestNeverHidesAMatch() {
        String[] words = {"password", "PassWd", "passphrase", "secret", "Token", "api key", "API-KEY", "apikey", "access_key",
            "AccessKey", "credentials", "credential", "identified  by", "tokenization", "secrets", "pass"};
        String[] seps = {": ", ":", " ", "\t", " is ", "=", "", "s: ", "\n"};
        String[] values = {"'x y'", "\"q\"", "abc", ""};
        int matches = 0;
        for (String before : new String[] {"", "the ", "x-", "a."}) {
            for (String w : words) {
                for (String sep : seps) {
                    for (String v : values) {
                        String text = before + w + sep + v;
                        if (Redactor.WORD_THEN_VALUE.matcher(text).find()) {
                            matches++;
                            assertTrue(Redactor.mayHaveSecretWordThenValue(text), text);
                        }
                    }
                }
            }
        }
        assertTrue(matches > 100, "the cases exercise the pattern: " + matches);
        assertFalse(Redactor.mayHaveSecretWordThenValue("/m2/org/tribuo/tribuo-util-tokenization/4.3.2/x.jar:/y/secrets.jar"));
        assertFalse(Redactor.mayHaveSecretWordThenValue("api-keys.txt passwords.csv"));
    }

    /**
     * A short text of plain characters skips the shape scans: on texts built from the pieces secrets start
     * with, the scans would have kept every one of them too; one character more and they are scanned.
     */
    @Test
    void shortPlainTextsAreKeptAsTheScansWouldKeepThem() {
        Redactor r = Redactor.defaults();
        String[] pieces = {"xox", "b-", "sk-", "sk_", "live_", "AKIA", "eyJ", "ghp_", "hf_", "SG.", "dapi", "npm_", "glpat-", "AIza",
            "whsec_", "rk_", "pypi-", "A", "0", "7f", "-", "_", ".", "$", "Zz", "proj-"};
        java.util.Random random = new java.util.Random(23);
        int shortOnes = 0;
        for (int n = 0; n < 20_000; n++) {
            String text = joined(random, pieces, 1 + random.nextInt(20));
            if (Redactor.isShortPlain(text)) {
                shortOnes++;
                assertEquals(r.scrub(text), text, text);
                assertEquals(text, r.redactValue(text));
            } else {
                assertEquals(r.scrub(text), r.redactValue(text), text);
            }
        }
        assertTrue(shortOnes > 5_000, "the cases exercise the fast path: " + shortOnes);
        assertFalse(Redactor.isShortPlain("xoxb-123456789"  + "0"), "15 characters are scanned");
        assertEquals(Redactor.MASK, r.redactValue("xoxb-1234567890"));
        assertFalse(Redactor.isShortPlain("a:b"));
        assertFalse(Redactor.isShortPlain("a=b"));
        assertFalse(Redactor.isShortPlain("a b"));
    }

    /** Where the name=value pattern masks something, its pre-test says it may; where it says not, the pattern changes nothing. */
    @Test
    void thePairPreTestNeverHidesASecretPair() {
        Redactor r = Redactor.defaults();
        String[] pieces = {"password", "db", "-", ".", "_", "=", " = ", " ", "x", "Key", "api", "token", "s3cr3tValue", "/", "dir",
            "PWD", "my", "\"", "'", "ACCESS", ",", ";", "9", "jar", "tokenization", "auth", "id"};
        java.util.Random random = new java.util.Random(29);
        int masked = 0;
        int skipped = 0;
        for (int n = 0; n < 30_000; n++) {
            String text = joined(random, pieces, 1 + random.nextInt(40));
            String pairs = r.namedPairs(text);
            if (!pairs.equals(text)) {
                masked++;
                assertTrue(r.mayHaveSecretPair(text), text);
            }
            if (!r.mayHaveSecretPair(text)) {
                skipped++;
                assertEquals(text, pairs, text);
            }
        }
        assertTrue(masked > 1_000 && skipped > 1_000, "both sides exercised: " + masked + " masked, " + skipped + " skipped");
        assertFalse(r.mayHaveSecretPair("java -javaagent:/opt/runledger-agent.jar=dir=/tmp/l -cp /m2/tribuo-util-tokenization.jar Main"));
        assertTrue(r.mayHaveSecretPair("jdbc:x://h/db?user=a&password=b"));
        assertTrue(r.mayHaveSecretPair("--db-password = b"));
    }

    /** Random {@code pieces} joined until the text is at least {@code length} long. */
    private static String joined(java.util.Random random, String[] pieces, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private static String randomText(java.util.Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // runs of one kind make long base64 runs and camel humps likely
            b.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : Math.min(3, alphabet.length()))));
        }
        return b.toString();
    }
}
