package io.runledger.bootstrap;

/**
 * The static API that woven advice calls. It lives on the boot class path so that advice inlined into
 * any class loader can reach it, and forwards to the agent through {@link RunLedgerHooks}. Every method
 * swallows whatever the agent throws: no exception from the agent may reach application code.
 */
public final class RunLedger {

    private static final RunLedgerHooks NO_OP = new NoOpHooks();
    private static volatile RunLedgerHooks hooks = NO_OP;

    private RunLedger() {
    }

    /**
     * Called by the agent when its implementation is ready (again when it grows from file reads to a whole
     * run). Only the first installer's class loader may install: an application cannot swap in hooks of its own.
     */
    public static synchronized void install(RunLedgerHooks implementation) {
        RunLedgerHooks current = hooks;
        if (implementation == null || current != NO_OP && current.getClass().getClassLoader() != implementation.getClass().getClassLoader()) {
            return;
        }
        hooks = implementation;
    }

    /** True once an agent implementation is installed. */
    public static boolean isInstalled() {
        return hooks != NO_OP;
    }

    public static void onExit(int status) {
        try {
            hooks.onExit(status);
        } catch (Throwable ignored) {
            // the host must exit exactly as it would without the agent
        }
    }

    public static void onUncaughtException(Thread thread, Throwable error) {
        try {
            hooks.onUncaughtException(thread, error);
        } catch (Throwable ignored) {
            // the host's own handler still runs
        }
    }

    public static long onTrainingStart(String framework, Object model, String entryPoint, Object[] arguments) {
        try {
            return hooks.onTrainingStart(framework, model, entryPoint, arguments);
        } catch (Throwable ignored) {
            return 0L;
        }
    }

    public static void onTrainingEnd(long handle, Object result, Throwable error) {
        try {
            hooks.onTrainingEnd(handle, result, error);
        } catch (Throwable ignored) {
            // training results are never affected by the agent
        }
    }

    public static void onIteration(String framework, Object model) {
        try {
            hooks.onIteration(framework, model);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onEpochEnd(String framework, Object model) {
        try {
            hooks.onEpochEnd(framework, model);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onDataSource(String framework, Object reader, Object source) {
        try {
            hooks.onDataSource(framework, reader, source);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onFeatureStep(String framework, Object step, Object input) {
        try {
            hooks.onFeatureStep(framework, step, input);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onEvaluation(String framework, Object model, Object result) {
        try {
            hooks.onEvaluation(framework, model, result);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onEvaluatorFilled(String framework, Object evaluator) {
        try {
            hooks.onEvaluatorFilled(framework, evaluator);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onModelRead(String framework, Object source) {
        try {
            hooks.onModelRead(framework, source);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onSeed(String framework, String name, long seed) {
        try {
            hooks.onSeed(framework, name, seed);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onRandomHandedIn(String framework, String name, Object random) {
        try {
            hooks.onRandomHandedIn(framework, name, random);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onPrediction(String framework, Object model) {
        try {
            hooks.onPrediction(framework, model);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onNestedCall(String framework, Object method, Object[] arguments) {
        try {
            hooks.onNestedCall(framework, method, arguments);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void onObjectWritten(Object stream, Object object) {
        try {
            hooks.onObjectWritten(stream, object);
        } catch (Throwable ignored) {
            // the stream is written exactly as without the agent
        }
    }

    public static void onModelWritten(String framework, Object model, Object target, Throwable error) {
        try {
            hooks.onModelWritten(framework, model, target, error);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** A JDK file stream or channel was opened on {@code file} (a File or a path string). */
    public static void onFileOpened(Object stream, Object file, boolean readable) {
        try {
            hooks.onFileOpened(stream, file, readable);
        } catch (Throwable ignored) {
            // the file is opened exactly as without the agent
        }
    }

    /** {@code bytes} were read from a JDK file stream or channel (negative: end of file, nothing read). */
    public static void onFileRead(Object stream, long bytes) {
        if (bytes > 0) {
            try {
                hooks.onFileRead(stream, bytes);
            } catch (Throwable ignored) {
                // never reaches the application
            }
        }
    }

    /** A one-byte {@code read()} returned {@code value} (-1 at end of file). */
    public static void onFileReadByte(Object stream, int value) {
        if (value >= 0) {
            try {
                hooks.onFileRead(stream, 1L);
            } catch (Throwable ignored) {
                // never reaches the application
            }
        }
    }

    /** A JDBC connection prepared {@code statement} from {@code sql}. */
    public static void onStatementPrepared(Object statement, Object sql) {
        try {
            hooks.onStatementPrepared(statement, sql);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** A JDBC query ran: {@code sql} is its text (null for a prepared statement), {@code resultSet} what it returned. */
    public static void onQuery(Object statement, Object sql, Object resultSet) {
        try {
            hooks.onQuery(statement, sql, resultSet);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** {@code ResultSet.next()} moved to a row. */
    public static void onRowFetched(Object resultSet) {
        try {
            hooks.onRowFetched(resultSet);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** Before the agent is ready, or when it is disabled: every hook is the interface's no-op. */
    private static final class NoOpHooks implements RunLedgerHooks {
    }
}
