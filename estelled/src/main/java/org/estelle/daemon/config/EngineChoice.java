package org.estelle.daemon.config;

import java.util.Locale;

/** Which engine makes thumbnails ({@code ESTELLE_ENGINE}). */
public enum EngineChoice {
    /** libvips in-process when the shared library loads, else the child process. */
    AUTO,
    /** libvips in-process, through the JDK's foreign function API. */
    LIBVIPS,
    /** A {@code vips} child process per thumbnail, as the Go daemon does. */
    VIPSTHUMBNAIL;

    static EngineChoice parse(String text) {
        for (EngineChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(text.strip())) {
                return choice;
            }
        }
        throw ConfigException.invalid(Variable.ESTELLE_ENGINE, text, "auto, libvips or vipsthumbnail");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
