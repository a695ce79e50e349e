package io.runledger.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 end to end: a key made by the CLI, training JVMs that sign with it, an auditor who pins it. */
class SignedLedgerIT {

    private static final String TRAINER = "io.runledger.apps.plain.TinyTrainer";

    @Test
    void runsSignedByAFileKeyAndByAKeyInAnEnvironmentVariableVerifyAgainstThePinnedKey(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("ledger.key");
        AgentProcess.Result gen = AgentProcess.cli(dir, "key", "generate", key.toString());
        assertEquals(0, gen.exitCode, gen.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Path ledger = dir.resolve("ledger");

        AgentProcess.Result first = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + ledger + ",ledger.signing-key=" + key).run();
        assertEquals(0, first.exitCode, first.toString());
        String exported = AgentProcess.cli(dir, "checkpoint", "--dir", ledger.toString()).stdout;
        Files.writeString(dir.resolve("exported.checkpoint"), exported);

        String pem = Files.readString(key) + Files.readString(dir.resolve("ledger.key.pub"));
        AgentProcess.Result second = app(TRAINER, TestData.file("iris.txt").toString()).in(dir)
                .agentArgs("capture=always,dir=" + ledger).env("RUNLEDGER_LEDGER_SIGNING_KEY", pem).run();
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(!Files.readString(Ledgers.snapshotFiles(ledger).get(1)).contains("PRIVATE KEY") && !second.stderr.contains("PRIVATE"),
                "the key itself is never written");

        AgentProcess.Result verify = AgentProcess.cli(dir, "verify", "--dir", ledger.toString(), "--key", dir.resolve("ledger.key.pub").toString(),
                "--checkpoint", dir.resolve("exported.checkpoint").toString());
        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.stdout.contains("note: 2 of 2 entries signed by pinned key(s)"), verify.stdout);
        assertTrue(verify.stdout.contains("consistent with the exported checkpoint of 1 entries"), verify.stdout);

        AgentProcess.Result other = AgentProcess.cli(dir, "key", "generate", dir.resolve("other.key").toString());
        assertEquals(0, other.exitCode);
        AgentProcess.Result wrongKey = AgentProcess.cli(dir, "verify", "--dir", ledger.toString(), "--key", dir.resolve("other.key.pub").toString());
        assertEquals(1, wrongKey.exitCode, wrongKey.toString());
        assertTrue(wrongKey.stdout.contains("not pinned"), wrongKey.stdout);
    }
}
