package io.runledger.agent;

import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A metric series that never holds more than {@code capacity} points: when full it keeps every other
 * point and from then on samples at twice the stride, so the points stay evenly spread over the run.
 * The first, last, minimum and maximum points are always kept, and the total count is exact.
 */
final class BoundedSeries {

    static final int DEFAULT_CAPACITY = 10_000;

    private final String name;
    private final int capacity;
    private final List<MetricPoint> points = new ArrayList<>();
    private long stride = 1;
    private long count;
    private MetricPoint first;
    private MetricPoint last;
    private MetricPoint min;
    private MetricPoint max;

    BoundedSeries(String name, int capacity) {
        this.name = name;
        this.capacity = Math.max(4, capacity);
    }

    synchronized void add(long iteration, Integer epoch, double value) {
        MetricPoint p = new MetricPoint(iteration, epoch, value, Instant.now().toString());
        if (first == null) {
            first = p;
        }
        last = p;
        if (min == null || value < min.value) {
            min = p;
        }
        if (max == null || value > max.value) {
            max = p;
        }
        if (count % stride == 0) {
            points.add(p);
            if (points.size() >= capacity - 4) {   // room for first, last, min and max
                List<MetricPoint> kept = new ArrayList<>(capacity / 2 + 1);
                for (int i = 0; i < points.size(); i += 2) {
                    kept.add(points.get(i));
                }
                points.clear();
                points.addAll(kept);
                stride *= 2;
            }
        }
        count++;
    }

    synchronized long count() {
        return count;
    }

    synchronized MetricPoint last() {
        return last;
    }

    synchronized MetricSeries toSnapshot() {
        TreeMap<Long, MetricPoint> merged = new TreeMap<>();
        for (MetricPoint p : points) {
            merged.put(p.iteration, p);
        }
        for (MetricPoint p : new MetricPoint[] {first, last, min, max}) {
            if (p != null) {
                merged.put(p.iteration, p);
            }
        }
        return new MetricSeries(name, count, Collections.unmodifiableList(new ArrayList<>(merged.values())));
    }
}
