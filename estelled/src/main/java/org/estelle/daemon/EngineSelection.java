package org.estelle.daemon;

import org.estelle.daemon.config.EngineChoice;
import org.estelle.engine.LibvipsEngine;
import org.estelle.engine.ThumbnailEngine;
import org.estelle.engine.VipsCommandEngine;

/**
 * {@code ESTELLE_ENGINE} made real: the engine that will make thumbnails. An
 * explicit {@code libvips} or {@code vipsthumbnail} is checked to work before
 * the daemon serves anything; {@code auto} (the default) defers loading
 * libvips to the first thumbnail ({@link AutoEngine}), so that start-up and
 * a daemon serving only cached thumbnails do without it. It defers only when
 * the {@code vips} program is there to fall back on; otherwise libvips is
 * loaded at start, so a daemon that could make no thumbnail at all refuses
 * to start rather than failing every miss.
 *
 * @param version what the engine reports, for the start log line
 */
record EngineSelection(ThumbnailEngine engine, String version) {

    /** @throws StartupException if the engine asked for cannot run */
    static EngineSelection select(EngineChoice choice, long maxPixels) {
        return switch (choice) {
            case LIBVIPS -> libvips(maxPixels);
            case VIPSTHUMBNAIL -> command(maxPixels);
            case AUTO -> auto(maxPixels);
        };
    }

    private static EngineSelection auto(long maxPixels) {
        if (VipsCommandEngine.isOnPath()) {
            AutoEngine engine = new AutoEngine(() -> new LibvipsEngine(maxPixels),
                    () -> VipsCommandEngine.fromPath(maxPixels));
            return new EngineSelection(engine, engine.version());
        }
        try {
            LibvipsEngine engine = new LibvipsEngine(maxPixels);
            return new EngineSelection(engine, engine.version());
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            throw new StartupException("no thumbnail engine: libvips cannot be loaded (" + e.getMessage()
                    + ") and the vips program is not on PATH; install libvips-tools (Debian: apt-get install"
                    + " libvips-tools)", e);
        }
    }

    private static EngineSelection libvips(long maxPixels) {
        try {
            LibvipsEngine engine = new LibvipsEngine(maxPixels);
            return new EngineSelection(engine, engine.version());
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            throw new StartupException("ESTELLE_ENGINE=libvips cannot be used: " + e.getMessage(), e);
        }
    }

    private static EngineSelection command(long maxPixels) {
        VipsCommandEngine engine = VipsCommandEngine.fromPath(maxPixels);
        try {
            return new EngineSelection(engine, engine.version());
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
