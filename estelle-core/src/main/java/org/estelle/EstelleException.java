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

    EstelleException(int status, String message, Throwable cause) {
        super(oneLine(message), cause, false, false);
        this.status = status;
    }

    /** The HTTP status code that describes this error. */
    public int status() {
        return status;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
