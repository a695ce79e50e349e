package io.runledger.metrics;

import io.runledger.util.Log;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pushes the metrics of a batch job to a Prometheus Pushgateway: {@code PUT <url>/metrics/job/<job>/instance/<run name>}
 * with the text exposition, at checkpoints and once more at exit. Credentials ("user:password") come from
 * the environment variable named by {@code pushgateway.auth.env} and are never logged.
 */
public final class Pushgateway {

    private final String groupUrl;
    private final String authorization;

    public Pushgateway(String url, String job, String instance, String authEnvVariable) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.groupUrl = base + "/metrics/job/" + encode(job) + "/instance/" + encode(instance);
        String credentials = authEnvVariable == null || authEnvVariable.isEmpty() ? null : System.getenv(authEnvVariable);
        this.authorization = credentials == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        try {
            return URLEncoder.encode(s, "UTF-8").replace("+", "%20");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One attempt; true when the gateway accepted it. */
    boolean send(String method, String body, int timeoutMillis) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(groupUrl).openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            c.disconnect();
            return status >= 200 && status < 300;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Pushes {@code body}, retrying with backoff until it succeeds or {@code deadlineNanos} passes (the
     * first attempt always happens, with at most a 250 ms timeout when the deadline is already near).
     */
    public boolean push(String body, long deadlineNanos) {
        long backoff = 100;
        while (true) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (send("PUT", body, (int) Math.max(250, Math.min(left, 2000)))) {
                return true;
            }
            left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                Log.warnOnce("push-failed:" + groupUrl, "could not push metrics to the Pushgateway (" + hostOnly() + "); the snapshot is unaffected");
                return false;
            }
            try {
                Thread.sleep(Math.min(backoff, Math.max(1, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(backoff * 2, 1000);
        }
    }

    public void delete(int timeoutMillis) {
        send("DELETE", null, timeoutMillis);
    }

    private String hostOnly() {
        return groupUrl.replaceFirst("^(\\w+://[^/]+).*$", "$1");
    }
}
