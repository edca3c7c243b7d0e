package org.estelle;

/** The source does not exist, is not a regular file, or is not a recognised image (HTTP 404). */
public final class NotFoundException extends EstelleException {

    public NotFoundException(String message) {
        super(404, message, null);
    }

    public NotFoundException(String message, Throwable cause) {
        super(404, message, cause);
    }

    private NotFoundException(String message, boolean verdict) {
        super(404, message, null, verdict);
    }

    /** The decoder's verdict: the file is not an image it recognises. */
    public static NotFoundException notAnImage(String message) {
        return new NotFoundException(message, true);
    }
}
