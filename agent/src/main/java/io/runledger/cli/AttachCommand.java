package io.runledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "attach", description = {"Loads the agent into the running JVM PID with these agent arguments",
    "(e.g. dir=/data/runledger,run.name=nightly). Framework classes already loaded are instrumented at once;",
    "what happened before is unknown and the snapshot says so."})
final class AttachCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM")
    String pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "key=value,...", description = "agent arguments")
    String agentArgs = "";

    @Override
    public Integer call() throws Exception {
        String args = agentArgs;
        if (dir != null && !(("," + args).contains(",dir="))) {
            args = args.isEmpty() ? "dir=" + dir : args + ",dir=" + dir;   // --dir names the ledger the agent writes to
        }
        out.println(Attach.attach(pid, args));
        return 0;
    }
}
