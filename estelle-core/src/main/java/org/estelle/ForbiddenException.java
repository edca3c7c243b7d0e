package org.estelle;

/** The source lies outside the allowed directories, or the key is wrong (HTTP 403). */
public final class ForbiddenException extends EstelleException {

    public ForbiddenException(String message) {
        super(403, message, null);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(403, message, cause);
    }
}
