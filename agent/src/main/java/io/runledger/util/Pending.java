package io.runledger.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A result computed on one of the agent's threads, waited for with a deadline. The agent does not use
 * {@code CompletableFuture}: on JDK 25 merely initialising that class raises the common ForkJoinPool's
 * parallelism (to the CPU count when the program set it to 0), and programs that pin it to 0 to be
 * reproducible (a Smile random forest is) then train differently. Callbacks run on the completing thread.
 */
public final class Pending<T> {

    private final CountDownLatch done = new CountDownLatch(1);
    private final List<Consumer<T>> callbacks = new ArrayList<>();
    private volatile T value;
    private volatile Throwable error;
    private boolean completed;

    /** Runs {@code work} on {@code pool}. */
    public static <T> Pending<T> supply(Supplier<T> work, Executor pool) {
        Pending<T> p = new Pending<>();
        pool.execute(() -> {
            try {
                p.complete(work.get());
            } catch (Throwable t) {
                p.fail(t);
            }
        });
        return p;
    }

    public static <T> Pending<T> completed(T value) {
        Pending<T> p = new Pending<>();
        p.complete(value);
        return p;
    }

    /** Sets the value (the first call wins) and runs the callbacks. */
    public void complete(T result) {
        List<Consumer<T>> run;
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            value = result;
            run = new ArrayList<>(callbacks);
            callbacks.clear();
        }
        done.countDown();
        for (Consumer<T> c : run) {
            c.accept(result);
        }
    }

    private void fail(Throwable t) {
        synchronized (this) {
            if (completed) {
                return;
            }
            error = t;
        }
        complete(null);
    }

    /** Calls {@code callback} with the value once there is one (at once if there is). */
    public void whenDone(Consumer<T> callback) {
        synchronized (this) {
            if (!completed) {
                callbacks.add(callback);
                return;
            }
        }
        callback.accept(value);
    }

    /** A Pending of {@code f} applied to this one's value. */
    public <U> Pending<U> map(Function<T, U> f) {
        Pending<U> out = new Pending<>();
        whenDone(v -> {
            try {
                out.complete(f.apply(v));
            } catch (Throwable t) {
                out.fail(t);
            }
        });
        return out;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until done. */
    public T get() throws InterruptedException, ExecutionException {
        done.await();
        return result();
    }

    /** Waits until done or {@code timeout} passes. */
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done.await(timeout, unit)) {
            throw new TimeoutException();
        }
        return result();
    }

    /** Waits until done or the deadline ({@code System.nanoTime()}); true when done. Never throws. */
    public boolean await(long deadlineNanos) {
        try {
            return done.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isDone();
        }
    }

    /** The value when done (waiting for it); an unchecked exception when the work failed. */
    public T join() {
        try {
            return get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private T result() throws ExecutionException {
        Throwable t = error;
        if (t != null) {
            throw new ExecutionException(t);
        }
        return value;
    }
}
