package org.estelle;

/** The source looked like an image but could not be turned into a thumbnail (HTTP 422). */
public final class ThumbnailFailedException extends EstelleException {

    public ThumbnailFailedException(String message) {
        super(422, message, null);
    }

    public ThumbnailFailedException(String message, Throwable cause) {
        super(422, message, cause);
    }

    private ThumbnailFailedException(String message, boolean verdict) {
        super(422, message, null, verdict);
    }

    /** The decoder's verdict on the file: it cannot be thumbnailed (corrupt, too large, too slow). */
    public static ThumbnailFailedException verdict(String message) {
        return new ThumbnailFailedException(message, true);
    }
}
