package io.runledger.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.util.Log;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's target: realistic secrets (and harmless near-misses) as ML jobs carry them, in the
 * environment, {@code -D}, real argument vectors, data source paths, exception messages,
 * hyperparameters, JDBC URLs, SQL and the agent's own lines, each through the path it really takes:
 * collection-time redaction, then the final pass over the whole snapshot. 0 leaks, 0 near-misses lost.
 */
class RedactionCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Redactor R = Redactor.defaults();

    /** One row of {@code redaction/corpus.tsv}. */
    private static final class Case {
        final String context;
        final String name;
        final String value;
        final String secret;

        Case(String[] f) {
            context = f[0];
            name = f[1];
            value = f[2].replace("\\n", "\n");
            secret = f.length > 3 ? f[3] : "";
        }

        @Override
        public String toString() {
            return context + " " + name + "=" + value;
        }
    }

    private static List<Case> corpus() throws Exception {
        List<Case> out = new ArrayList<>();
        try (InputStream in = RedactionCorpusTest.class.getResourceAsStream("/redaction/corpus.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(new Case(line.split("\t", -1)));
                }
            }
        }
        return out;
    }

    @Test
    void theCorpusIsLargeAndHasBothKinds() throws Exception {
        List<Case> all = corpus();
        long secrets = all.stream().filter(c -> !c.secret.isEmpty()).count();
        assertTrue(all.size() >= 120, "cases: " + all.size());
        assertTrue(secrets >= 80 && all.size() - secrets >= 30, secrets + " secrets, " + (all.size() - secrets) + " near-misses");
        assertEquals(9, all.stream().map(c -> c.context).distinct().count());
    }

    @TestFactory
    List<DynamicTest> noSecretLeavesAndNoNearMissIsLost() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : corpus()) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                String written = written(c);
                assertEquals(written, R.redactValue(written), "a second pass changes nothing");
                if (c.secret.isEmpty()) {
                    assertEquals(expectedNearMiss(c), written, "a near-miss was changed");
                } else {
                    assertFalse(written.contains(c.secret), "leaked '" + c.secret + "' in: " + written);
                    assertTrue(written.contains(Redactor.MASK), written);
                }
            }));
        }
        return tests;
    }

    private static String expectedNearMiss(Case c) throws Exception {
        if (c.context.equals("argv")) {
            return String.join("\u0000", Arrays.asList(JSON.readValue(c.value, String[].class)));
        }
        if (c.context.equals("prop")) {
            return "-D" + c.name + "=" + c.value;
        }
        if (c.context.equals("log")) {
            return "[runledger] " + c.value;
        }
        return c.value;
    }

    /** What reaches disk (or stderr) for this case, through the path that kind of string takes. */
    private static String written(Case c) throws Exception {
        switch (c.context) {
            case "env":
                return finalPass("environment", "variables", c.name, R.redactAll(java.util.Map.of(c.name, c.value)).get(c.name));
            case "prop":
                return String.join("\u0000", finalPassArray(R.redactArguments(List.of("-D" + c.name + "=" + c.value))));
            case "argv":
                return String.join("\u0000", finalPassArray(R.redactArguments(Arrays.asList(JSON.readValue(c.value, String[].class)))));
            case "path":
            case "jdbc":
                return finalPass("dataSources", "0", c.name, c.value);
            case "sql":
                return finalPass("dataSources", "0", "query", c.value);
            case "exception":
                return finalPass("run", "failure", "message", R.redactValue(c.value));
            case "hyper":
                return finalPass("trainings", "hyperparameters", c.name, c.value);
            case "log":
                return printed(c.value);
            default:
                throw new AssertionError("unknown context " + c.context);
        }
    }

    /** Puts the value into a snapshot-shaped tree, runs the final pass, and reads it back. */
    private static String finalPass(String section, String inner, String name, String value) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode holder = root.putObject(section).putObject(inner);
        if (value.matches("\\d{1,9}")) {
            holder.put(name, Integer.parseInt(value));
        } else {
            holder.put(name, value);
        }
        TreeRedaction.apply(root, R);
        JsonNode out = root.path(section).path(inner).path(name);
        return out.isNumber() ? out.asText() : out.textValue();
    }

    private static List<String> finalPassArray(List<String> args) {
        ObjectNode root = JSON.createObjectNode();
        args.forEach(root.putObject("process").putArray("arguments")::add);
        TreeRedaction.apply(root, R);
        List<String> out = new ArrayList<>();
        root.path("process").path("arguments").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String printed(String message) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Log.warn(message);
        } finally {
            System.setErr(old);
        }
        return buffer.toString(StandardCharsets.UTF_8).trim();
    }
}
