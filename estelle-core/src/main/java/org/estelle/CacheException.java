package org.estelle;

/** The thumbnail could not be stored in, or read from, the cache directory (HTTP 500). */
public final class CacheException extends EstelleException {

    public CacheException(String message) {
        super(500, message, null);
    }

    public CacheException(String message, Throwable cause) {
        super(500, message, cause);
    }
}
