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

    @Test
    void reportOfTwoRunsInARealBrowser(@TempDir Path dir) throws Exception {
        Programs.require("chromium", "chromium");

        Path ledger = dir.resolve("ledger");
        Path hostileData = Files.copy(TestData.file("iris.txt"), dir.resolve(PAYLOAD));   // a data file with that name
        String[][] runs = {{hostileData.toString(), "2", PAYLOAD}, {TestData.file("iris.txt").toString(), "3", "input"}};
        for (String[] r : runs) {
            AgentProcess.Result result = app("io.runledger.apps.dl4j.IrisClassifier", r[0], dir.resolve("out").toString(), r[1], "standardize", r[2])
                    .classPath(dl4jClassPath()).in(Files.createTempDirectory(dir, "run")).agentArgs("dir=" + ledger).run();
            assertEquals(0, result.exitCode, result.toString());
        }
        String snapshot = Files.readString(Ledgers.snapshotFiles(ledger).get(0)) + Files.readString(Ledgers.snapshotFiles(ledger).get(1));
        assertTrue(snapshot.contains("onerror=alert(1)"), "the payload really is in a snapshot (hyperparameter and file name)");

        Path report = dir.resolve("report.html");
        AgentProcess.Result written = AgentProcess.cli(dir, "report", "latest~1", "latest", "-o", report.toString(), "--dir", ledger.toString());
        assertEquals(0, written.exitCode, written.toString());
        String html = Files.readString(report);
        assertFalse(html.contains(PAYLOAD), "every snapshot string is escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no request leaves the page");

        // The DOM after the page's script ran: the script finished, one line per run, no injected element.
        String[] dom = run(chromium(dir.resolve("profile1"), "--dump-dom", report.toUri().toString()), dir, "dom");
        assertTrue(dom[0].contains("data-ready=\"1\""), "the report's script ran to the end:\n" + dom[1]);
        assertFalse(dom[0].contains("<img"), "no element was injected");
        assertFalse(dom[1].contains("Uncaught"), "no console errors:\n" + dom[1]);
        assertFalse(dom[1].matches("(?s).*CONSOLE.*(Error|error).*"), "no console errors:\n" + dom[1]);
        Matcher m = Pattern.compile("<svg class=\"linear\" data-series=\"score\".*?</svg>", Pattern.DOTALL).matcher(dom[0]);
        assertTrue(m.find(), "the loss chart is there");
        assertEquals(2, m.group().split("<polyline class=\"series\"", -1).length - 1, "one line per run");

        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve("report.png");
        Files.deleteIfExists(png);
        run(chromium(dir.resolve("profile2"), "--window-size=1000,1400", "--screenshot=" + png, report.toUri().toString()), dir, "shot");
        assertTrue(Files.size(png) > 10_000, "a screenshot was taken: " + png);
    }
}
