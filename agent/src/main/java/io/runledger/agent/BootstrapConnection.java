package io.runledger.agent;

import io.runledger.files.FileReads;
import io.runledger.bootstrap.RunLedger;

/**
 * Routes the bootstrap API to a recorder. A class of its own because loading any class that names
 * {@code io.runledger.bootstrap} types must wait until {@link BootstrapInjector} has defined them.
 */
final class BootstrapConnection {

    private BootstrapConnection() {
    }

    private static boolean recording;

    /**
     * Installs the hooks: file reads only while {@code recorder} is null (premain), everything once a
     * recorder is connected. A recorder, once connected, is never replaced by the file-only hooks.
     */
    static synchronized void connect(FileReads files, RunRecorder recorder) {
        if (recorder != null) {
            RunLedger.install(new RecorderHooks(files, recorder));
            recording = true;
        } else if (!recording) {
            RunLedger.install(new FileReadHooks(files));
        }
    }
}
