package org.estelle.daemon.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

import java.util.Locale;

/**
 * One log line per request, when its response is complete: method, path,
 * status and duration. The query is left out: it may carry the secret.
 */
public final class RequestLogger implements RequestLog {

    private static final System.Logger LOG = System.getLogger("org.estelle.daemon.request");

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        double millis = NanoTime.since(request.getBeginNanoTime()) / 1e6;
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s %s %d %.1fms",
                request.getMethod(), request.getHttpURI().getPath(), response.getStatus(), millis));
    }
}
