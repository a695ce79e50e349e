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

    /** Launcher options whose value is the next argument. */
    private static final List<String> OPTIONS_WITH_VALUE = Arrays.asList("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
            "--patch-module", "--enable-native-access", "--source");

    /**
     * The application's own arguments out of the real argument vector (after {@code java}): whatever follows
     * the main class, {@code -jar FILE} or {@code -m MODULE[/CLASS]}, each argument one element even when it
     * holds spaces. Null when the vector cannot be read with certainty (an {@code @argfile}, or a main class
     * that is not the one the launcher reports).
     */
    static List<String> applicationArguments(List<String> argv, String launcherMain) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("@")) {
                return null;
            }
            if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                return i + 1 < argv.size() && launcherMain.equals(argv.get(i + 1))
                        ? new ArrayList<>(argv.subList(i + 2, argv.size())) : null;
            }
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return launcherMain.equals(a) ? new ArrayList<>(argv.subList(i + 1, argv.size())) : null;
            }
        }
        return null;
    }

    /** The application's arguments, one element each when the OS gives the argument vector, else split at spaces. */
    public static List<String> applicationArguments() {
        List<String> appArgs = ProcessHandle.current().info().arguments().map(a -> applicationArguments(Arrays.asList(a), mainClass()))
                .orElse(null);
        if (appArgs == null) {
            // no argument vector from the OS (or an @argfile): the launcher's one-line summary, split at spaces
            String command = System.getProperty("sun.java.command", "").trim();
            List<String> words = Arrays.asList(command.split(" "));
            appArgs = command.isEmpty() ? new ArrayList<>() : new ArrayList<>(words.subList(1, words.size()));
        }
        return appArgs;
    }

    /** When this JVM started, from the runtime bean (cheap; no OS call). */
    public static Instant jvmStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    public static ProcessInfo collect(Redactor redactor) {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.Info info = self.info();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> fullCommand = new ArrayList<>();
        info.command().ifPresent(fullCommand::add);
        Optional<String[]> osArgs = info.arguments();
        osArgs.ifPresent(a -> fullCommand.addAll(Arrays.asList(a)));
        List<String> appArgs = applicationArguments();
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
