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
 * The first, last, minimum and maximum points are always kept, and the total count is exact. Points are
 * stored as plain numbers (this is on the training thread's path) and formatted only for a snapshot.
 */
final class BoundedSeries {

    static final int DEFAULT_CAPACITY = 10_000;

    /** One raw point. */
    private static final class Point {
        final long iteration;
        final int epoch;
        final double value;
        final long atMillis;

        Point(long iteration, int epoch, double value, long atMillis) {
            this.iteration = iteration;
            this.epoch = epoch;
            this.value = value;
            this.atMillis = atMillis;
        }

        MetricPoint toSnapshot() {
            return new MetricPoint(iteration, epoch < 0 ? null : epoch, value, Instant.ofEpochMilli(atMillis).toString());
        }
    }

    private final String name;
    private final int capacity;
    private final List<Point> points = new ArrayList<>();
    private long stride = 1;
    private long count;
    private Point first;
    private Point last;
    private Point min;
    private Point max;

    BoundedSeries(String name, int capacity) {
        this.name = name;
        this.capacity = Math.max(8, capacity);
    }

    synchronized void add(long iteration, int epoch, double value) {
        Point p = new Point(iteration, epoch, value, System.currentTimeMillis());
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
                List<Point> kept = new ArrayList<>(capacity / 2 + 1);
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

    synchronized MetricSeries toSnapshot() {
        TreeMap<Long, Point> merged = new TreeMap<>();
        for (Point p : points) {
            merged.put(p.iteration, p);
        }
        for (Point p : new Point[] {first, last, min, max}) {
            if (p != null) {
                merged.put(p.iteration, p);
            }
        }
        List<MetricPoint> out = new ArrayList<>(merged.size());
        for (Point p : merged.values()) {
            out.add(p.toSnapshot());
        }
        return new MetricSeries(name, count, Collections.unmodifiableList(out));
    }
}
