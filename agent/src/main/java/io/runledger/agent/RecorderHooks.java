package io.runledger.agent;

import io.runledger.bootstrap.RunLedgerHooks;

/**
 * Connects the bootstrap API to a {@link RunRecorder}. Kept apart from the recorder so that nothing
 * touches {@code io.runledger.bootstrap} before {@link BootstrapInjector} has put it in the boot loader.
 */
final class RecorderHooks implements RunLedgerHooks {

    private final RunRecorder recorder;

    RecorderHooks(RunRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void onExit(int status) {
        recorder.onExit(status);
    }

    @Override
    public void onUncaughtException(Thread thread, Throwable error) {
        recorder.onUncaughtException(thread, error);
    }

    @Override
    public long onTrainingStart(String framework, Object model, String entryPoint) {
        return recorder.onTrainingStart(framework, model, entryPoint);
    }

    @Override
    public void onTrainingEnd(long handle, Throwable error) {
        recorder.onTrainingEnd(handle, error);
    }
}
