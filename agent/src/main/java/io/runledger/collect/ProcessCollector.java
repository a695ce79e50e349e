package io.runledger.collect;

import io.runledger.ledger.Hostname;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.ProcessInfo;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The process: pid, start time, main class or jar and its arguments, JVM flags; all redacted. */
public final class ProcessCollector {

    private ProcessCollector() {
    }

    /** The main class (or jar) from {@code sun.java.command}, without arguments. */
    public static String mainClass() {
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "";
        }
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /** When this JVM started, from the runtime bean (cheap; no OS call). */
    public static Instant jvmStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    public static ProcessInfo collect(Redactor redactor) {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.Info info = self.info();
        String command = System.getProperty("sun.java.command", "").trim();
        List<String> appArgs = new ArrayList<>();
        if (!command.isEmpty()) {
            List<String> words = Arrays.asList(command.split(" "));
            appArgs.addAll(words.subList(1, words.size()));
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> fullCommand = new ArrayList<>();
        info.command().ifPresent(fullCommand::add);
        Optional<String[]> osArgs = info.arguments();
        osArgs.ifPresent(a -> fullCommand.addAll(Arrays.asList(a)));
        String started = info.startInstant().map(Instant::toString).orElse(jvmStart().toString());
        return new ProcessInfo(
                self.pid(),
                Hostname.get(),
                started,
                mainClass(),
                Collections.unmodifiableList(redactor.redactArguments(appArgs)),
                fullCommand.isEmpty() ? null : String.join(" ", redactor.redactArguments(fullCommand)),
                System.getProperty("user.dir"),
                System.getProperty("user.name"),
                Collections.unmodifiableList(redactor.redactArguments(jvmArgs)));
    }
}
