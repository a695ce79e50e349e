package io.runledger.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.runledger.agent.RunListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training metrics in a Micrometer Prometheus registry, fed by the same events that build the snapshot.
 * Labels: framework, model type, run name (bounded); only {@code runledger_run_info} carries the run id.
 * Per-iteration updates touch a cached counter and an atomic: nothing is allocated on the training thread.
 */
public final class RunMetrics implements RunListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String runName;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public RunMetrics(String runId, String runName, String mainClass) {
        this.runName = runName;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        HostMemory.bindTo(registry);
        Gauge.builder("runledger.run.info", () -> 1)
                .description("Always 1; the labels identify the run")
                .tags("run_id", runId, "run_name", runName, "main_class", mainClass)
                .register(registry);
    }

    private Tags tags(String framework, String modelType) {
        return Tags.of("framework", framework, "model_type", simple(modelType), "run_name", runName);
    }

    private static String simple(String type) {
        return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
    }

    private Counter counter(String name, String description, String baseUnit, Tags tags) {
        return counters.computeIfAbsent(name + tags, k -> Counter.builder(name).description(description).baseUnit(baseUnit)
                .tags(tags).register(registry));
    }

    /** A gauge backed by an atomic holding the double's bits. */
    private AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
            Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).description(description).tags(tags).register(registry);
            return bits;
        });
    }

    public String runName() {
        return runName;
    }

    /** The meters one training updates every iteration, looked up once. */
    private static final class IterationMeters {
        final String framework;
        final String modelType;
        final Counter iterations;
        final AtomicLong score;

        IterationMeters(String framework, String modelType, Counter iterations, AtomicLong score) {
            this.framework = framework;
            this.modelType = modelType;
            this.iterations = iterations;
            this.score = score;
        }
    }

    private volatile IterationMeters lastIteration;

    /** Hot path: an identity check, an increment and an atomic store (no lookup, no allocation). */
    @Override
    public void iteration(String framework, String modelType, double score) {
        IterationMeters m = lastIteration;
        if (m == null || m.framework != framework || m.modelType != modelType) {
            Tags t = tags(framework, modelType);
            m = new IterationMeters(framework, modelType, counter("runledger.training.iterations", "Optimisation steps done", null, t),
                    gauge("runledger.training.score", "The last training score (loss)", t));
            lastIteration = m;
        }
        m.iterations.increment();
        m.score.set(Double.doubleToRawLongBits(score));
    }

    @Override
    public void iterationsBefore(String framework, String modelType, long count) {
        counter("runledger.training.iterations", "Optimisation steps done", null, tags(framework, modelType)).increment(count);
    }

    @Override
    public void epoch(String framework, String modelType) {
        counter("runledger.training.epochs", "Epochs done", null, tags(framework, modelType)).increment();
    }

    @Override
    public void trainingEnded(String framework, String modelType, Duration took, boolean failed) {
        Tags t = tags(framework, modelType);
        Timer.builder("runledger.training.fit").description("Time spent in fit/train calls").tags(t).register(registry).record(took);
        counter("runledger.training.fit.calls", "fit/train calls", null, t.and("outcome", failed ? "failed" : "succeeded")).increment();
    }

    @Override
    public void evaluation(String framework, String metric, double value) {
        gauge("runledger.evaluation.value", "The last value of each evaluation metric",
                Tags.of("framework", framework, "metric", metric, "run_name", runName)).set(Double.doubleToRawLongBits(value));
    }

    @Override
    public void dataFile(long bytes) {
        Tags t = Tags.of("run_name", runName);
        counter("runledger.data.files", "Data files read", null, t).increment();
        counter("runledger.data.read", "Bytes of data files read", "bytes", t).increment(Math.max(0, bytes));
    }

    /** One data file read and hashed by the engine (cache hits are not timed). */
    @Override
    public void dataHashed(long nanos) {
        Timer.builder("runledger.data.hash").description("Time spent hashing data files (off the training thread)")
                .tags(Tags.of("run_name", runName)).register(registry).record(Duration.ofNanos(nanos));
    }

    public void flush(boolean ok) {
        counter("runledger.snapshot.flushes", "Snapshots written", null, Tags.of("run_name", runName, "outcome", ok ? "ok" : "failed")).increment();
    }

    /** At exit: when the batch job last succeeded or failed, the pattern Prometheus recommends for batch jobs. */
    public void finished(boolean succeeded) {
        Gauge.builder(succeeded ? "runledger.run.last.success.timestamp.seconds" : "runledger.run.last.failure.timestamp.seconds",
                        System.currentTimeMillis() / 1000.0, v -> v)
                .description("Unix time the run last ended " + (succeeded ? "successfully" : "unsuccessfully"))
                .tags("run_name", runName).register(registry);
    }

    /** The text exposition (what a Pushgateway takes). */
    public String text() {
        return registry.scrape("text/plain; version=0.0.4; charset=utf-8");
    }

    /** The exposition for an HTTP Accept header: OpenMetrics when asked for, else the text format. */
    public String scrape(String accept) {
        if (accept != null && accept.contains("application/openmetrics-text")) {
            return registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        }
        return registry.scrape("text/plain; version=0.0.4; charset=utf-8");
    }

    public static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain; version=0.0.4; charset=utf-8";
    }
}
