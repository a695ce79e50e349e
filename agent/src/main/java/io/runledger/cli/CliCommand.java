package io.runledger.cli;

import io.runledger.config.Config;
import io.runledger.ledger.LedgerKey;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A CLI command: picocli fills its annotated options and parameters, then {@link #call()} returns the
 * exit code (0 fine, 1 the answer is "no", 2 bad input by throwing {@link CliException}).
 */
abstract class CliCommand implements Callable<Integer> {

    PrintStream out;
    PrintStream err;

    @Option(names = "--dir", paramLabel = "DIR", description = "the ledger directory (default: runledger.dir / RUNLEDGER_DIR, else ./runledger)")
    String dir;

    /** The ledger directory's runs, read only: no command but {@code recover} writes into a ledger. */
    RunStore store() throws CliException {
        return RunStore.open(ledgerDir());
    }

    /** Every public key in the given PEM files (each may hold several); bad input when one cannot be read. */
    static List<LedgerKey> publicKeys(List<Path> files) throws CliException {
        List<LedgerKey> keys = new ArrayList<>();
        for (Path k : files) {
            try {
                keys.addAll(LedgerKey.loadPublic(k));
            } catch (Exception e) {
                throw new CliException("cannot read the public key " + k + " (" + e.getMessage() + ")");
            }
        }
        return keys;
    }

    Path ledgerDir() {
        return dir != null ? Paths.get(dir) : Config.load(null).dir();
    }
}
