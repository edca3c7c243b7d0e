package org.estelle;

import java.util.Locale;

/** How a source's aspect ratio is reconciled with the requested box. */
public enum Mode {
    /** Fill the box, then cut away the least interesting part (libvips' attention strategy). */
    CROP,
    /** Fit inside the box, keeping the aspect ratio; one edge may come out shorter. */
    SHRINK,
    /** Exactly the box; the aspect ratio is ignored. */
    STRETCH;

    /** The name used in requests and in cache file names. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a request's {@code mode} parameter, case-insensitively. */
    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.token().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new InvalidRequestException(
                "mode \"" + text + "\" is invalid: expected crop, shrink or stretch");
    }
}
