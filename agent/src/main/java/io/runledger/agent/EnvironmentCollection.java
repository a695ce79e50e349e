package io.runledger.agent;

import io.runledger.collect.EnvironmentCollector;
import io.runledger.collect.GitCollector;
import io.runledger.collect.HostCollector;
import io.runledger.collect.JvmCollector;
import io.runledger.collect.ProcessCollector;
import io.runledger.redact.Redactor;
import io.runledger.snapshot.CodeInfo;
import io.runledger.snapshot.EnvironmentInfo;
import io.runledger.snapshot.HostInfo;
import io.runledger.snapshot.JvmInfo;
import io.runledger.snapshot.ProcessInfo;

import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The run's context sections (process, JVM, environment, code, host), collected once on the agent's
 * collector thread. A section not done by the time a snapshot is built is named in its {@code pending} list.
 */
final class EnvironmentCollection {

    private volatile CompletableFuture<ProcessInfo> process;
    private volatile CompletableFuture<JvmInfo> jvm;
    private volatile CompletableFuture<EnvironmentInfo> environment;
    private volatile CompletableFuture<CodeInfo> code;
    private volatile CompletableFuture<HostInfo> host;

    /** Queues every collector on {@code pool}; a failing one becomes a warning. */
    void start(Executor pool, Redactor redactor, Consumer<String> warn) {
        process = async(pool, () -> ProcessCollector.collect(redactor), warn);
        jvm = async(pool, JvmCollector::collect, warn);
        environment = async(pool, () -> EnvironmentCollector.collect(redactor), warn);
        code = async(pool, () -> GitCollector.collect(Paths.get(System.getProperty("user.dir", ".")), redactor), warn);
        host = async(pool, HostCollector::collect, warn);
    }

    private static <T> CompletableFuture<T> async(Executor pool, Supplier<T> collect, Consumer<String> warn) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return collect.get();
            } catch (Throwable t) {
                warn.accept("collector failed: " + t);
                return null;
            }
        }, pool);
    }

    /** Waits for every section until {@code deadline} (System.nanoTime); what is not done stays pending. */
    void await(long deadline) {
        for (CompletableFuture<?> f : new CompletableFuture<?>[] {process, jvm, environment, code, host}) {
            awaitDone(f, deadline);
        }
    }

    ProcessInfo process(List<String> pending) {
        return done(process, "process", pending);
    }

    JvmInfo jvm(List<String> pending) {
        return done(jvm, "jvm", pending);
    }

    EnvironmentInfo environment(List<String> pending) {
        return done(environment, "environment", pending);
    }

    CodeInfo code(List<String> pending) {
        return done(code, "code", pending);
    }

    HostInfo host(List<String> pending) {
        return done(host, "host", pending);
    }

    private static <T> T done(CompletableFuture<T> f, String section, List<String> pending) {
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            return f.join();
        }
        pending.add(section);
        return null;
    }

    /** Waits for {@code f} until {@code deadline}; a future still running is left to be written as pending. */
    static void awaitDone(CompletableFuture<?> f, long deadline) {
        if (f == null) {
            return;
        }
        long left = deadline - System.nanoTime();
        try {
            f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (Exception stillRunning) {
            // written as pending
        }
    }
}
