package org.estelle;

import java.util.Locale;

/** How one attempt to make a thumbnail ended. */
public enum GenerationOutcome {
    /** The thumbnail is in the cache. */
    OK,
    /** The source is not an image libvips recognises. */
    NOT_AN_IMAGE,
    /** The source looked like an image but could not be thumbnailed (corrupt, too large, too slow). */
    FAILED,
    /** The thumbnail could not be stored (disk full, cache not writable). */
    STORAGE,
    /** Given up: the daemon is shutting down, or the source changed meanwhile. */
    ABANDONED;

    /** The outcome of a generation that threw {@code failure}. */
    public static GenerationOutcome of(Throwable failure) {
        return switch (failure) {
            case NotFoundException e -> NOT_AN_IMAGE;
            case ThumbnailFailedException e -> FAILED;
            case InsufficientStorageException e -> STORAGE;
            case CacheException e -> STORAGE;
            case BusyException e -> ABANDONED;
            default -> FAILED;
        };
    }

    /** The label metrics use, e.g. {@code not_an_image}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
