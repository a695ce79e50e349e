package io.runledger.cli;

import io.runledger.ledger.LedgerKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "key", description = "Ledger signing keys.", subcommands = KeyCommand.Generate.class)
final class KeyCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "say which: key generate FILE");
    }

    @Command(name = "generate", description = {"Writes an ECDSA P-256 private key to FILE (PEM, mode 0600) and its public key to",
        "FILE.pub. Give FILE to the agent as ledger.signing-key; give FILE.pub to `verify --key`."})
    static final class Generate extends CliCommand {

        @Parameters(paramLabel = "FILE", description = "where the private key goes (never overwritten)")
        Path file;

        @Override
        public Integer call() throws Exception {
            LedgerKey key;
            try {
                key = LedgerKey.generate(file);
            } catch (java.io.IOException e) {
                throw new CliException(e.getMessage());
            }
            out.println("private key: " + file + " (keep it secret; give it to the agent as ledger.signing-key=" + file + ")");
            out.println("public key:  " + LedgerKey.publicFile(file) + " (pin it with verify --key " + LedgerKey.publicFile(file) + ")");
            out.println("fingerprint: " + key.fingerprint());
            return 0;
        }
    }
}
