package io.runledger.metrics;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One client must not be able to stall the endpoint (issue 14): the attacks, then an honest scrape. */
class MetricsServerTest {

    private static final MetricsServer.Scrapes SCRAPES = new MetricsServer.Scrapes() {
        @Override
        public String body(String accept) {
            return "runledger_iterations_total 42\n";
        }

        @Override
        public String contentType(String accept) {
            return "text/plain; version=0.0.4; charset=utf-8";
        }
    };

    @Test
    void anHonestScrapeAnswersWithinASecondWhileOthersIdleTrickleAndFlood() throws Exception {
        int port = MetricsServer.start(SCRAPES, "127.0.0.1", 0);
        List<Socket> held = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int i = 0; i < 20; i++) {
                held.add(new Socket("127.0.0.1", port));   // connected, never a byte
            }
            Socket trickler = new Socket("127.0.0.1", port);
            held.add(trickler);
            Thread trickle = new Thread(() -> {
                try {
                    OutputStream out = trickler.getOutputStream();
                    for (byte b : "GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)) {
                        if (stop.get()) {
                            return;
                        }
                        out.write(b);
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (Exception closedByTheServer) {
                    // expected once its time is up
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            Socket flood = new Socket("127.0.0.1", port);
            held.add(flood);
            Thread flooder = new Thread(() -> {
                try {
                    OutputStream out = flood.getOutputStream();
                    out.write("GET /".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[4 << 20]);   // a 4 MiB request line, never finished
                } catch (Exception refused) {
                    // the server answers 431 and closes
                }
            });
            flooder.setDaemon(true);
            flooder.start();
            Thread.sleep(500);

            long start = System.nanoTime();
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            assertEquals(200, c.getResponseCode());
            String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("runledger_iterations_total 42\n", body);
            assertTrue(millis < 1000, "scrape took " + millis + " ms");
            System.out.println("honest scrape under 20 idle connections, a trickler and a 4 MiB request line: " + millis + " ms");
        } finally {
            stop.set(true);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anOversizedHeadIsRefusedAndASlowOneIsCutAtItsDeadline() throws Exception {
        int port = MetricsServer.start(SCRAPES, "127.0.0.1", 0);
        try (Socket big = new Socket("127.0.0.1", port)) {
            OutputStream out = big.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nX-Filler: " + "x".repeat(MetricsServer.MAX_HEAD) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(big.getInputStream().readNBytes(40), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        }
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout((int) MetricsServer.HEAD_DEADLINE_MILLIS * 3);
            slow.getOutputStream().write("GET /met".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            InputStream in = slow.getInputStream();
            assertEquals(-1, in.read(), "closed without an answer");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < MetricsServer.HEAD_DEADLINE_MILLIS + 1000, "cut after " + millis + " ms");
        }
    }

    @Test
    void connectionsBeyondTheLimitDropTheOldest() throws Exception {
        int port = MetricsServer.start(SCRAPES, "127.0.0.1", 0);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MetricsServer.MAX_CONNECTIONS + 10; i++) {
                idle.add(new Socket("127.0.0.1", port));
            }
            Thread.sleep(300);
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
            c.setReadTimeout(1000);
            assertEquals(200, c.getResponseCode());
            idle.get(0).setSoTimeout(1000);
            assertEquals(-1, idle.get(0).getInputStream().read(), "the oldest idle connection was closed");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }
}
