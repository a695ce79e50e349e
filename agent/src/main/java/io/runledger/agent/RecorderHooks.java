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
    public long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        return recorder.onTrainingStart(framework, model, entryPoint, arguments);
    }

    @Override
    public void onTrainingEnd(long handle, Object result, Throwable error) {
        recorder.onTrainingEnd(handle, result, error);
    }

    @Override
    public void onIteration(String framework, Object model) {
        recorder.onIteration(framework, model);
    }

    @Override
    public void onEpochEnd(String framework, Object model) {
        recorder.onEpochEnd(framework, model);
    }

    @Override
    public void onDataSource(String framework, Object reader, Object source) {
        recorder.onDataSource(framework, reader, source);
    }

    @Override
    public void onFeatureStep(String framework, Object step, Object input) {
        recorder.onFeatureStep(framework, step, input);
    }

    @Override
    public void onEvaluation(String framework, Object model, Object result) {
        recorder.onEvaluation(framework, model, result);
    }

    @Override
    public void onNestedCall(String framework, Object method, Object[] arguments) {
        recorder.onNestedCall(framework, method, arguments);
    }

    @Override
    public void onObjectWritten(Object stream, Object object) {
        recorder.onObjectWritten(stream, object);
    }

    @Override
    public void onModelWritten(String framework, Object model, Object target, Throwable error) {
        recorder.onModelWritten(framework, model, target, error);
    }
}
