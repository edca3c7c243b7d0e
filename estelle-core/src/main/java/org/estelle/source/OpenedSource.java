package org.estelle.source;

import java.nio.file.Path;

/**
 * A source held open, checked after opening: an engine reads it as
 * {@link #path()} ({@code /proc/self/fd/N}), so it reads exactly the file
 * that was checked, whatever happens to names meanwhile. Close it when the
 * thumbnail is done. See {@link AllowedDirs#open}.
 */
public final class OpenedSource implements AutoCloseable {

    private final int descriptor;
    private boolean closed;

    OpenedSource(int descriptor) {
        this.descriptor = descriptor;
    }

    /** The open file's name for this process: {@code /proc/self/fd/N}. */
    public Path path() {
        return Path.of("/proc/self/fd/" + descriptor);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Posix.close(descriptor);
        }
    }
}
