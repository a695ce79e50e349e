package io.runledger.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.runledger.it.AgentProcess.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report of two real runs, opened in headless Chromium with JavaScript on. */
class ReportIT {

    private static final String PAYLOAD = "<img src=x onerror=alert(1)>";
    private static final Path DL4J_DIR = Path.of(System.getProperty("runledger.dl4j.dir", AgentProcess.ROOT + "/test-apps/dl4j-apps/target"));
    private static final Path SCREENSHOTS = AgentProcess.ROOT.resolve("test-apps/integration-tests/target/screenshots");

    private static String dl4jClassPath() throws Exception {
        return AgentProcess.moduleClassPath(DL4J_DIR, "dl4j-apps");
    }

    private static List<String> chromium(Path profile, String... args) {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String[] run(List<String> cmd, Path dir, String name) throws Exception {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return new String[] {Files.readString(out), Files.readString(err)};
    }

    /** The part of the page between the first match of {@code start} and the next {@code end}. */
    private static String part(String page, String start, String end) {
        int from = page.indexOf(start);
        assertTrue(from >= 0, "no " + start);
        return page.substring(from, page.indexOf(end, from) + end.length());
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /**
     * Three runs of one job (a learning-rate sweep; one with a hostile layer name and data file name), the
     * report written by the CLI, opened in headless Chromium with JavaScript on: what the DOM holds after
     * the script ran, and screenshots kept in target/screenshots.
     */
    @Test
    void reportOfThreeRunsInARealBrowser(@TempDir Path dir) throws Exception {
        Programs.require("chromium", "chromium");

        Path ledger = dir.resolve("ledger");
        Path hostileData = Files.copy(TestData.file("iris.txt"), dir.resolve(PAYLOAD));   // a data file with that name
        String[][] runs = {
            {TestData.file("iris.txt").toString(), "2", "input", "0.05"},
            {TestData.file("iris.txt").toString(), "3", "input", "0.1"},
            {hostileData.toString(), "3", PAYLOAD, "0.02"}};
        List<String> accuracies = new ArrayList<>();
        List<Path> models = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            String[] r = runs[i];
            Path out = dir.resolve("out" + i);
            AgentProcess.Result result = app("io.runledger.apps.dl4j.IrisClassifier", r[0], out.toString(), r[1], "standardize", r[2], r[3])
                    .classPath(dl4jClassPath()).in(Files.createTempDirectory(dir, "run")).agentArgs("dir=" + ledger).run();
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stdout.contains("iris learningRate " + r[3] + " "), result.stdout);
            accuracies.add(TestData.printed(result.stdout, "iris accuracy", "accuracy"));
            models.add(out.resolve("iris-model.zip"));
        }
        String snapshot = Files.readString(Ledgers.snapshotFiles(ledger).get(2));
        assertTrue(snapshot.contains("onerror=alert(1)"), "the payload really is in a snapshot (hyperparameter and file name)");

        Path report = dir.resolve("report.html");
        AgentProcess.Result written = AgentProcess.cli(dir, "report", "latest~2", "latest~1", "latest", "-o", report.toString(), "--dir", ledger.toString());
        assertEquals(0, written.exitCode, written.toString());
        String html = Files.readString(report);
        assertFalse(html.contains(PAYLOAD), "every snapshot string is escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no request leaves the page");

        // The DOM after the page's script ran: the script finished, no injected element, no console error.
        String[] dom = run(chromium(dir.resolve("profile1"), "--dump-dom", report.toUri().toString()), dir, "dom");
        String page = dom[0];
        assertTrue(page.contains("data-ready=\"1\""), "the report's script ran to the end:\n" + dom[1]);
        assertFalse(page.contains("<img"), "no element was injected");
        assertFalse(dom[1].contains("Uncaught"), "no console errors:\n" + dom[1]);
        assertFalse(dom[1].matches("(?s).*CONSOLE.*(Error|error).*"), "no console errors:\n" + dom[1]);

        // Side by side: one column per run, ids told apart, the changed hyperparameters first and marked.
        String differences = part(page, "<table class=\"compare differences\"", "</table>");
        Matcher ids = Pattern.compile("<span class=\"id\">([^<]+)</span>").matcher(part(differences, "<thead>", "</thead>"));
        List<String> shown = new ArrayList<>();
        while (ids.find()) {
            shown.add(ids.group(1));
        }
        assertEquals(3, shown.size(), "one column per run");
        assertEquals(3, new java.util.HashSet<>(shown).size(), "short ids are unique among the runs shown: " + shown);
        assertTrue(differences.contains("<tr class=\"differs\"><th>hp epochsRequested</th>"), differences);
        assertTrue(differences.contains("<tr class=\"differs\"><th>hp layers.0.iupdater.learningRate</th>"), differences);
        assertTrue(count(differences, "class=\"v changed\"") >= 4, "the values that differ from the first run are marked");
        String irisRow = part(differences, "iris.txt</th>", "</tr>");
        assertTrue(irisRow.endsWith("<td class=\"v changed absent\">—</td></tr>"), "the third run read another file: " + irisRow);
        String identical = part(page, "<details class=\"identical\">", "</details>");
        assertTrue(identical.contains("<th>hp seed</th>") && identical.contains("<th>jvm</th>"), "identical rows are there, collapsed");
        assertFalse(differences.contains("<th>hp seed</th>"), "an equal hyperparameter is not a difference");
        assertTrue(page.indexOf("id=\"differences\"") < page.indexOf("id=\"charts\""), "the diff comes before the charts");

        // Evaluations: runs x metrics, each run's accuracy as the program printed it (4 significant digits).
        String evaluations = part(page, "<table class=\"evaluations\"", "</table>");
        assertEquals(3, count(evaluations, "<tr data-run="), "one row per run");
        assertTrue(evaluations.contains("<th class=\"metric\">accuracy</th>"), evaluations);
        for (String accuracy : accuracies) {
            String shortForm = new java.math.BigDecimal(accuracy).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
            assertTrue(evaluations.contains(">" + shortForm + "</td>"), shortForm + " in " + evaluations);
        }

        // The loss chart: axes with integer ticks and titles, a legend, three runs each raw and smoothed, values on hover.
        String chart = part(page, "<svg class=\"linear\" data-series=\"score\"", "</svg>");
        assertTrue(chart.contains("<g class=\"axis x\">") && chart.contains(">iteration</text>"), "x axis and its title");
        assertTrue(chart.contains("<g class=\"axis y\">") && chart.contains(">score</text>"), "y axis and its title");
        Matcher xTicks = Pattern.compile("class=\"tick-label\"[^>]*>([^<]*)</text>").matcher(part(chart, "<g class=\"axis x\">", "</g>"));
        int ticks = 0;
        while (xTicks.find()) {
            assertTrue(xTicks.group(1).matches("\\d+"), "iterations are integers: " + xTicks.group(1));
            ticks++;
        }
        assertTrue(ticks >= 3, "x ticks");
        assertEquals(9, count(chart, "<polyline class=\"series"), "three runs, raw and two smoothings");
        assertTrue(chart.contains("<g class=\"legend\">") && count(chart, "class=\"legend-label\"") == 3, "a legend entry per run");
        assertTrue(Pattern.compile("<circle class=\"hover\"[^>]*><title>" + Pattern.quote(shown.get(0)) + "[^<]*iteration 0: score = 1\\.")
                .matcher(chart).find(), "a value on hover: " + chart.substring(0, Math.min(600, chart.length())));

        // The sweep: learning rate and epochs against accuracy, one line per run.
        String sweep = part(page, "<svg class=\"sweep\"", "</svg>");
        assertTrue(sweep.contains("data-name=\"layers.0.iupdater.learningRate\""), sweep);
        assertTrue(sweep.contains("data-name=\"epochsRequested\"") && sweep.contains("data-name=\"accuracy\""), sweep);
        assertEquals(3, count(sweep, "<polyline class=\"point"), "one line per run");
        assertTrue(sweep.contains("learningRate=0.1, "), "each line says its values on hover");

        // Lineage: data → training → model file per run, full hashes on hover.
        assertEquals(3, count(page, "<div class=\"lineage\""));
        assertTrue(page.contains("title=\"" + TestData.file("iris.txt").toAbsolutePath().toUri()
                + "\nsha256 " + TestData.sha256(TestData.file("iris.txt")) + "\""), "the data file with its hash on hover");
        for (Path model : models) {
            assertTrue(page.contains("title=\"" + model + "\nsha256 " + TestData.sha256(model)), "model file " + model + " with its hash");
        }

        // A view linked by its fragment: log scale and the strongest smoothing, switched by the script.
        String[] linked = run(chromium(dir.resolve("profile3"), "--dump-dom", report.toUri() + "#log&smooth=2"), dir, "linked");
        String body = part(linked[0], "<body", ">");
        assertTrue(body.contains("class=\"log\"") && body.contains("data-smooth=\"2\""), body);

        Files.createDirectories(SCREENSHOTS);
        for (String[] shot : new String[][] {{"report.png", ""}, {"report-log-smoothed.png", "#log&smooth=2"}}) {
            Path png = SCREENSHOTS.resolve(shot[0]);
            Files.deleteIfExists(png);
            run(chromium(dir.resolve("profile-" + shot[0]), "--window-size=1300,3200", "--screenshot=" + png, report.toUri() + shot[1]), dir, "shot");
            assertTrue(Files.size(png) > 10_000, "a screenshot was taken: " + png);
        }
    }
}
