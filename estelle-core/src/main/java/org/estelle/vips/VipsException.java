package org.estelle.vips;

/**
 * A libvips operation failed; the message is libvips' own error text for that
 * operation, on one line. It never leaves an engine: {@code LibvipsEngine}
 * turns it into a {@link org.estelle.ThumbnailFailedException} that names the
 * source.
 */
public final class VipsException extends RuntimeException {

    VipsException(String message) {
        super(message, null, false, false);
    }
}
