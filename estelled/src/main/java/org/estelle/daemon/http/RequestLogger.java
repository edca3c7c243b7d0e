package org.estelle.daemon.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

import org.estelle.daemon.log.LogSink;
import org.slf4j.event.Level;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every request once its response is complete: counted in the metrics by
 * endpoint and status, and logged in one line with method, path, status and
 * duration. The query is left out: it may carry the secret.
 */
public final class RequestLogger implements RequestLog {

    /** The request attribute where a handler says whether the cache had the thumbnail: "hit" or "miss". */
    static final String CACHE_ATTRIBUTE = "estelle.cache";
    private static final Set<String> ENDPOINTS = Set.of("/get", "/queue", "/health", "/metrics");

    private final Metrics metrics;

    public RequestLogger(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void log(Request request, Response response) {
        String path = Request.getPathInContext(request); // decoded: /%67et is /get
        // Any other path counts as "other": a client must not be able to grow the label set.
        metrics.request(ENDPOINTS.contains(path) ? path : "other", response.getStatus());
        if (!LogSink.isEnabled(Level.INFO)) {
            return;
        }
        double millis = NanoTime.since(request.getBeginNanoTime()) / 1e6;
        Object cache = request.getAttribute(CACHE_ATTRIBUTE);
        String message = String.format(Locale.ROOT, "%s %s %d %.1fms", request.getMethod(), path, response.getStatus(), millis);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (LogSink.isStructured()) {
            fields.put("method", request.getMethod());
            fields.put("path", path);
            fields.put("status", response.getStatus());
            fields.put("duration_ms", Math.round(millis * 10) / 10.0);
        }
        if (cache != null) {
            fields.put("cache", cache);
        }
        LogSink.log(Level.INFO, "request", message, fields, null);
    }
}
