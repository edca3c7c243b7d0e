package org.estelle.daemon.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.estelle.Estelle;
import org.estelle.engine.ThumbnailEngine;

import java.time.Duration;
import java.util.Optional;

/**
 * estelled's Jetty server short of its connector: the thread pool, the
 * endpoints, the error handler, the request log and the HTTP settings. The
 * daemon adds a TCP or UNIX-socket connector; the benchmarks a
 * {@code LocalConnector}, so they measure this very stack.
 */
public final class HttpServer {

    /** The request line and headers together: longer is 414 or 431. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private final Server server;
    private final Routes routes;
    private final HttpConfiguration http = new HttpConfiguration();

    /**
     * @param metrics     the library's generation observer too, so made before {@code estelle}
     * @param stopTimeout how long {@code server.stop()} waits for requests in
     *                    flight, such as a {@code /get} whose thumbnail is being made
     */
    public HttpServer(Estelle estelle, ThumbnailEngine engine, Optional<String> secret, Metrics metrics,
            Duration stopTimeout) {
        // Requests run on the selector thread (see Routes); the pool serves /health,
        // /metrics, slow form bodies and Jetty's own housekeeping.
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("estelle-http");
        server = new Server(threads);
        server.setStopTimeout(stopTimeout.toMillis());
        server.setErrorHandler(new PlainErrorHandler());
        server.setRequestLog(new RequestLogger(metrics.observing(estelle::stats)));
        routes = new Routes(estelle, engine, secret, metrics);
        // GracefulHandler lets server.stop() wait for the requests in flight.
        server.setHandler(new GracefulHandler(routes));

        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Bounded: every connection costs buffers, and a request can be at most a few kB.
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(MAX_REQUEST_HEADER_BYTES);
    }

    public Server server() {
        return server;
    }

    /** HTTP/1.1 with estelled's settings, for a connector of {@link #server()}. */
    public HttpConnectionFactory connectionFactory() {
        return new HttpConnectionFactory(http);
    }

    /** From now on {@code /health} says the daemon is shutting down. */
    public void stopping() {
        routes.stopping();
    }
}
