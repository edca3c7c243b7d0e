package org.estelle;

/**
 * The one family of errors Estelle reports. Each carries the HTTP status that
 * the daemon answers with and a message of one human-readable line, so the
 * mapping to HTTP happens in one place and library users get the same words.
 */
public abstract sealed class EstelleException extends RuntimeException
        permits InvalidRequestException, ForbiddenException, NotFoundException,
                ThumbnailFailedException, BusyException, CacheException, InsufficientStorageException {

    private final int status;
    private final boolean verdict;

    EstelleException(int status, String message, Throwable cause) {
        this(status, message, cause, false);
    }

    EstelleException(int status, String message, Throwable cause, boolean verdict) {
        super(oneLine(message), cause, false, false);
        this.status = status;
        this.verdict = verdict;
    }

    /**
     * Whether this is the decoder's verdict on the file itself (not an image,
     * cannot be decoded, too large), which holds until the file changes; not
     * a passing condition such as a permission, a full disk or a shutdown.
     * Only verdicts are remembered.
     */
    public boolean isVerdictOnFile() {
        return verdict;
    }

    /** The HTTP status code that describes this error. */
    public int status() {
        return status;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
