package io.runledger.agent;

import io.runledger.bootstrap.RunLedger;

/**
 * Routes the bootstrap API to a recorder. A class of its own because loading any class that names
 * {@code io.runledger.bootstrap} types must wait until {@link BootstrapInjector} has defined them.
 */
final class BootstrapConnection {

    private BootstrapConnection() {
    }

    private static RecorderHooks hooks;

    /** Installs the hooks once; later calls only hand them the recorder (null: file reads only, for now). */
    static synchronized void connect(io.runledger.files.FileReads files, RunRecorder recorder) {
        if (hooks == null) {
            hooks = new RecorderHooks(files);
            RunLedger.install(hooks);
        }
        if (recorder != null) {
            hooks.recordTo(recorder);
        }
    }
}
