package org.estelle.daemon;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.estelle.Estelle;
import org.estelle.cache.CacheLimits;
import org.estelle.daemon.config.DaemonConfig;
import org.estelle.daemon.config.ListenAddress;
import org.estelle.daemon.http.HttpServer;
import org.estelle.daemon.http.Metrics;
import org.estelle.daemon.log.LogSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running estelled: the library instance behind a Jetty server on one
 * listening address. {@link #start} wires the objects by hand; {@link #close}
 * shuts down in the order the contract asks for.
 */
public final class Daemon implements AutoCloseable {

    /** Connections beyond this wait in the kernel's backlog until one closes. */
    static final int MAX_CONNECTIONS = 1024;
    /** Selector threads of the TCP connector, each serving its connections end to end. */
    static final int SELECTORS = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);

    /** How long running thumbnails may take to finish once asked to stop. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final DaemonConfig config;
    private final Estelle estelle;
    private final Server server;
    private final AbstractConnector connector;
    private final HttpServer http;

    private Daemon(DaemonConfig config, Estelle estelle, Server server, AbstractConnector connector, HttpServer http) {
        this.http = http;
        this.config = config;
        this.estelle = estelle;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Checks what can only be checked on this machine (the cache directory is
     * writable, the engine runs, the address is free), then starts serving.
     *
     * @throws StartupException saying, in one line, what stands in the way
     */
    public static Daemon start(DaemonConfig config, String version) {
        LogSink.configure(config.logFormat(), config.logLevel());
        checkFileNameEncoding();
        checkCacheDir(config.cacheDir());
        if (config.address() instanceof ListenAddress.Unix unix) {
            UnixSocketFile.prepare(unix.path());
        }
        EngineSelection engine = EngineSelection.select(config.engine(), config.maxPixels());
        Metrics metrics = new Metrics();
        Estelle estelle;
        try {
            estelle = Estelle.builder()
                    .observer(metrics)
                    .cacheDir(config.cacheDir())
                    .allowedDirs(config.allowedDirs())
                    .workers(config.workers())
                    .queueSize(config.queueSize())
                    .maxEdge(config.maxSize())
                    .cacheLimits(new CacheLimits(config.cacheLimit(), config.gcHighRatio(), config.gcLowRatio()))
                    .shutdownGrace(SHUTDOWN_GRACE)
                    .engine(engine.engine())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }

        HttpServer http = new HttpServer(estelle, engine.engine(), config.secret(), metrics,
                SHUTDOWN_GRACE.plusSeconds(5));
        Server server = http.server();
        AbstractConnector connector = switch (config.address()) {
            case ListenAddress.Tcp tcp -> {
                // Requests run on the selector threads (see Routes): one per core, so hits
                // use every core (two on two cores: 1.21x one, docs/BENCHMARKS.md).
                ServerConnector c = new ServerConnector(server, 1, SELECTORS, http.connectionFactory());
                c.setHost(tcp.host());
                c.setPort(tcp.port());
                yield c;
            }
            case ListenAddress.Unix unix -> {
                UnixSocketConnector c = new UnixSocketConnector(server, http.connectionFactory(), config.socketMode());
                c.setUnixDomainPath(unix.path());
                yield c;
            }
        };
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));

        Daemon daemon = new Daemon(config, estelle, server, connector, http);
        try {
            server.start();
        } catch (Exception e) {
            // Not daemon.close(): the socket file at the address may be another daemon's.
            estelle.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // it never started
            }
            throw new StartupException("cannot listen on " + config.address() + ": " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "estelled " + version + " serving on " + daemon.boundAddress()
                + " engine=" + engine.engine().name() + " (" + engine.version() + ") " + config.describe());
        if (config.address() instanceof ListenAddress.Tcp tcp && !tcp.isLoopback() && config.secret().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "listening on " + tcp + " without ESTELLE_SECRET:"
                    + " any host that can reach this port may ask for thumbnails;"
                    + " set ESTELLE_SECRET or listen on 127.0.0.1 or a unix:// socket");
        }
        return daemon;
    }

    /** The TCP port actually bound (useful with port 0), or -1 on a UNIX socket. */
    public int port() {
        return connector instanceof NetworkConnector network ? network.getLocalPort() : -1;
    }

    public Estelle estelle() {
        return estelle;
    }

    /**
     * Stops accepting connections, fails queued tasks with 503, lets running
     * thumbnails finish (bounded by {@link #SHUTDOWN_GRACE}) and their waiting
     * requests be answered, then removes the socket file.
     */
    @Override
    public void close() {
        // In parallel: queued work is answered 503 at once and running work
        // finishes, while the server stops accepting and waits for the
        // requests in flight, which that work completes.
        http.stopping();
        Thread drain = Thread.ofPlatform().name("estelle-drain").start(estelle::close);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the HTTP server: " + e.getMessage());
        }
        try {
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The connector has removed the socket file it bound; removing
        // whatever is at the path now could take a successor's socket.
        LOG.log(System.Logger.Level.INFO, "estelled stopped");
    }

    private String boundAddress() {
        return config.address() instanceof ListenAddress.Tcp tcp
                ? new ListenAddress.Tcp(tcp.host(), port()).toString()
                : config.address().toString();
    }

    /**
     * The JVM maps file names to strings through the locale's character set;
     * under a non-UTF-8 locale (a bare systemd unit, say) every non-ASCII
     * source would be refused, so refuse to start instead.
     */
    private static void checkFileNameEncoding() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8")) {
            throw new StartupException("the locale's character set is " + encoding + ", not UTF-8, so file names"
                    + " with non-ASCII characters could not be served: start estelled with LANG=C.UTF-8"
                    + " (bin/estelled does)");
        }
    }

    private static void checkCacheDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".tmp-probe-", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupException("ESTELLE_CACHE_DIR=\"" + dir + "\" is not usable: expected a writable directory ("
                    + e.getMessage() + ")", e);
        }
    }
}
