package io.runledger.agent;

import io.runledger.snapshot.MetricPoint;
import io.runledger.snapshot.MetricSeries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedSeriesTest {

    @Test
    void keepsEverythingBelowCapacity() {
        BoundedSeries s = new BoundedSeries("score", 100);
        for (int i = 0; i < 50; i++) {
            s.add(i, 0, 1.0 / (i + 1));
        }
        MetricSeries m = s.toSnapshot();
        assertEquals(50, m.count);
        assertEquals(50, m.points.size());
    }

    @Test
    void staysBoundedAndKeepsFirstLastMinMax() {
        BoundedSeries s = new BoundedSeries("score", 1000);
        int n = 123_457;
        for (int i = 0; i < n; i++) {
            double v = i == 777 ? -5 : i == 99_999 ? 50 : Math.sin(i / 100.0);
            s.add(i, i / 1000, v);
        }
        MetricSeries m = s.toSnapshot();
        assertEquals(n, m.count);
        assertTrue(m.points.size() <= 1000, "points: " + m.points.size());
        assertTrue(m.points.size() > 400, "still dense: " + m.points.size());
        assertEquals(0, m.points.get(0).iteration);
        assertEquals(n - 1, m.points.get(m.points.size() - 1).iteration);
        boolean min = false;
        boolean max = false;
        long previous = -1;
        for (MetricPoint p : m.points) {
            min |= p.iteration == 777 && p.value == -5;
            max |= p.iteration == 99_999 && p.value == 50;
            assertTrue(p.iteration > previous, "ordered by iteration");
            previous = p.iteration;
        }
        assertTrue(min && max, "min and max kept");
    }
}
