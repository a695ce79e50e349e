package io.runledger.agent;

import io.runledger.bootstrap.RunLedgerHooks;
import io.runledger.files.FileReads;

/**
 * Connects the bootstrap API to a {@link RunRecorder}. Kept apart from the recorder so that nothing
 * touches {@code io.runledger.bootstrap} before {@link BootstrapInjector} has put it in the boot loader.
 * File reads go to {@link FileReads} from premain on; everything else waits for the recorder (an event
 * before it exists is dropped, as without the agent).
 */
final class RecorderHooks implements RunLedgerHooks {

    private final FileReads files;
    private volatile RunRecorder recorder;

    RecorderHooks(FileReads files) {
        this.files = files;
    }

    void recordTo(RunRecorder r) {
        this.recorder = r;
    }

    @Override
    public void onFileOpened(Object stream, Object file, boolean readable) {
        if (files != null) {
            files.opened(stream, file, readable);
        }
    }

    @Override
    public void onFileRead(Object stream, long bytes) {
        if (files != null) {
            files.read(stream, bytes);
        }
    }

    @Override
    public void onStatementPrepared(Object statement, Object sql) {
        RunRecorder r = recorder;
        if (r != null) {
            r.queries().prepared(statement, sql);
        }
    }

    @Override
    public void onQuery(Object statement, Object sql, Object resultSet) {
        RunRecorder r = recorder;
        if (r != null) {
            r.queries().query(statement, sql, resultSet);
        }
    }

    @Override
    public void onRowFetched(Object resultSet) {
        RunRecorder r = recorder;
        if (r != null) {
            r.queries().row(resultSet);
        }
    }

    @Override
    public void onExit(int status) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onExit(status);
        }
    }

    @Override
    public void onUncaughtException(Thread thread, Throwable error) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onUncaughtException(thread, error);
        }
    }

    @Override
    public long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        RunRecorder r = recorder;
        return r == null ? 0L : r.onTrainingStart(framework, model, entryPoint, arguments);
    }

    @Override
    public void onTrainingEnd(long handle, Object result, Throwable error) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onTrainingEnd(handle, result, error);
        }
    }

    @Override
    public void onIteration(String framework, Object model) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onIteration(framework, model);
        }
    }

    @Override
    public void onEpochEnd(String framework, Object model) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onEpochEnd(framework, model);
        }
    }

    @Override
    public void onDataSource(String framework, Object reader, Object source) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onDataSource(framework, reader, source);
        }
    }

    @Override
    public void onFeatureStep(String framework, Object step, Object input) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onFeatureStep(framework, step, input);
        }
    }

    @Override
    public void onEvaluation(String framework, Object model, Object result) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onEvaluation(framework, model, result);
        }
    }

    @Override
    public void onNestedCall(String framework, Object method, Object[] arguments) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onNestedCall(framework, method, arguments);
        }
    }

    @Override
    public void onObjectWritten(Object stream, Object object) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onObjectWritten(stream, object);
        }
    }

    @Override
    public void onModelWritten(String framework, Object model, Object target, Throwable error) {
        RunRecorder r = recorder;
        if (r != null) {
            r.onModelWritten(framework, model, target, error);
        }
    }
}
