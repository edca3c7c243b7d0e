package org.estelle.daemon;

import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.engine.ThumbnailEngine;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code ESTELLE_ENGINE=auto}: in-process libvips, loaded when the first
 * thumbnail is to be made rather than at start, else the vipsthumbnail engine.
 *
 * <p>Loading libvips maps some 150 shared libraries and registers libvips'
 * types: about 40 MB of RSS and 0.1–0.2 s of start-up (docs/BENCHMARKS.md,
 * Footprint) that a daemon serving only cached thumbnails never needs. The
 * choice is made once, by the first worker to need an engine; until then
 * {@link #name()} is {@code auto} and {@link #version()} checks nothing.
 * An explicit {@code ESTELLE_ENGINE=libvips} or {@code vipsthumbnail} is
 * still loaded and checked at start (see {@link EngineSelection}).
 */
final class AutoEngine implements ThumbnailEngine {

    private static final System.Logger LOG = System.getLogger(AutoEngine.class.getName());

    private final Supplier<ThumbnailEngine> libvips;
    private final Supplier<ThumbnailEngine> command;
    private volatile ThumbnailEngine chosen;

    /**
     * @param libvips makes the in-process engine, throwing {@link IllegalStateException} or
     *                {@link UnsatisfiedLinkError} if libvips cannot be loaded
     * @param command makes the child-process engine (not checked: its failures are its own)
     */
    AutoEngine(Supplier<ThumbnailEngine> libvips, Supplier<ThumbnailEngine> command) {
        this.libvips = libvips;
        this.command = command;
    }

    /** The engine in use, choosing it on first call. */
    ThumbnailEngine engine() {
        ThumbnailEngine engine = chosen;
        if (engine == null) {
            synchronized (this) {
                engine = chosen;
                if (engine == null) {
                    engine = choose();
                    chosen = engine;
                }
            }
        }
        return engine;
    }

    private ThumbnailEngine choose() {
        try {
            ThumbnailEngine engine = libvips.get();
            LOG.log(System.Logger.Level.INFO, "engine=auto: loaded {0} for the first thumbnail", engine.version());
            return engine;
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            ThumbnailEngine engine = command.get();
            try {
                LOG.log(System.Logger.Level.INFO, "engine=auto: {0}; using the vipsthumbnail engine ({1}) instead",
                        e.getMessage(), engine.version());
            } catch (IllegalStateException unusable) {
                LOG.log(System.Logger.Level.ERROR, "engine=auto: {0}, and the vipsthumbnail engine does not run"
                        + " either: {1}", e.getMessage(), unusable.getMessage());
            }
            return engine;
        }
    }

    @Override
    public String name() {
        ThumbnailEngine engine = chosen;
        return engine == null ? "auto" : engine.name();
    }

    /** The chosen engine's version (and check); before the first thumbnail, a note that checks nothing. */
    @Override
    public String version() {
        ThumbnailEngine engine = chosen;
        return engine == null ? "libvips, else vipsthumbnail: chosen at the first thumbnail" : engine.version();
    }

    @Override
    public void render(ThumbnailRequest request, Path source, Path target) {
        ThumbnailEngine engine;
        try {
            engine = engine();
        } catch (RuntimeException e) {
            throw new ThumbnailFailedException("no thumbnail engine: " + e.getMessage(), e);
        }
        engine.render(request, source, target);
    }
}
