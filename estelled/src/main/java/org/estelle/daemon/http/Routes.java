package org.estelle.daemon.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.estelle.Estelle;
import org.estelle.engine.ThumbnailEngine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon's endpoints: {@code /get} and {@code /queue} (GET or POST),
 * {@code /health} and {@code /metrics} (GET). Any other path is 404, any other
 * method 405 with {@code Allow}. Errors thrown by an endpoint become their
 * status here.
 *
 * <p>Non-blocking, so that Jetty runs a request on the thread that read it,
 * without a hand-off to another thread: that is most of the cost of a cache
 * hit. An endpoint that may block ({@code /health} runs the engine's check,
 * {@code /metrics} renders every metric) is handed to Jetty's thread pool.
 */
final class Routes extends Handler.Abstract {

    private record Route(Handler handler, String allow) {
    }

    private final Map<String, Route> routes;
    private final AtomicBoolean stopping = new AtomicBoolean();

    Routes(Estelle estelle, ThumbnailEngine engine, Optional<String> secret, Metrics metrics) {
        super(InvocationType.NON_BLOCKING);
        Secret key = new Secret(secret);
        ThumbnailHandler thumbnails = new ThumbnailHandler(estelle, key);
        this.routes = Map.of(
                "/get", new Route(thumbnails, "GET, POST"),
                "/queue", new Route(thumbnails, "GET, POST"),
                "/health", new Route(new HealthHandler(estelle, engine, key, stopping), "GET"),
                "/metrics", new Route(new MetricsHandler(metrics, key), "GET"));
        routes.values().stream().map(Route::handler).distinct().forEach(this::addBean);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        routes.values().stream().map(Route::handler).distinct().forEach(handler -> handler.setServer(server));
    }

    /** From now on {@code /health} says the daemon is shutting down. */
    void stopping() {
        stopping.set(true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Route route = routes.get(Request.getPathInContext(request));
        if (route == null) {
            PlainText.write(response, callback, 404, "no such endpoint: use /get, /queue, /health or /metrics");
            return true;
        }
        String method = request.getMethod();
        boolean allowed = HttpMethod.GET.is(method) || (HttpMethod.POST.is(method) && route.allow().contains("POST"));
        if (!allowed) {
            response.getHeaders().put(HttpHeader.ALLOW, route.allow());
            PlainText.write(response, callback, 405, "method " + method + " is not allowed: use " + route.allow().replace(", ", " or "));
            return true;
        }
        Handler handler = route.handler();
        if (handler.getInvocationType() == InvocationType.NON_BLOCKING) {
            return handleOrAnswer(handler, request, response, callback);
        }
        request.getComponents().getExecutor().execute(() -> handleOrAnswer(handler, request, response, callback));
        return true;
    }

    private static boolean handleOrAnswer(Handler handler, Request request, Response response, Callback callback) {
        try {
            if (!handler.handle(request, response, callback)) {
                PlainText.write(response, callback, 404, "no such endpoint");
            }
        } catch (Throwable failure) {
            PlainText.writeError(response, callback, failure);
        }
        return true;
    }
}
