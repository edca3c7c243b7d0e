package org.estelle.bench;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.estelle.Estelle;
import org.estelle.daemon.http.Metrics;
import org.estelle.daemon.http.PlainErrorHandler;
import org.estelle.daemon.http.RequestLogger;
import org.estelle.daemon.http.Routes;
import org.estelle.engine.ThumbnailEngine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * estelled's request path without the network: the library, the thread pool,
 * request log, handlers and HTTP configuration that {@code Daemon.start}
 * wires, behind a {@link LocalConnector} (Jetty's real HTTP parsing and
 * generation over in-memory buffers) instead of a TCP or UNIX socket.
 * Keep it in step with {@code Daemon.start}: it is copied, not shared,
 * because the daemon builds its connector from a configuration.
 */
final class LocalDaemon implements AutoCloseable {

    /** {@code Daemon.MAX_REQUEST_HEADER_BYTES}. */
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final Estelle estelle;
    private final Server server;
    private final LocalConnector connector;

    private LocalDaemon(Estelle estelle, Server server, LocalConnector connector) {
        this.estelle = estelle;
        this.server = server;
        this.connector = connector;
    }

    /** Starts serving {@code allowedDir}'s images, with the daemon's defaults otherwise and no secret. */
    static LocalDaemon start(Path cacheDir, Path allowedDir, ThumbnailEngine engine) throws Exception {
        Metrics metrics = new Metrics();
        Estelle estelle = Estelle.builder()
                .observer(metrics)
                .cacheDir(cacheDir)
                .allowedDirs(List.of(allowedDir))
                .engine(engine)
                .build();

        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("estelle-http");
        Server server = new Server(threads);
        server.setErrorHandler(new PlainErrorHandler());
        server.setRequestLog(new RequestLogger(metrics.observing(estelle::stats)));
        server.setHandler(new GracefulHandler(new Routes(estelle, engine, Optional.empty(), metrics)));

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setResponseHeaderSize(MAX_HEADER_BYTES);
        LocalConnector connector = new LocalConnector(server, new HttpConnectionFactory(http));
        server.addConnector(connector);
        try {
            server.start();
        } catch (Exception e) {
            estelle.close();
            throw e;
        }
        return new LocalDaemon(estelle, server, connector);
    }

    Estelle estelle() {
        return estelle;
    }

    /** A new client connection; it stays open (HTTP/1.1 keep-alive) until closed. */
    LocalConnector.LocalEndPoint connect() {
        return connector.connect();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop Jetty: " + e, e);
        } finally {
            estelle.close();
        }
    }
}
