package org.estelle.queue;

/** Which work a worker takes first. */
public enum Priority {
    /** A client is waiting for the result ({@code /get}): served first. */
    WAITING,
    /** Nobody waits ({@code /queue}): served when no waiting work is left. */
    BACKGROUND
}
