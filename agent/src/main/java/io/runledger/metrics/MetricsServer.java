package io.runledger.metrics;

import io.runledger.util.Log;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} on one daemon thread: all a Prometheus scrape needs, with no HTTP library in the
 * host. A port in use is one warning; training carries on without the endpoint.
 */
public final class MetricsServer {

    private MetricsServer() {
    }

    public static void start(RunMetrics metrics, String host, int port) {
        ServerSocket server;
        try {
            server = new ServerSocket(port, 16, InetAddress.getByName(host));
        } catch (Exception e) {
            Log.warn("metrics endpoint not started: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); training goes on without it");
            return;
        }
        Thread t = new Thread(() -> serve(server, metrics), "runledger-metrics");
        t.setDaemon(true);
        t.setContextClassLoader(MetricsServer.class.getClassLoader());
        t.start();
    }

    private static void serve(ServerSocket server, RunMetrics metrics) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String request = in.readLine();
                String accept = null;
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    if (line.regionMatches(true, 0, "Accept:", 0, 7)) {
                        accept = line.substring(7).trim();
                    }
                }
                OutputStream out = s.getOutputStream();
                if (request != null && (request.startsWith("GET /metrics ") || request.startsWith("GET /metrics?"))) {
                    byte[] body = metrics.scrape(accept).getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + RunMetrics.contentType(accept) + "\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                } else {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (Throwable e) {
                // one bad request does not stop the endpoint
            }
        }
    }
}
