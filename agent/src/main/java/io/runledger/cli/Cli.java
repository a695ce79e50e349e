package io.runledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar runledger-agent.jar COMMAND [options]}: one picocli command object per command, each
 * declaring its own options, so an option a command does not take is an error. Exit codes: 0 fine,
 * 1 the answer is "no" (verify found problems, diff found changes), 2 bad input: one line on stderr,
 * never a stack trace.
 */
public final class Cli {

    /** Named "" so each command's usage reads "usage: list [...]"; the root's own heading names the jar. */
    @Command(name = "", synopsisHeading = "usage: java -jar runledger-agent.jar", mixinStandardHelpOptions = false,
            subcommands = {ListCommand.class, ShowCommand.class, VerifyCommand.class, DiffCommand.class, SelectCommand.class,
                ReproduceCommand.class, ReportCommand.class, AttachCommand.class, CheckpointCommand.class, ProveCommand.class,
                RecoverCommand.class, KeyCommand.class, VerifyModelCommand.class, CommandLine.HelpCommand.class},
            description = {"RUN is a run id, a unique id prefix, 'latest' or 'latest~N' (N runs before the latest).",
                "--dir defaults to runledger.dir / RUNLEDGER_DIR, else ./runledger. 'COMMAND --help' describes one command."})
    static final class Root implements Runnable {
        @Override
        public void run() {
            // no command: the usage is printed by Cli and the exit code is 2
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point called by the launcher; returns the exit code. */
    public static int run(String[] args) {
        return new Cli(System.out, System.err).execute(args);
    }

    int execute(String[] argv) {
        try {
            CommandLine cli = commandLine();
            if (argv.length == 0) {
                cli.usage(out);
                return 2;
            }
            return cli.execute(argv);
        } catch (RuntimeException | LinkageError e) {
            err.println("runledger: unexpected error: " + e);
            return 2;
        } finally {
            out.flush();
        }
    }

    CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Root(), new Factory());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<CommandLine> all = new ArrayList<>(cli.getSubcommands().values());
        all.add(cli);
        for (CommandLine c : all) {
            if (c != cli) {
                c.getCommandSpec().usageMessage().synopsisHeading("usage:");
            }
            if (c.getCommandSpec().findOption("--help") == null && c.getCommandSpec().findOption("-h") == null) {
                c.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this help").build());
            }
        }
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("runledger: " + describe(e));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("runledger: " + (e instanceof CliException ? e.getMessage() : "unexpected error: " + e));
            return 2;
        });
        return cli;
    }

    /** One line naming what was wrong and what the command takes. */
    static String describe(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String command = spec.name();
        boolean root = spec.parent() == null;
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) e).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (root) {
                return "unknown command '" + first + "' (commands: " + String.join(", ", commands(spec)) + "; --help for more)";
            }
            if (first.startsWith("-")) {
                return "unknown option '" + first + "' for " + command + " (" + command + " takes: " + String.join(", ", options(spec)) + ")";
            }
            return command + " takes " + positionals(spec) + "; unexpected argument '" + first + "' (try: " + command + " --help)";
        }
        if (e instanceof CommandLine.MissingParameterException) {
            boolean positional = false;
            for (ArgSpec missing : ((CommandLine.MissingParameterException) e).getMissing()) {
                positional |= missing.isPositional();
            }
            if (positional) {
                return command + " takes " + positionals(spec) + " (try: " + command + " --help)";
            }
        }
        String message = e.getMessage().replaceFirst("^Error: ", "");
        return message + (root ? "" : " (try: " + command + " --help)");
    }

    private static List<String> commands(CommandSpec spec) {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        names.remove("help");
        return names;
    }

    private static List<String> options(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            names.add(o.longestName());
        }
        return names;
    }

    /** "one RUN", "RUN_A RUN_B", "PID [key=value,...]", "no argument". */
    private static String positionals(CommandSpec spec) {
        List<PositionalParamSpec> params = spec.positionalParameters();
        if (params.isEmpty()) {
            return "no argument";
        }
        if (params.size() == 1 && params.get(0).arity().max() == 1 && params.get(0).arity().min() == 1) {
            return "one " + params.get(0).paramLabel();
        }
        List<String> labels = new ArrayList<>();
        for (PositionalParamSpec p : params) {
            String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
            labels.add(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return String.join(" ", labels);
    }

    /** Creates command objects with this CLI's output streams. */
    private final class Factory implements CommandLine.IFactory {
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = fallback.create(type);
            if (made instanceof CliCommand) {
                ((CliCommand) made).out = out;
                ((CliCommand) made).err = err;
            }
            return made;
        }
    }
}
