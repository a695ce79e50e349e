package io.runledger.snapshot;

import java.util.List;

/** A bounded series of a training metric (first, last, min and max are always kept). */
public final class MetricSeries {

    public final String name;
    public final long count;
    public final List<MetricPoint> points;

    public MetricSeries(String name, long count, List<MetricPoint> points) {
        this.name = name;
        this.count = count;
        this.points = points;
    }
}
