package io.runledger.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runledger.config.LedgerMode;
import io.runledger.redact.Redactor;
import io.runledger.redact.TreeRedaction;
import io.runledger.snapshot.RunStatus;
import io.runledger.snapshot.Snapshot;
import io.runledger.util.Json;
import io.runledger.util.Log;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Sends a run's OpenLineage events, START once (at the first checkpoint after the first training) and
 * COMPLETE or FAIL at its end, to a file (one JSON event per line, appended under a lock, links not
 * followed, the ledger's file mode) and/or by HTTP POST. Events pass the snapshot's redaction first. One
 * sender thread; the end waits for it at most until the flush deadline; a failure is one warning, the
 * run and its snapshot are unaffected.
 */
public final class LineageEmitter {

    /** The OpenLineage HTTP transport's endpoint, used when the configured URL has no path. */
    static final String DEFAULT_ENDPOINT = "/api/v1/lineage";

    private final Path file;
    private final URI endpoint;
    private final String authorization;
    private final LedgerMode mode;
    private final String namespace;
    private final Supplier<Redactor> redactor;
    private final AtomicBoolean started = new AtomicBoolean();
    // a plain pool: the wrapper newSingleThreadExecutor adds has a finalizer, and loading it discards compiled code
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "runledger-lineage");
        t.setDaemon(true);
        return t;
    });

    private LineageEmitter(Path file, URI endpoint, String authorization, LedgerMode mode, String namespace, Supplier<Redactor> redactor) {
        this.file = file;
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.mode = mode;
        this.namespace = namespace;
        this.redactor = redactor;
    }

    /** An emitter for the configured transports, or null when neither a file nor a URL is set (or the URL is unusable). */
    public static LineageEmitter of(String fileSetting, String urlSetting, String namespace, LedgerMode mode, Supplier<Redactor> redactor) {
        Path file = fileSetting.isEmpty() ? null : Path.of(fileSetting).toAbsolutePath().normalize();
        URI endpoint = null;
        String authorization = null;
        if (!urlSetting.isEmpty()) {
            try {
                URI u = URI.create(urlSetting);
                if (u.getRawUserInfo() != null) {
                    authorization = "Basic " + Base64.getEncoder().encodeToString(u.getUserInfo().getBytes(StandardCharsets.UTF_8));
                }
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? DEFAULT_ENDPOINT : u.getRawPath();
                endpoint = new URI(u.getScheme(), null, u.getHost(), u.getPort(), null, null, null).resolve(path
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            } catch (Exception e) {
                Log.warn("openlineage.url is not a usable URL (" + e.getClass().getSimpleName() + "); no lineage events are sent to it");
            }
        }
        return file == null && endpoint == null ? null : new LineageEmitter(file, endpoint, authorization, mode, namespace, redactor);
    }

    /** START, once: {@code snapshot} supplies the run as it stands (built on the sender thread). */
    public void start(Supplier<Snapshot> snapshot, String agentVersion) {
        if (started.compareAndSet(false, true)) {
            sender.execute(() -> send(new LineageEvents(namespace, agentVersion).event("START", snapshot.get(), Instant.now())));
        }
    }

    /** COMPLETE (the run succeeded) or FAIL, waiting for it (and a START still queued) until {@code deadlineNanos}. */
    public void finish(Snapshot s, String agentVersion, long deadlineNanos) {
        String type = s.run.status == RunStatus.SUCCEEDED ? "COMPLETE" : "FAIL";
        LineageEvents events = new LineageEvents(namespace, agentVersion);
        if (started.compareAndSet(false, true)) {
            // a run that ended before its first checkpoint: its START still comes first, dated when it began
            ObjectNode start = events.event("START", s, Instant.parse(s.run.startedAt));
            sender.execute(() -> send(start));
        }
        ObjectNode event = events.event(type, s, Instant.now());
        Future<?> done = sender.submit(() -> send(event));
        try {
            done.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            Log.warn("the OpenLineage " + type + " event was not sent before the flush timeout");
        }
    }

    private void send(ObjectNode event) {
        try {
            TreeRedaction.apply(event, redactor.get());
            byte[] line = (Json.MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            if (file != null) {
                append(line);
            }
            if (endpoint != null) {
                post(line);
            }
        } catch (Throwable t) {
            Log.warnOnce("lineage:" + t.getClass().getName(), "an OpenLineage event could not be written (" + t.getClass().getSimpleName()
                    + "); the run's snapshot is unaffected");
        }
    }

    /** One write of the whole line under an exclusive lock: concurrent JVMs never interleave their lines. */
    private void append(byte[] line) throws Exception {
        String perms = mode == LedgerMode.GROUP ? "rw-rw----" : "rw-------";
        java.util.Set<java.nio.file.OpenOption> options = new java.util.HashSet<>(java.util.Arrays.asList(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS));
        try (FileChannel ch = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
             FileLock lock = ch.lock()) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private void post(byte[] body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            if (status < 200 || status >= 300) {
                Log.warnOnce("lineage-http:" + status, "the OpenLineage endpoint " + endpoint.getHost() + " answered HTTP " + status);
            }
        } finally {
            c.disconnect();
        }
    }
}
