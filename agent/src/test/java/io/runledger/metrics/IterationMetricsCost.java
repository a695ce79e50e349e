package io.runledger.metrics;

/**
 * Driver for bench/metrics-overhead.sh (not a test): what the metrics add to one training iteration,
 * measured where it happens. Times {@link RunMetrics#iteration} (what the agent calls once per
 * optimisation step when metrics are on) in blocks of a million calls, with a second thread scraping
 * the registry every second as Prometheus would, and prints the median nanoseconds per call. The
 * script divides it by a DL4J iteration's time measured in the same run.
 */
public final class IterationMetricsCost {

    public static void main(String[] args) throws Exception {
        RunMetrics metrics = new RunMetrics("bench", "bench", "bench.Main");
        Thread scraper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                metrics.scrape(null);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "scraper");
        scraper.setDaemon(true);
        scraper.start();
        int blocks = 31;
        double[] nanosPerCall = new double[blocks];
        double score = 1.0;
        for (int b = -10; b < blocks; b++) {   // ten warm-up blocks for the JIT
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                score *= 0.9999999;
                metrics.iteration("dl4j", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", score);
            }
            if (b >= 0) {
                nanosPerCall[b] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(nanosPerCall);
        double[] scrapeMicros = new double[21];
        for (int i = 0; i < scrapeMicros.length; i++) {
            long t0 = System.nanoTime();
            metrics.scrape(null);
            scrapeMicros[i] = (System.nanoTime() - t0) / 1e3;
        }
        java.util.Arrays.sort(scrapeMicros);
        System.out.printf("ns-per-iteration %.2f min %.2f max %.2f scrape-us %.0f%n", nanosPerCall[blocks / 2], nanosPerCall[0],
                nanosPerCall[blocks - 1], scrapeMicros[scrapeMicros.length / 2]);
        scraper.interrupt();
    }

    private IterationMetricsCost() {
    }
}
