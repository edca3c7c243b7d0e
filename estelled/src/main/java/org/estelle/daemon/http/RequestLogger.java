package org.estelle.daemon.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.estelle.Thumbnail;
import org.estelle.daemon.log.LogSink;
import org.slf4j.event.Level;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every request once its response is complete: counted in the metrics by
 * endpoint and status, and logged in one line with method, path, status,
 * duration and, for thumbnails, whether the cache had it and how long the
 * engine took: {@code GET /get 200 412.3ms cache=miss engine_ms=398.2}. The
 * query is left out: it may carry the secret.
 */
final class RequestLogger implements RequestLog {

    /** The request attribute where a handler says whether the cache had the thumbnail: "hit" or "miss". */
    private static final String CACHE_ATTRIBUTE = "estelle.cache";
    /** The request attribute with the engine's time for this request's thumbnail, in nanoseconds. */
    private static final String ENGINE_NANOS_ATTRIBUTE = "estelle.engineNanos";
    private static final Set<String> ENDPOINTS = Set.of("/get", "/queue", "/health", "/metrics");

    private final Metrics metrics;

    RequestLogger(Metrics metrics) {
        this.metrics = metrics;
    }

    /** For the log line: the request was answered with {@code thumbnail}. */
    static void answered(Request request, Thumbnail thumbnail) {
        request.setAttribute(CACHE_ATTRIBUTE, thumbnail.cached() ? "hit" : "miss");
        if (!thumbnail.cached()) {
            request.setAttribute(ENGINE_NANOS_ATTRIBUTE, thumbnail.engineTime().toNanos());
        }
    }

    /** For the log line: the request found the cache with ({@code hit}) or without the thumbnail. */
    static void cache(Request request, boolean hit) {
        request.setAttribute(CACHE_ATTRIBUTE, hit ? "hit" : "miss");
    }

    @Override
    public void log(Request request, Response response) {
        String path = Request.getPathInContext(request); // decoded: /%67et is /get
        int status = response.getStatus();
        // Any other path counts as "other": a client must not be able to grow the label set.
        metrics.request(ENDPOINTS.contains(path) ? path : "other", status);
        if (!LogSink.isEnabled(Level.INFO)) {
            return;
        }
        long tenthsOfMillis = Math.round(NanoTime.since(request.getBeginNanoTime()) / 100_000.0);
        StringBuilder message = new StringBuilder(64).append(request.getMethod()).append(' ').append(path)
                .append(' ').append(status).append(' ');
        appendMillis(message, tenthsOfMillis).append("ms");
        Map<String, Object> fields = new LinkedHashMap<>();
        if (LogSink.isStructured()) {
            fields.put("method", request.getMethod());
            fields.put("path", path);
            fields.put("status", status);
            fields.put("duration_ms", tenthsOfMillis / 10.0);
        }
        Object cache = request.getAttribute(CACHE_ATTRIBUTE);
        if (cache != null) {
            fields.put("cache", cache);
        }
        if (request.getAttribute(ENGINE_NANOS_ATTRIBUTE) instanceof Long engineNanos) {
            fields.put("engine_ms", Math.round(engineNanos / 100_000.0) / 10.0);
        }
        LogSink.log(Level.INFO, "request", message.toString(), fields, null);
    }

    // 12.3 from 123, without a Formatter: this runs for every request.
    private static StringBuilder appendMillis(StringBuilder text, long tenths) {
        return text.append(tenths / 10).append('.').append(tenths % 10);
    }
}
