package io.runledger.metrics;

import io.runledger.config.Config;
import io.runledger.redact.Redactor;
import io.runledger.util.Log;

/**
 * Where a run's metrics go: the scrape endpoint on {@code prometheus.port} and/or pushes to a
 * Pushgateway at checkpoints and at exit. Created on the agent's collector thread; the Micrometer
 * classes load only when one of the two is configured.
 */
public final class MetricsExport {

    private final RunMetrics metrics;
    private final Pushgateway pushgateway;
    private final boolean deleteOnExit;

    private MetricsExport(RunMetrics metrics, Pushgateway pushgateway, boolean deleteOnExit) {
        this.metrics = metrics;
        this.pushgateway = pushgateway;
        this.deleteOnExit = deleteOnExit;
    }

    /** True when the configuration asks for metrics at all. */
    public static boolean wanted(Config config) {
        return config.prometheusPort() > 0 || !config.pushgatewayUrl().isEmpty();
    }

    /** Starts the endpoint and the gateway client; null (with one warning) when that fails. */
    public static MetricsExport start(Config config, String runId, String runName, String mainClass) {
        try {
            // label values leave the process (scrapes, pushes): a run name set by hand may carry a credential
            Redactor redactor = Redactor.defaults();
            String name = redactor.redactValue(runName);
            RunMetrics m = new RunMetrics(runId, name, redactor.redactValue(mainClass));
            if (config.prometheusPort() > 0) {
                MetricsServer.start(m, config.prometheusHost(), config.prometheusPort());
            }
            Pushgateway gateway = config.pushgatewayUrl().isEmpty() ? null
                    : new Pushgateway(config.pushgatewayUrl(), config.pushgatewayJob(), name, config.pushgatewayAuthEnv());
            return new MetricsExport(m, gateway, config.pushgatewayDeleteOnExit());
        } catch (Throwable t) {
            Log.warn("metrics unavailable (" + t + "); the snapshot is recorded as usual");
            return null;
        }
    }

    /** The registry, fed by the run's events. */
    public RunMetrics metrics() {
        return metrics;
    }

    /** At a checkpoint: a flush counted, and a push bounded to two seconds. */
    public void checkpoint() {
        metrics.flush(true);
        if (pushgateway != null) {
            pushgateway.push(metrics.text(), System.nanoTime() + 2_000_000_000L);
        }
    }

    /** The batch job's last push: final values plus its success or failure time, retried until {@code deadline}. */
    public void finish(boolean succeeded, long deadline) {
        if (pushgateway == null) {
            return;
        }
        metrics.flush(true);
        metrics.finished(succeeded);
        pushgateway.push(metrics.text(), deadline);   // exit is never held past flush.timeout
        if (deleteOnExit) {
            pushgateway.delete(1000);
        }
    }
}
