package io.runledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.snapshot.Snapshot;
import io.runledger.util.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's page on recorded snapshots (two Tribuo runs whose data file changed; a Spark-shaped grid). */
class HtmlReportTest {

    private static RunStore.Entry entry(ObjectNode node) throws Exception {
        Snapshot s = Json.reader().treeToValue(node, Snapshot.class);
        return new RunStore.Entry(null, s.run.id, s, null);
    }

    private static String page(ObjectNode... snapshots) throws Exception {
        List<RunStore.Entry> entries = new ArrayList<>();
        for (ObjectNode n : snapshots) {
            entries.add(entry(n));
        }
        return new HtmlReport(entries, null).render();
    }

    private static ObjectNode fixture(String name) throws Exception {
        return (ObjectNode) CliTest.fixture(name);
    }

    @Test
    void runsSideBySideWithTheDifferingRowsFirstAndUniqueShortIds() throws Exception {
        String html = page(fixture("tribuo-a"), fixture("tribuo-b"));
        // the two ids share their first 8 characters: the columns must still be told apart
        Matcher ids = Pattern.compile("<span class=\"id\">([^<]+)</span>").matcher(html.substring(0, html.indexOf("</thead>")));
        List<String> shown = new ArrayList<>();
        while (ids.find()) {
            shown.add(ids.group(1));
        }
        assertEquals(2, shown.size(), "one column per run");
        assertFalse(shown.get(0).equals(shown.get(1)), shown.toString());
        assertTrue(CliTest.A.startsWith(shown.get(0)) && CliTest.B.startsWith(shown.get(1)));

        int differences = html.indexOf("<table class=\"compare differences\"");
        int identical = html.indexOf("<details class=\"identical\">");
        assertTrue(differences > 0 && identical > differences, "the differing rows come first, the identical ones collapsed after them");
        String differing = html.substring(differences, identical);
        assertTrue(differing.contains("<tr class=\"differs\"><th>file:///tmp/fx/breastcancer.csv</th>"), "the changed data file is a differing row");
        assertTrue(differing.contains("class=\"v changed\""), "the second run's changed value is marked");
        assertFalse(differing.contains("<th>hp seed</th>"), "an equal hyperparameter is not among the differences");
        assertTrue(html.substring(identical).contains("<th>hp seed</th>"), "it is among the identical rows");
        assertTrue(html.indexOf("id=\"differences\"") < html.indexOf("id=\"evaluations\""), "the diff is near the top");
    }

    @Test
    void evaluationsAreARunsByMetricsTableWithFourSignificantDigits() throws Exception {
        String html = page(fixture("tribuo-a"), fixture("tribuo-b"));
        String table = html.substring(html.indexOf("<table class=\"evaluations\""), html.indexOf("</table>", html.indexOf("<table class=\"evaluations\"")));
        assertEquals(2, table.split("<tr data-run=", -1).length - 1, "one row per run");
        assertTrue(table.contains("<th class=\"metric\">accuracy</th>"), table);
        Matcher cell = Pattern.compile("<td class=\"v num\" title=\"([0-9.]+)\">([0-9.]+)</td>").matcher(table);
        assertTrue(cell.find(), "a long value is shown short with the full value on hover: " + table);
        assertEquals(Format.number(Double.parseDouble(cell.group(1))), cell.group(2));
        assertTrue(cell.group(2).replace(".", "").replaceFirst("^0+", "").length() <= 4, cell.group(2));
    }

    @Test
    void chartsHaveAxesTicksTitlesALegendAndValuesOnHover() throws Exception {
        String html = page(withLoss(fixture("tribuo-a"), 1.0), withLoss(fixture("tribuo-b"), 1.5));
        Matcher svg = Pattern.compile("<svg class=\"linear\" data-series=\"score\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(svg.find());
        String chart = svg.group();
        assertTrue(chart.contains("<g class=\"axis x\">") && chart.contains("<g class=\"axis y\">"));
        assertTrue(chart.contains(">iteration</text>") && chart.contains("rotate(-90)\" text-anchor=\"middle\">score</text>"), "axis titles");
        Matcher xTick = Pattern.compile("<g class=\"axis x\">(.*?)</g>", Pattern.DOTALL).matcher(chart);
        assertTrue(xTick.find());
        Matcher labels = Pattern.compile("class=\"tick-label\"[^>]*>([^<]*)</text>").matcher(xTick.group(1));
        int n = 0;
        while (labels.find()) {
            assertTrue(labels.group(1).matches("\\d+"), "iterations are integers: " + labels.group(1));
            n++;
        }
        assertTrue(n >= 3, "ticks on the x axis");
        assertEquals(2 * ReportChart.SMOOTHING.length, chart.split("<polyline class=\"series", -1).length - 1, "each run raw and smoothed");
        assertTrue(chart.contains("stroke-dasharray=\"none\"") && chart.contains("stroke-dasharray=\"8 4\""), "runs differ in dash too");
        assertTrue(chart.contains("<g class=\"legend\">"));
        assertTrue(Pattern.compile("<circle class=\"hover\"[^>]*><title>[^<]*iteration \\d+: score = ").matcher(chart).find(), "values on hover");
    }

    /** The fixture with a 47-point loss series decaying from {@code start}. */
    private static ObjectNode withLoss(ObjectNode s, double start) {
        ArrayNode points = ((ObjectNode) s.path("trainings").get(0).path("metrics").get(0)).putArray("points");
        for (int i = 1; i <= 47; i++) {
            points.addObject().put("iteration", i).put("value", start / i);
        }
        ((ObjectNode) s.path("trainings").get(0).path("metrics").get(0)).put("count", 47);
        return s;
    }

    @Test
    void aGridSearchIsDrawnAsParallelCoordinatesWithItsBestPoint() throws Exception {
        ObjectNode s = fixture("tribuo-a");
        ObjectNode training = (ObjectNode) s.path("trainings").get(0);
        ObjectNode details = training.putObject("details");
        ArrayNode grid = details.putArray("grid");
        double[][] points = {{0.01, 0.0, 0.91}, {0.01, 0.5, 0.93}, {0.1, 0.0, 0.95}, {0.1, 0.5, 0.92}};
        for (double[] p : points) {
            grid.addObject().put("params", "lr.elasticNetParam=" + p[1] + ", lr.regParam=" + p[0] + ", lr.tol=1.0E-6").put("metric", p[2]);
        }
        details.put("bestIndex", 2);
        String html = page(s);
        Matcher svg = Pattern.compile("<svg class=\"sweep\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(svg.find(), "a sweep view for the grid");
        String sweep = svg.group();
        assertEquals(3, sweep.split("<g class=\"axis\"", -1).length - 1, "the two varying parameters and the metric (tol is the same everywhere)");
        assertTrue(sweep.contains("data-name=\"lr.regParam\"") && sweep.contains("data-name=\"lr.elasticNetParam\""));
        assertEquals(4, sweep.split("<polyline class=\"point", -1).length - 1, "one line per grid point");
        assertTrue(sweep.contains("<polyline class=\"point best\""), "the best point stands out");
        assertTrue(sweep.contains("grid point 2 (best): lr.elasticNetParam=0.0, lr.regParam=0.1, metric = 0.95"), sweep);
    }

    @Test
    void everySnapshotStringIsEscaped() throws Exception {
        ObjectNode s = fixture("tribuo-a");
        ((ObjectNode) s.path("trainings").get(0).path("hyperparameters")).put("name", "<img src=x onerror=alert(1)>");
        ((ObjectNode) s.path("dataSources").get(0)).put("uri", "file:///tmp/\"><script>alert(2)</script>");
        String html = page(s, fixture("tribuo-b"));
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertEquals(1, html.split("<script>", -1).length - 1, "the page's own script only");
    }

    @Test
    void ticksAreRoundAndCoverTheData() {
        assertArrayEquals(new double[] {0, 10, 20, 30, 40, 50}, ReportChart.ticks(0, 47, 8, true));
        assertArrayEquals(new double[] {0, 1, 2}, ReportChart.ticks(0, 2, 8, true), "integers only, never 0.5");
        assertArrayEquals(new double[] {0, 5, 10, 15}, ReportChart.ticks(0.0344, 13.7, 6, false));
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, ReportChart.logTicks(-1.46, 1.14), "whole decades around the data");
        double[] flat = ReportChart.smooth(new double[] {1, 1, 1, 1}, 0.9);
        for (double v : flat) {
            assertEquals(1.0, v, 1e-12, "the moving average starts unbiased: " + Arrays.toString(flat));
        }
    }
}
