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
import io.runledger.util.Pending;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The run's context sections (process, JVM, environment, code, host), collected once on the agent's
 * collector thread. A section not done by the time a snapshot is built is named in its {@code pending} list.
 */
final class EnvironmentCollection {

    private volatile Pending<ProcessInfo> process;
    private volatile Pending<JvmInfo> jvm;
    private volatile Pending<EnvironmentInfo> environment;
    private volatile Pending<CodeInfo> code;
    private volatile Pending<HostInfo> host;

    /** Queues every collector on {@code pool}; a failing one becomes a warning. */
    void start(Executor pool, Redactor redactor, Consumer<String> warn) {
        process = async(pool, () -> ProcessCollector.collect(redactor), warn);
        jvm = async(pool, JvmCollector::collect, warn);
        environment = async(pool, () -> EnvironmentCollector.collect(redactor), warn);
        code = async(pool, () -> GitCollector.collect(Paths.get(System.getProperty("user.dir", ".")), redactor), warn);
        host = async(pool, HostCollector::collect, warn);
    }

    private static <T> Pending<T> async(Executor pool, Supplier<T> collect, Consumer<String> warn) {
        return Pending.supply(() -> {
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
        for (Pending<?> f : java.util.Arrays.<Pending<?>>asList(process, jvm, environment, code, host)) {
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

    private static <T> T done(Pending<T> f, String section, List<String> pending) {
        if (f != null && f.isDone()) {
            try {
                return f.join();
            } catch (RuntimeException failed) {
                // written as pending
            }
        }
        pending.add(section);
        return null;
    }

    /** Waits for {@code f} until {@code deadline}; a future still running is left to be written as pending. */
    static void awaitDone(Pending<?> f, long deadline) {
        if (f == null) {
            return;
        }
        f.await(deadline);   // a section still running is written as pending
    }
}
