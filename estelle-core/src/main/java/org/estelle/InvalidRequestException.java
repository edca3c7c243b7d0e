package org.estelle;

/** A request parameter is missing or invalid (HTTP 400). */
public final class InvalidRequestException extends EstelleException {

    public InvalidRequestException(String message) {
        super(400, message, null);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(400, message, cause);
    }
}
