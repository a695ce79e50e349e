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

    /** Called once by the agent when its implementation is ready. */
    public static void install(RunLedgerHooks implementation) {
        hooks = implementation == null ? NO_OP : implementation;
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

    public static long onTrainingStart(String framework, Object model, String entryPoint) {
        try {
            return hooks.onTrainingStart(framework, model, entryPoint);
        } catch (Throwable ignored) {
            return 0L;
        }
    }

    public static void onTrainingEnd(long handle, Throwable error) {
        try {
            hooks.onTrainingEnd(handle, error);
        } catch (Throwable ignored) {
            // training results are never affected by the agent
        }
    }

    private static final class NoOpHooks implements RunLedgerHooks {
        @Override
        public void onExit(int status) {
        }

        @Override
        public void onUncaughtException(Thread thread, Throwable error) {
        }

        @Override
        public long onTrainingStart(String framework, Object model, String entryPoint) {
            return 0L;
        }

        @Override
        public void onTrainingEnd(long handle, Throwable error) {
        }
    }
}
