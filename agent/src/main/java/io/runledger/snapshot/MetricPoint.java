package io.runledger.snapshot;


/** One point of a metric series. */
public final class MetricPoint {

    public final long iteration;
    public final Integer epoch;
    public final double value;
    public final String at;

    public MetricPoint(long iteration, Integer epoch, double value, String at) {
        this.iteration = iteration;
        this.epoch = epoch;
        this.value = value;
        this.at = at;
    }
}
