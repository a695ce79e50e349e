package io.runledger.agent;

import io.runledger.bootstrap.RunLedger;

/**
 * Routes the bootstrap API to a recorder. A class of its own because loading any class that names
 * {@code io.runledger.bootstrap} types must wait until {@link BootstrapInjector} has defined them.
 */
final class BootstrapConnection {

    private BootstrapConnection() {
    }

    static void connect(RunRecorder recorder) {
        RunLedger.install(new RecorderHooks(recorder));
    }
}
