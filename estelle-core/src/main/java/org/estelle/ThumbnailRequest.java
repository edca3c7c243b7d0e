package org.estelle;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a client asks for: a thumbnail of {@code source} fitted to {@code size}
 * by {@code mode}, encoded as {@code format}. The source is absolute and
 * lexically normalised ({@code /a/./b/../c} is {@code /a/c}); that normalised
 * path is the one the cache identity is computed from.
 */
public record ThumbnailRequest(Path source, ThumbnailSize size, Mode mode, Format format) {

    public ThumbnailRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(format, "format");
        if (!source.isAbsolute()) {
            throw new InvalidRequestException("source \"" + source + "\" is not an absolute path");
        }
        source = source.normalize();
    }

    /** A request with the defaults: 85x85, crop, webp. */
    public static ThumbnailRequest of(Path source) {
        return new ThumbnailRequest(source, ThumbnailSize.DEFAULT, Mode.CROP, Format.WEBP);
    }

    /**
     * Parses a request's parameters as a client sent them. A {@code null}
     * parameter is absent and takes its default; a present one must be valid.
     *
     * @param maxEdge the largest thumbnail edge a request may ask for
     * @throws InvalidRequestException naming the first parameter that is wrong
     */
    public static ThumbnailRequest parse(String source, String size, String mode, String format, int maxEdge) {
        return new ThumbnailRequest(
                parseSource(source),
                size == null ? ThumbnailSize.DEFAULT : ThumbnailSize.parse(size, maxEdge),
                mode == null ? Mode.CROP : Mode.parse(mode),
                format == null ? Format.WEBP : Format.parse(format));
    }

    private static Path parseSource(String source) {
        if (source == null || source.isEmpty()) {
            throw new InvalidRequestException("source is missing: give the absolute path of an image");
        }
        if (!source.startsWith("/")) {
            throw new InvalidRequestException("source \"" + source + "\" is not an absolute path");
        }
        try {
            return Path.of(source);
        } catch (InvalidPathException e) {
            // NUL bytes, or characters the file system's encoding cannot hold.
            throw new InvalidRequestException("source is not a valid path: " + e.getReason());
        }
    }
}
