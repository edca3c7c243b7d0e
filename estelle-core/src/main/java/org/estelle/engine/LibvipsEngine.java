package org.estelle.engine;

import org.estelle.CacheException;
import org.estelle.InsufficientStorageException;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.vips.Dimensions;
import org.estelle.vips.Libvips;
import org.estelle.vips.OpenSource;
import org.estelle.vips.VipsException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Runs libvips' thumbnail operation inside this process, through the JDK's
 * foreign function API: the same operation and options as
 * {@link VipsCommandEngine} (strict decoding, EXIF orientation applied,
 * metadata stripped, only well-fuzzed loaders), without a child process per
 * thumbnail. WebP thumbnails come out without metadata here, which libvips
 * 8.14's WebP saver would keep ({@code org.estelle.vips.WebpMetadata}).
 *
 * <p>What a child process gave for free is done here explicitly: libvips'
 * process-wide error buffer is attributed per operation (see
 * {@code org.estelle.vips.ErrorAttribution}), and an image whose header
 * declares more than {@code maxPixels} pixels is refused before any pixel is
 * decoded, since a decompression bomb would now exhaust the daemon's own
 * memory rather than a child's. Unlike the command engine there is no per-
 * thumbnail timeout: a libvips operation cannot be stopped from outside, and
 * the pixel limit bounds its work instead.
 *
 * <p>Thread-safe; any number of workers may render at once.
 */
public final class LibvipsEngine implements ThumbnailEngine {

    private static final String NO_SPACE = "No space left on device";

    private final Libvips vips;
    private final long maxPixels;

    /**
     * Loads libvips (once per process) and sets it up for thumbnails.
     *
     * @param maxPixels the largest width × height a source may declare, e.g. 100 000 000
     * @throws IllegalArgumentException if {@code maxPixels} is not positive
     * @throws IllegalStateException if libvips 8.14 or newer cannot be loaded, naming why
     */
    public LibvipsEngine(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, not " + maxPixels);
        }
        this.vips = Libvips.load();
        this.maxPixels = maxPixels;
    }

    @Override
    public String name() {
        return "libvips";
    }

    /** The loaded library's version, e.g. {@code libvips 8.14.1}; it is loaded already, so this cannot fail. */
    @Override
    public String version() {
        return vips.version();
    }

    /** The largest width × height a source may declare. */
    public long maxPixels() {
        return maxPixels;
    }

    @Override
    public void render(ThumbnailRequest request, Path source, Path target) {
        try (OpenSource open = open(request, source)) {
            if (!vips.isImage(open)) {
                throw NotFoundException.notAnImage("source " + request.source() + " is not a recognised image");
            }
            Dimensions dimensions = vips.dimensions(open);
            if (dimensions.pixels() > maxPixels) {
                throw ThumbnailFailedException.verdict("source " + request.source() + " is " + dimensions
                        + " = " + dimensions.pixels() + " pixels, more than the limit of " + maxPixels
                        + " (ESTELLE_MAX_PIXELS)");
            }
            vips.thumbnail(open, target, request.size(), request.mode());
        } catch (VipsException e) {
            String message = e.getMessage().replace(source.toString(), request.source().toString());
            if (message.contains(NO_SPACE)) {
                throw noSpace(request, e);
            }
            throw ThumbnailFailedException.verdict("cannot thumbnail " + request.source() + ": " + message);
        } catch (IOException e) {
            // Rewriting a WebP thumbnail without its metadata failed.
            if (e instanceof FileSystemException f && NO_SPACE.equals(f.getReason())) {
                throw noSpace(request, e);
            }
            throw new CacheException("cannot write the thumbnail " + target + ": " + e.getMessage(), e);
        }
    }

    // The source was checked by the caller, but may have gone or changed since.
    private OpenSource open(ThumbnailRequest request, Path source) {
        try {
            return vips.open(source);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("source " + request.source() + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new NotFoundException("source " + request.source() + " cannot be read: permission denied", e);
        } catch (FileSystemException e) {
            throw new NotFoundException("source " + request.source() + " " + e.getReason(), e);
        }
    }

    private static InsufficientStorageException noSpace(ThumbnailRequest request, Exception cause) {
        return new InsufficientStorageException("cannot write the thumbnail of " + request.source()
                + ": no space left on the cache's disk", cause);
    }
}
