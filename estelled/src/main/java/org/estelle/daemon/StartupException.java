package org.estelle.daemon;

/** The daemon cannot start; the message is one line saying why. */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message, null, false, false);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
