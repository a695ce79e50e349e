package io.runledger.snapshot;

import java.util.List;

/** The OS process: identity, command line (redacted), working directory and user. */
public final class ProcessInfo {

    public final long pid;
    public final String hostname;
    public final String startedAt;
    public final String mainClass;
    public final List<String> arguments;
    public final String commandLine;
    public final String workingDirectory;
    public final String user;
    public final List<String> jvmArguments;

    public ProcessInfo(long pid, String hostname, String startedAt, String mainClass, List<String> arguments, String commandLine, String workingDirectory, String user, List<String> jvmArguments) {
        this.pid = pid;
        this.hostname = hostname;
        this.startedAt = startedAt;
        this.mainClass = mainClass;
        this.arguments = arguments;
        this.commandLine = commandLine;
        this.workingDirectory = workingDirectory;
        this.user = user;
        this.jvmArguments = jvmArguments;
    }
}
