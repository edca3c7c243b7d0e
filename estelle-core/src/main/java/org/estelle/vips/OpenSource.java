package org.estelle.vips;

import java.nio.file.Path;

/**
 * A source file held open for libvips, which reads it as
 * {@code /proc/self/fd/N} rather than by its own name: libvips takes a
 * trailing {@code [...]} in a file name as loader options, so a file called
 * {@code x.jpg[fail_on=none]} would turn strict decoding off, and
 * {@code photo[1]} would not be found at all. The descriptor name has no
 * brackets, and every step of one thumbnail (recognising, header, decoding)
 * reads the same file even if its name is replaced meanwhile.
 *
 * <p>Made by {@link Libvips#open}; close it when the thumbnail is done. Not
 * thread-safe: one render uses it.
 */
public final class OpenSource implements AutoCloseable {

    private final Path path;
    private final int descriptor;
    private boolean closed;

    OpenSource(Path path, int descriptor) {
        this.path = path;
        this.descriptor = descriptor;
    }

    /** The file's own name, as it was opened. */
    public Path path() {
        return path;
    }

    /** The name libvips is given. */
    String name() {
        return "/proc/self/fd/" + descriptor;
    }

    /** {@code message} with the descriptor's name replaced by the file's. */
    String named(String message) {
        return message.replace(name(), path.toString());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int result;
        try {
            result = (int) Vips.close.invokeExact(descriptor);
        } catch (Throwable t) {
            throw new IllegalStateException("close(" + descriptor + ") failed: " + t, t);
        }
        // Linux frees the descriptor even when close fails (EINTR, EIO) and a read-only
        // one loses no data, so a failure needs no retry; it can only mean a bug (EBADF).
        if (result != 0) {
            throw new IllegalStateException("close(" + descriptor + ") failed for " + path);
        }
    }
}
