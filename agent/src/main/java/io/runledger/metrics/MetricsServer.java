package io.runledger.metrics;

import io.runledger.util.Log;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * {@code GET /metrics} for Prometheus, served from one daemon thread with a selector: every connection is
 * read without blocking, so no client can hold up another. Bounds: a request head of at most
 * {@link #MAX_HEAD} bytes (else 431), {@link #HEAD_DEADLINE_MILLIS} for a connection from accept to the
 * last byte of its answer, at most {@link #MAX_CONNECTIONS} open connections (the oldest is dropped for a new one). The
 * JDK's own HTTP server was not used: it reads a request on a pool thread with no deadline, and its limits
 * are JVM-wide system properties that would change the host's own servers. A port in use is one warning;
 * training carries on without the endpoint.
 */
public final class MetricsServer {

    static final int MAX_HEAD = 8192;
    static final int MAX_CONNECTIONS = 64;
    static final long HEAD_DEADLINE_MILLIS = 5000;

    /** What the endpoint answers: the scrape text and its content type, given the request's Accept header. */
    public interface Scrapes {
        String body(String accept);

        String contentType(String accept);
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Scrapes scrapes;
    private final Deque<SelectionKey> open = new ArrayDeque<>();

    private MetricsServer(ServerSocketChannel server, Selector selector, Scrapes scrapes) {
        this.server = server;
        this.selector = selector;
        this.scrapes = scrapes;
    }

    public static void start(RunMetrics metrics, String host, int port) {
        start(new Scrapes() {
            @Override
            public String body(String accept) {
                return metrics.scrape(accept);
            }

            @Override
            public String contentType(String accept) {
                return RunMetrics.contentType(accept);
            }
        }, host, port);
    }

    /** Listens on {@code host:port}; returns the bound port, or -1 (with one warning) when it cannot. */
    public static int start(Scrapes scrapes, String host, int port) {
        MetricsServer s;
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), MAX_CONNECTIONS);
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            s = new MetricsServer(server, selector, scrapes);
        } catch (Exception e) {
            Log.warn("metrics endpoint not started: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); training goes on without it");
            return -1;
        }
        Thread t = new Thread(s::serve, "runledger-metrics");
        t.setDaemon(true);
        t.setContextClassLoader(MetricsServer.class.getClassLoader());
        t.start();
        return ((InetSocketAddress) s.server.socket().getLocalSocketAddress()).getPort();
    }

    /** One connection's state: its request head as it arrives, then the answer as it leaves. */
    private static final class Exchange {
        final long deadline = System.currentTimeMillis() + HEAD_DEADLINE_MILLIS;
        final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
        ByteBuffer answer;
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                selector.select(250);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.isReadable()) {
                            read(key);
                        } else if (key.isWritable()) {
                            write(key);
                        }
                    } catch (IOException | RuntimeException e) {
                        close(key);   // one bad client does not stop the endpoint
                    }
                }
                expire();
            } catch (Throwable t) {
                // the selector itself failed: keep trying, the loop is cheap and the thread is a daemon
            }
        }
    }

    private void accept() throws IOException {
        for (SocketChannel c; (c = server.accept()) != null; ) {
            if (open.size() >= MAX_CONNECTIONS) {
                close(open.peekFirst());   // the oldest is the likeliest idle one
            }
            c.configureBlocking(false);
            open.addLast(c.register(selector, SelectionKey.OP_READ, new Exchange()));
        }
    }

    private void read(SelectionKey key) throws IOException {
        Exchange x = (Exchange) key.attachment();
        int n = ((SocketChannel) key.channel()).read(x.head);
        if (n < 0) {
            close(key);
            return;
        }
        String text = new String(x.head.array(), 0, x.head.position(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        if (end >= 0) {
            respond(key, x, answer(text.substring(0, end)));
        } else if (!x.head.hasRemaining()) {
            respond(key, x, status("431 Request Header Fields Too Large"));
        }
    }

    private byte[] answer(String head) {
        String[] lines = head.split("\r?\n");
        String request = lines[0];
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].regionMatches(true, 0, "Accept:", 0, 7)) {
                accept = lines[i].substring(7).trim();
            }
        }
        if (!(request.startsWith("GET /metrics ") || request.startsWith("GET /metrics?"))) {
            return status("404 Not Found");
        }
        byte[] body = scrapes.body(accept).getBytes(StandardCharsets.UTF_8);
        byte[] header = ("HTTP/1.1 200 OK\r\nContent-Type: " + scrapes.contentType(accept) + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    private static byte[] status(String status) {
        return ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private void respond(SelectionKey key, Exchange x, byte[] answer) throws IOException {
        x.answer = ByteBuffer.wrap(answer);
        key.interestOps(SelectionKey.OP_WRITE);
        write(key);
    }

    private void write(SelectionKey key) throws IOException {
        Exchange x = (Exchange) key.attachment();
        ((SocketChannel) key.channel()).write(x.answer);
        if (!x.answer.hasRemaining()) {
            close(key);
        }
    }

    /** Drops connections past their deadline: a client that trickles or stops reading gets no more time. */
    private void expire() {
        long now = System.currentTimeMillis();
        while (!open.isEmpty()) {
            SelectionKey oldest = open.peekFirst();
            if (oldest.isValid() && ((Exchange) oldest.attachment()).deadline > now) {
                return;
            }
            close(oldest);
        }
    }

    private void close(SelectionKey key) {
        if (key == null) {
            return;
        }
        open.remove(key);
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
