package io.runledger.agent;

import io.runledger.files.FileReads;

/**
 * Connects the bootstrap API to a {@link RunRecorder}. Kept apart from the recorder so that nothing
 * touches {@code io.runledger.bootstrap} before {@link BootstrapInjector} has put it in the boot loader.
 * File reads are handled as in premain, by {@link FileReadHooks}.
 */
final class RecorderHooks extends FileReadHooks {

    private final RunRecorder recorder;

    RecorderHooks(FileReads files, RunRecorder recorder) {
        super(files);
        this.recorder = recorder;
    }

    @Override
    public void onStatementPrepared(Object statement, Object sql) {
        recorder.queries().prepared(statement, sql);
    }

    @Override
    public void onQuery(Object statement, Object sql, Object resultSet) {
        recorder.queries().query(statement, sql, resultSet);
    }

    @Override
    public void onRowFetched(Object resultSet) {
        recorder.queries().row(resultSet);
    }

    /**
     * Only {@code Runtime.exit} itself may report an exit status: the bootstrap API is public, and an
     * application calling {@code RunLedger.onExit(3)} must not make a run that exits 0 say it failed.
     */
    @Override
    public void onExit(int status) {
        if (calledFrom("java.lang.Runtime", "exit")) {
            recorder.exits().exitCalled(status);
        }
    }

    @Override
    public void onUncaughtException(Thread thread, Throwable error) {
        if (calledFrom("java.lang.Thread", "dispatchUncaughtException")) {
            recorder.exits().uncaught(thread, error);
        }
    }

    /** True when the frame right after the bootstrap API is {@code type.method} of the boot loader. Exits are rare: a walk is cheap enough. */
    static boolean calledFrom(String type, String method) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .dropWhile(f -> !f.getClassName().equals("io.runledger.bootstrap.RunLedger"))
                .dropWhile(f -> f.getClassName().equals("io.runledger.bootstrap.RunLedger"))
                .findFirst()
                .map(f -> f.getClassName().equals(type) && f.getMethodName().equals(method) && f.getDeclaringClass().getClassLoader() == null)
                .orElse(false));
    }

    @Override
    public long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        return recorder.events().onTrainingStart(framework, model, entryPoint, arguments);
    }

    @Override
    public void onTrainingEnd(long handle, Object result, Throwable error) {
        recorder.events().onTrainingEnd(handle, result, error);
    }

    @Override
    public void onIteration(String framework, Object model) {
        recorder.events().onIteration(framework, model);
    }

    @Override
    public void onEpochEnd(String framework, Object model) {
        recorder.events().onEpochEnd(framework, model);
    }

    @Override
    public void onDataSource(String framework, Object reader, Object source) {
        recorder.events().onDataSource(framework, reader, source);
    }

    @Override
    public void onFeatureStep(String framework, Object step, Object input) {
        recorder.events().onFeatureStep(framework, step, input);
    }

    @Override
    public void onEvaluation(String framework, Object model, Object result) {
        recorder.events().onEvaluation(framework, model, result);
    }

    @Override
    public void onEvaluatorFilled(String framework, Object evaluator) {
        recorder.events().onEvaluatorFilled(framework, evaluator);
    }

    @Override
    public void onModelRead(String framework, Object source) {
        recorder.events().onModelRead(framework, source);
    }

    @Override
    public void onSeed(String framework, String name, long seed) {
        recorder.events().onSeed(framework, name, seed);
    }

    @Override
    public void onRandomHandedIn(String framework, String name, Object random) {
        recorder.events().onRandomHandedIn(framework, name, random);
    }

    @Override
    public void onPrediction(String framework, Object model) {
        recorder.events().onPrediction(framework, model);
    }

    @Override
    public void onNestedCall(String framework, Object method, Object[] arguments) {
        recorder.events().onNestedCall(framework, method, arguments);
    }

    @Override
    public void onObjectWritten(Object stream, Object object) {
        recorder.events().onObjectWritten(stream, object);
    }

    @Override
    public void onModelWritten(String framework, Object model, Object target, Throwable error) {
        recorder.events().onModelWritten(framework, model, target, error);
    }
}
