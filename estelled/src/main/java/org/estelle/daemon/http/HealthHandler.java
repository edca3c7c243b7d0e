package org.estelle.daemon.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.estelle.Estelle;
import org.estelle.engine.ThumbnailEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /health}: 200 while the daemon can serve (the engine runs, the
 * cache directory is writable, it is not stopping), else 503 with the reason
 * in one line. It never makes a thumbnail.
 */
final class HealthHandler extends Handler.Abstract {

    private final ThumbnailEngine engine;
    private final Path cacheDir;
    private final Secret secret;
    private final AtomicBoolean stopping;
    private static final java.time.Duration CHECK_EVERY = java.time.Duration.ofSeconds(10);
    private long checkedAt; // guarded by this
    private String engineProblem; // guarded by this

    HealthHandler(Estelle estelle, ThumbnailEngine engine, Secret secret, AtomicBoolean stopping) {
        this.engine = engine;
        this.cacheDir = estelle.cacheDir();
        this.secret = secret;
        this.stopping = stopping;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        secret.check(Parameters.single(Parameters.query(request), "key"));
        String problem = problem();
        PlainText.write(response, callback, problem == null ? 200 : 503,
                problem == null ? "ok: serving with the " + engine.name() + " engine" : problem);
        return true;
    }

    /** Why the daemon cannot serve, or null. */
    private String problem() {
        if (stopping.get()) {
            return "shutting down";
        }
        if (!Files.isDirectory(cacheDir) || !Files.isWritable(cacheDir)) {
            return "the cache directory " + cacheDir + " is missing or not writable";
        }
        return engineProblem();
    }

    // For the command engine this runs `vips --version`: at most once per CHECK_EVERY,
    // so probing /health cannot be turned into a stream of processes.
    private synchronized String engineProblem() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > CHECK_EVERY.toNanos()) {
            try {
                engine.version();
                engineProblem = null;
            } catch (RuntimeException e) {
                engineProblem = "the " + engine.name() + " engine does not run: " + e.getMessage();
            }
            checkedAt = now;
        }
        return engineProblem;
    }
}
