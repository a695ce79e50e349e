package io.runledger.cli;

import com.sun.tools.attach.VirtualMachine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Loads the agent into a running JVM (Attach API). The agent answers through a one-line file whether it
 * started or was already there, so the command can say which without touching the target otherwise.
 */
final class Attach {

    private Attach() {
    }

    static String attach(String pid, String agentArgs) throws CliException {
        if (!pid.matches("\\d+")) {
            throw new CliException("'" + pid + "' is not a process id");
        }
        if (!ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
            throw new CliException("no process " + pid);
        }
        Path reply;
        try {
            reply = Files.createTempFile("runledger-attach", ".txt");
            Files.delete(reply);
        } catch (Exception e) {
            throw new CliException("cannot create a temporary file: " + e.getMessage());
        }
        String args = (agentArgs == null || agentArgs.isEmpty() ? "" : agentArgs + ",") + "attach.reply=" + reply;
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (Exception e) {
            throw new CliException("cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a JVM of the same user, started without -XX:+DisableAttachMechanism?)");
        }
        try {
            String jvmArgs = vm.getAgentProperties().getProperty("sun.jvm.args", "");
            if (jvmArgs.contains("runledger-agent") && jvmArgs.contains("-javaagent")) {
                return "process " + pid + " already runs the RunLedger agent (started with it); nothing changed";
            }
            vm.loadAgent(agentJar(), args);
        } catch (Exception e) {
            throw new CliException("process " + pid + " refused the agent: " + e.getMessage());
        } finally {
            try {
                vm.detach();
            } catch (Exception ignored) {
                // nothing to undo
            }
        }
        String answer = read(reply);
        if (answer.startsWith("ALREADY")) {
            return "process " + pid + " already runs the RunLedger agent; nothing changed";
        }
        return "attached to process " + pid + ": the agent records from now on and writes the snapshot when that JVM exits";
    }

    private static String read(Path reply) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(reply)) {
                    String s = new String(Files.readAllBytes(reply), StandardCharsets.UTF_8).trim();
                    Files.deleteIfExists(reply);
                    return s;
                }
                Thread.sleep(20);
            } catch (Exception e) {
                return "";
            }
        }
        return "";
    }

    private static String agentJar() throws Exception {
        return Paths.get(Attach.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
