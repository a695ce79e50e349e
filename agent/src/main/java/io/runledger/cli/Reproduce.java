package io.runledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.runledger.collect.Git;
import io.runledger.hash.FileHash;
import io.runledger.hash.HashCache;
import io.runledger.hash.HashEngine;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine and working directory can reproduce a recorded run, and what stands in the way:
 * code (git commit, dirty files), every data file and dependency jar re-hashed now (through the ledger's
 * hash cache, so unchanged files cost a stat), the JVM, thread settings; then the command to rerun it.
 */
final class Reproduce {

    /** One check: what, then, now, and whether it stands in the way. */
    static final class Check {
        final String what;
        final String then;
        final String now;
        final boolean blocks;

        Check(String what, String then, String now) {
            this.what = what;
            this.then = then;
            this.now = now;
            this.blocks = !String.valueOf(then).equals(String.valueOf(now));
        }
    }

    private final JsonNode s;
    private final HashEngine hashes;
    private final List<Check> checks = new ArrayList<>();

    Reproduce(JsonNode snapshot, Path ledgerDir) {
        this.s = snapshot;
        this.hashes = new HashEngine(new HashCache(ledgerDir.resolve("cache").resolve("hashes.tsv")), 2);
    }

    List<Check> run() {
        code();
        files();
        jvm();
        threads();
        hashes.saveCache();
        return checks;
    }

    private void code() {
        JsonNode code = s.path("code");
        if (!code.isObject()) {
            return;
        }
        Path root = Paths.get(code.path("root").asText("."));
        String head = Git.run(root, "rev-parse", "HEAD");
        checks.add(new Check("git commit", code.path("commit").asText(), head == null ? null : head.trim()));
        // the collector's own runner and cap: the same tree reads the same (quoting, non-ASCII names, 500 files)
        com.fasterxml.jackson.databind.node.ArrayNode dirty = io.runledger.util.Json.MAPPER.createArrayNode();
        Git.changedFiles(Git.status(root)).forEach(dirty::add);
        checks.add(new Check("dirty files", code.path("changedFiles").toString(), dirty.toString()));
    }

    private void files() {
        for (JsonNode d : s.path("dataSources")) {
            String uri = d.path("uri").asText();
            if (uri.startsWith("file:")) {
                checks.add(new Check("data " + uri, d.path("sha256").asText(null), hashNow(Paths.get(URI.create(uri)))));
            }
        }
        for (JsonNode d : s.path("dependencies")) {
            if (d.hasNonNull("sha256")) {
                checks.add(new Check("dependency " + d.path("file").asText(), d.path("sha256").asText(), hashNow(Paths.get(d.path("path").asText()))));
            }
        }
    }

    private String hashNow(Path file) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        try {
            FileHash h = hashes.hash(file).get(10, TimeUnit.MINUTES);
            return h.sha256 == null ? h.status.name() : h.sha256;
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private void jvm() {
        JsonNode jvm = s.path("jvm");
        if (!jvm.isObject()) {
            return;
        }
        Path home = Paths.get(jvm.path("javaHome").asText(""));
        String now = "missing";
        try {
            for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    now = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            now = Files.isDirectory(home) ? "unknown" : "missing";
        }
        checks.add(new Check("JVM " + home, jvm.path("version").asText(), now));
    }

    private void threads() {
        for (String var : new String[] {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"}) {
            JsonNode then = s.path("environment").path("variables").path(var);
            checks.add(new Check("environment " + var, then.isMissingNode() ? "unset" : then.asText(),
                    System.getenv(var) == null ? "unset" : System.getenv(var)));
        }
    }

    /** The command that reruns the run under the agent with the same run name, as arguments. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        JsonNode p = s.path("process");
        cmd.add(Paths.get(s.path("jvm").path("javaHome").asText(""), "bin", "java").toString());
        String name = s.path("run").path("name").asText();
        boolean agent = false;
        for (JsonNode a : p.path("jvmArguments")) {
            String arg = a.asText();
            if (arg.startsWith("-javaagent:") && arg.contains("runledger")) {
                agent = true;
                arg = arg.contains("run.name=") ? arg : arg + (arg.contains("=") ? "," : "=") + "run.name=" + name;
            }
            cmd.add(arg);
        }
        if (!agent) {
            cmd.add(1, "-javaagent:" + agentJar() + "=run.name=" + name);
        }
        String classPath = s.path("environment").path("systemProperties").path("java.class.path").asText("");
        String main = p.path("mainClass").asText();
        if (main.endsWith(".jar")) {
            cmd.add("-jar");
        } else if (!classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath.replaceAll("(^|:)[^:]*runledger-agent[^:]*\\.jar", "").replaceFirst("^:", ""));
        }
        cmd.add(main);
        for (JsonNode a : p.path("arguments")) {
            cmd.add(a.asText());
        }
        return cmd;
    }

    private static String agentJar() {
        try {
            return Paths.get(Reproduce.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return "runledger-agent.jar";
        }
    }
}
