package io.runledger.collect;

/** Whether the agent may start a child process (git, OSHI's lspci) in the program's JVM. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * True when starting a process would change this JVM: on JDK 25 and later, starting one initialises
     * {@code CompletableFuture}, which raises the common ForkJoinPool's parallelism from 0 to 2, and a
     * program that pinned it to 0 (to train reproducibly) would then run its parallel streams on worker
     * threads. The agent then reads git's files instead of running git, and leaves GPUs uncollected.
     */
    public static boolean wouldChangeTheHost() {
        return Runtime.version().feature() >= 25
                && "0".equals(System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "").trim());
    }
}
