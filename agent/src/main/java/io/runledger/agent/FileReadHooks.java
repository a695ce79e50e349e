package io.runledger.agent;

import io.runledger.bootstrap.RunLedgerHooks;
import io.runledger.files.FileReads;

/**
 * The hooks installed in premain, before any recorder exists: file reads go to {@link FileReads}
 * (a pipeline reads before it trains); every other event is the interface's no-op, as without the
 * agent. {@link RecorderHooks} replaces it once a recorder is connected.
 */
class FileReadHooks implements RunLedgerHooks {

    private final FileReads files;

    FileReadHooks(FileReads files) {
        this.files = files;
    }

    @Override
    public final void onFileOpened(Object stream, Object file, boolean readable) {
        if (files != null) {
            files.opened(stream, file, readable);
        }
    }

    @Override
    public final void onFileRead(Object stream, long bytes) {
        if (files != null) {
            files.read(stream, bytes);
        }
    }
}
