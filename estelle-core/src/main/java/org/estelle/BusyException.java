package org.estelle;

/** The work queue is full or Estelle is shutting down; try again later (HTTP 503). */
public final class BusyException extends EstelleException {

    public BusyException(String message) {
        super(503, message, null);
    }

    public BusyException(String message, Throwable cause) {
        super(503, message, cause);
    }
}
