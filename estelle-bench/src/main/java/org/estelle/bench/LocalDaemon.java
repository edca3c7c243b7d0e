package org.estelle.bench;

import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.estelle.Estelle;
import org.estelle.daemon.http.HttpServer;
import org.estelle.daemon.http.Metrics;
import org.estelle.engine.ThumbnailEngine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * estelled's request path without the network: the daemon's own
 * {@link HttpServer} (thread pool, endpoints, request log, HTTP settings)
 * behind a {@link LocalConnector} (Jetty's real HTTP parsing and generation
 * over in-memory buffers) instead of a TCP or UNIX socket.
 */
final class LocalDaemon implements AutoCloseable {

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
        HttpServer http = new HttpServer(estelle, engine, Optional.empty(), metrics, Duration.ofSeconds(5));
        Server server = http.server();
        LocalConnector connector = new LocalConnector(server, http.connectionFactory());
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
