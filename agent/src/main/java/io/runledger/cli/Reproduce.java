package io.runledger.cli;

import io.runledger.collect.Git;
import io.runledger.hash.FileHash;
import io.runledger.hash.HashCache;
import io.runledger.hash.HashEngine;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.DataSource;
import io.runledger.snapshot.Dependency;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.ProcessInfo;
import io.runledger.snapshot.Snapshot;
import io.runledger.snapshot.SourceKind;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    private final Snapshot s;
    private final HashEngine hashes;
    private final List<Check> checks = new ArrayList<>();

    Reproduce(Snapshot snapshot, Path ledgerDir) {
        this.s = snapshot;
        this.hashes = new HashEngine(HashCache.readOnly(ledgerDir.resolve("cache").resolve("hashes.tsv")), 2);
    }

    List<Check> run() {
        code();
        files();
        jvm();
        threads();
        return checks;
    }

    private void code() {
        CodeInfo code = s.code;
        if (code == null) {
            return;
        }
        Path root = Paths.get(code.root == null ? "." : code.root);
        String head = Git.run(root, "rev-parse", "HEAD");
        checks.add(new Check("git commit", code.commit, head == null ? null : head.trim()));
        // the collector's own runner and cap: the same tree reads the same (quoting, non-ASCII names, 500 files)
        checks.add(new Check("dirty files", String.valueOf(code.changedFiles), String.valueOf(Git.changedFiles(Git.status(root)))));
    }

    private void files() {
        for (DataSource d : s.dataSources) {
            if (d.kind == SourceKind.FILE && d.uri != null && d.uri.startsWith("file:")) {
                checks.add(new Check("data " + d.uri, d.sha256, hashNow(Paths.get(URI.create(d.uri)))));
            }
        }
        for (Dependency d : s.dependencies) {
            if (d.sha256 != null) {
                checks.add(new Check("dependency " + d.file, d.sha256, hashNow(Paths.get(d.path))));
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
        JvmInfo jvm = s.jvm;
        if (jvm == null) {
            return;
        }
        Path home = Paths.get(jvm.javaHome == null ? "" : jvm.javaHome);
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
        checks.add(new Check("JVM " + home, jvm.version, now));
    }

    private void threads() {
        Map<String, String> variables = s.environment == null || s.environment.variables == null
                ? Collections.<String, String>emptyMap() : s.environment.variables;
        for (String var : new String[] {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"}) {
            String then = variables.get(var);
            checks.add(new Check("environment " + var, then == null ? "unset" : then, System.getenv(var) == null ? "unset" : System.getenv(var)));
        }
    }

    /** Where the run was started: relative paths in its command and arguments resolve against it. */
    String workingDirectory() {
        return s.process == null ? null : s.process.workingDirectory;
    }

    /** The command that reruns the run under the agent with the same run name, as arguments. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        ProcessInfo p = s.process;
        cmd.add(Paths.get(s.jvm == null || s.jvm.javaHome == null ? "" : s.jvm.javaHome, "bin", "java").toString());
        String name = s.run.name;
        boolean agent = false;
        for (String jvmArgument : p == null || p.jvmArguments == null ? Collections.<String>emptyList() : p.jvmArguments) {
            String arg = jvmArgument;
            if (arg.startsWith("-javaagent:") && arg.contains("runledger")) {
                agent = true;
                int options = arg.indexOf('=');
                // this CLI's own jar: the recorded one may be gone or another version
                arg = "-javaagent:" + agentJar() + (options < 0 ? "" : arg.substring(options));
                arg = arg.contains("run.name=") ? arg : arg + (arg.contains("=") ? "," : "=") + "run.name=" + name;
            }
            cmd.add(arg);
        }
        if (!agent) {
            cmd.add(1, "-javaagent:" + agentJar() + "=run.name=" + name);
        }
        String classPath = s.environment == null || s.environment.systemProperties == null ? ""
                : s.environment.systemProperties.getOrDefault("java.class.path", "");
        String main = p == null || p.mainClass == null ? "" : p.mainClass;
        if (main.endsWith(".jar")) {
            cmd.add("-jar");
        } else if (!classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath.replaceAll("(^|:)[^:]*runledger-agent[^:]*\\.jar", "").replaceFirst("^:", ""));
        }
        cmd.add(main);
        if (p != null && p.arguments != null) {
            cmd.addAll(p.arguments);
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
