package org.estelle;

import java.util.Locale;

/** The image format of a thumbnail; its token is also the file extension. */
public enum Format {
    JPG,
    PNG,
    WEBP;

    /** The name used in cache file names: {@code jpg}, {@code png} or {@code webp}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a request's {@code format} parameter, case-insensitively; {@code jpeg} means jpg. */
    public static Format parse(String text) {
        if ("jpeg".equalsIgnoreCase(text)) {
            return JPG;
        }
        for (Format format : values()) {
            if (format.extension().equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new InvalidRequestException(
                "format \"" + text + "\" is invalid: expected jpg (or jpeg), png or webp");
    }
}
