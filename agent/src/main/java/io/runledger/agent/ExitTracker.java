package io.runledger.agent;

import io.runledger.snapshot.RunStatus;

/**
 * Works out how the JVM is ending from what the hooks saw: an explicit {@code Runtime.exit(n)}, a
 * terminating signal, an exception that escaped {@code main}, or {@code main} simply returning.
 */
final class ExitTracker {

    /** The verdict at shutdown. */
    static final class Outcome {
        final RunStatus status;
        final Integer exitCode;
        final String signal;
        final Throwable failure;

        Outcome(RunStatus status, Integer exitCode, String signal, Throwable failure) {
            this.status = status;
            this.exitCode = exitCode;
            this.signal = signal;
            this.failure = failure;
        }
    }

    private final Thread mainThread;
    private volatile Integer exitStatus;
    private volatile String signal;
    private volatile int signalNumber;
    private volatile Throwable mainFailure;

    ExitTracker(Thread mainThread) {
        this.mainThread = mainThread;
    }

    void exitCalled(int status) {
        if (exitStatus == null) {
            exitStatus = status;
        }
    }

    void signalled(String name, int number) {
        if (signal == null) {
            signal = name;
            signalNumber = number;
        }
    }

    void uncaught(Thread thread, Throwable error) {
        if (thread == mainThread && mainFailure == null) {
            mainFailure = error;
        }
    }

    Outcome outcome() {
        if (signal != null && exitStatus == null) {
            return new Outcome(RunStatus.KILLED, 128 + signalNumber, "SIG" + signal, null);
        }
        if (exitStatus != null) {
            return new Outcome(exitStatus == 0 ? RunStatus.SUCCEEDED : RunStatus.FAILED, exitStatus, null, mainFailure);
        }
        if (mainFailure != null) {
            return new Outcome(RunStatus.FAILED, 1, null, mainFailure);
        }
        if (mainThread == null || !mainThread.isAlive()) {
            return new Outcome(RunStatus.SUCCEEDED, 0, null, null);
        }
        // main is still running, nobody called exit and no signal we handle arrived: killed from outside
        return new Outcome(RunStatus.KILLED, null, null, null);
    }
}
