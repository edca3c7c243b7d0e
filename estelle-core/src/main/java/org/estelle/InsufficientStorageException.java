package org.estelle;

/** The cache's disk is full; eviction has been started, a retry may succeed (HTTP 507). */
public final class InsufficientStorageException extends EstelleException {

    public InsufficientStorageException(String message) {
        super(507, message, null);
    }

    public InsufficientStorageException(String message, Throwable cause) {
        super(507, message, cause);
    }
}
