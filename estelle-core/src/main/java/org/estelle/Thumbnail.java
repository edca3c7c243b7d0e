package org.estelle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A thumbnail in the cache, and how a request came by it.
 *
 * @param path       the file in the cache directory
 * @param cached     whether it was in the cache when asked for (a hit), rather
 *                   than made (or joined while being made) for this request
 * @param engineTime how long the engine took to render it for this request;
 *                   zero for a hit, the shared generation's time for a request
 *                   that joined one
 */
public record Thumbnail(Path path, boolean cached, Duration engineTime) {

    public Thumbnail {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(engineTime, "engineTime");
    }

    static Thumbnail hit(Path path) {
        return new Thumbnail(path, true, Duration.ZERO);
    }

    static Thumbnail made(Path path, Duration engineTime) {
        return new Thumbnail(path, false, engineTime);
    }
}
