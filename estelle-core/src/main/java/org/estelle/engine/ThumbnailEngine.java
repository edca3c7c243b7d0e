package org.estelle.engine;

import org.estelle.ThumbnailRequest;

import java.nio.file.Path;

/**
 * Something that turns a source image into a thumbnail file: libvips' thumbnail
 * operation, run one way or another. Implementations are thread-safe; the
 * scheduler calls {@link #render} from several workers at once.
 */
public interface ThumbnailEngine {

    /** The name the start log and {@code ESTELLE_ENGINE} use, e.g. {@code vipsthumbnail}. */
    String name();

    /**
     * The libvips version behind it, e.g. {@code libvips 8.14.1} or {@code vips-8.14.1}; asking is
     * also the check that the engine works at all.
     *
     * @throws IllegalStateException if the engine cannot run, saying why
     */
    String version();

    /**
     * Writes the thumbnail that {@code request} describes to {@code target},
     * in {@code request.format()}, with metadata stripped and strict decoding.
     *
     * @param source the regular file to read (the request's source, resolved)
     * @param target where to write; its name ends with the format's extension
     * @throws org.estelle.NotFoundException if the source is not a recognised image
     * @throws org.estelle.ThumbnailFailedException if it is one but cannot be thumbnailed
     * @throws org.estelle.InsufficientStorageException if the target's disk is full
     */
    void render(ThumbnailRequest request, Path source, Path target);
}
