package io.runledger.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds and runs a child JVM, with or without the built agent jar, and captures what it printed. */
final class AgentProcess {

    static final Path ROOT = Paths.get(System.getProperty("runledger.root", "../..")).toAbsolutePath().normalize();
    static final Path AGENT_JAR = Paths.get(System.getProperty("runledger.agent.jar", ROOT + "/agent/target/runledger-agent.jar"))
            .toAbsolutePath().normalize();
    static final Path PLAIN_JAR = Paths.get(System.getProperty("runledger.plain.jar",
            ROOT + "/test-apps/plain-app/target/plain-app-0.1.0-SNAPSHOT.jar")).toAbsolutePath().normalize();
    static final Path JAVA_25 = Paths.get(System.getProperty("runledger.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** The outcome of a finished child. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private String javaHome = System.getProperty("java.home");
    private String agentArgs;
    private boolean withAgent = true;
    private String classPath = PLAIN_JAR.toString();
    private final List<String> jvmArgs = new ArrayList<>();
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Path workDir;
    private Path outputDir;
    private String umask;

    static AgentProcess app(String mainClass, String... args) {
        AgentProcess p = new AgentProcess();
        p.mainClass = mainClass;
        p.args.addAll(Arrays.asList(args));
        return p;
    }

    AgentProcess agentArgs(String agentArgs) {
        this.agentArgs = agentArgs;
        return this;
    }

    AgentProcess withoutAgent() {
        this.withAgent = false;
        return this;
    }

    AgentProcess javaHome(Path home) {
        this.javaHome = home.toString();
        return this;
    }

    AgentProcess classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    AgentProcess jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    AgentProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the child under this umask (through {@code sh}), as a shell profile would. */
    AgentProcess umask(String value) {
        this.umask = value;
        return this;
    }

    /** Working directory, and where stdout/stderr files go. */
    AgentProcess in(Path dir) {
        this.workDir = dir;
        this.outputDir = dir;
        return this;
    }

    List<String> command() {
        List<String> cmd = new ArrayList<>();
        if (umask != null) {
            cmd.addAll(Arrays.asList("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        cmd.add(Paths.get(javaHome, "bin", "java").toString());
        if (withAgent) {
            cmd.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    Process start() throws IOException {
        if (outputDir == null) {
            throw new IllegalStateException("call in(dir) first");
        }
        ProcessBuilder pb = new ProcessBuilder(command()).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("RUNLEDGER_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        pb.redirectOutput(outputDir.resolve("stdout.txt").toFile());
        pb.redirectError(outputDir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    Result run() throws Exception {
        Process p = start();
        return finish(p, outputDir);
    }

    static Result finish(Process p, Path outputDir) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 120 s");
        }
        return new Result(p.exitValue(), read(outputDir.resolve("stdout.txt")), read(outputDir.resolve("stderr.txt")));
    }

    /** Waits until the child's stdout contains {@code text}. */
    static void awaitOutput(Path outputDir, String text, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (read(outputDir.resolve("stdout.txt")).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("child never printed '" + text + "'");
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    /**
     * Runs a test app twice — without the agent, then with it (default capture=training, ledger in
     * {@code dir/ledger}) — in sibling directories; "OUT" in an argument becomes that run's output folder.
     * Asserts both exit 0 and print exactly the same (paths aside): the agent must not change the training.
     */
    static Result[] withAndWithout(Path dir, String classPath, List<String> jvmArgs, String main, String... args) throws Exception {
        Result[] results = new Result[2];
        Path[] dirs = {Files.createDirectories(dir.resolve("plain")), Files.createDirectories(dir.resolve("agent"))};
        for (int i = 0; i < 2; i++) {
            String[] runArgs = args.clone();
            for (int a = 0; a < runArgs.length; a++) {
                runArgs[a] = runArgs[a].replace("OUT", dirs[i].resolve("out").toString());
            }
            AgentProcess p = app(main, runArgs).classPath(classPath).in(dirs[i]);
            jvmArgs.forEach(p::jvmArg);
            results[i] = i == 0 ? p.withoutAgent().run() : p.agentArgs("dir=" + dir.resolve("ledger")).run();
            org.junit.jupiter.api.Assertions.assertEquals(0, results[i].exitCode, results[i].toString());
        }
        org.junit.jupiter.api.Assertions.assertEquals(results[0].stdout.replace(dirs[0].toString(), "DIR"),
                results[1].stdout.replace(dirs[1].toString(), "DIR"), "the agent must not change what the training prints");
        return results;
    }

    /** A test-apps module's jar and its dependencies, from the class path file its build writes. */
    static String moduleClassPath(Path target, String module) throws IOException {
        return target.resolve(module + "-0.1.0-SNAPSHOT.jar") + ":" + Files.readString(target.resolve("classpath.txt")).trim();
    }

    /** Runs the agent jar's CLI: {@code java -jar runledger-agent.jar args...}. */
    static Result cli(Path dir, String... cliArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(AGENT_JAR.toString());
        cmd.addAll(Arrays.asList(cliArgs));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CLI did not finish");
        }
        Result r = new Result(p.exitValue(), read(out), read(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

}
