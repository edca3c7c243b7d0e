package org.estelle.cache;

import org.estelle.CacheException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The thumbnail files under one cache directory.
 *
 * <h2>On-disk contract</h2>
 * <ul>
 * <li>A thumbnail lives at {@code DIR/ab/cd/<id>-<W>x<H>-<mode>.<ext>} (see
 *     {@link ThumbnailId}); this is the Go daemon's layout, so a cache it
 *     wrote is served as is, and one we write is readable by it.</li>
 * <li>A file appears under its layout name complete or not at all: it is
 *     written to {@code .tmp-<random>-<name>} in the same directory, then
 *     renamed. A reader never sees a partial thumbnail, even after
 *     {@code kill -9}; leftovers are recognisable by their {@code .tmp-}
 *     prefix and never match the layout.</li>
 * <li>On a hit, a file whose access time is more than a day old has it set
 *     to now ("lazy touch"), so least-recently-used order holds whatever the
 *     mount's atime policy, at the cost of at most one write a day per file.</li>
 * <li>Only files that match the layout belong to the cache; anything else in
 *     the directory is left alone.</li>
 * </ul>
 *
 * <p>Thread-safe: it holds no mutable state; the file system arbitrates, and
 * two writers of the same thumbnail each rename a complete file into place.
 */
public final class ThumbnailCache {

    /** Writes a thumbnail to the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary);
    }

    /** A prefix that no layout name has: marks files being written. */
    public static final String TEMPORARY_PREFIX = ".tmp-";

    private static final Duration TOUCH_AFTER = Duration.ofDays(1);
    private static final System.Logger LOG = System.getLogger(ThumbnailCache.class.getName());

    private final Path root;

    /** A cache rooted at {@code root}, which must be an existing, absolute directory. */
    public ThumbnailCache(Path root) {
        if (!root.isAbsolute() || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("cache directory must be an existing absolute directory: " + root);
        }
        this.root = root.normalize();
    }

    public Path root() {
        return root;
    }

    /** Where {@code id} lives, whether or not it exists. */
    public Path pathOf(ThumbnailId id) {
        return root.resolve(id.relativePath());
    }

    /** The thumbnail's path if it is in the cache; touches it lazily. */
    public Optional<Path> lookup(ThumbnailId id) {
        Path path = pathOf(id);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CacheException("cannot read the cache at " + path + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty(); // something foreign sits at the name: regenerate over it
        }
        touchIfOld(path, attributes.lastAccessTime());
        return Optional.of(path);
    }

    /**
     * Makes {@code id} with {@code writer} and moves it into place atomically.
     * Whatever happens, no temporary file is left behind.
     *
     * @return the thumbnail's path
     */
    public Path store(ThumbnailId id, Writer writer) {
        Path target = pathOf(id);
        Path temporary = target.resolveSibling(TEMPORARY_PREFIX + randomHex() + '-' + id.fileName());
        try {
            Files.createDirectories(target.getParent());
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary, LinkOption.NOFOLLOW_LINKS) || Files.size(temporary) == 0) {
                throw new CacheException("the engine reported success but wrote no thumbnail for " + id.fileName());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (AccessDeniedException e) {
            throw new CacheException("cannot write to the cache: permission denied at " + e.getFile(), e);
        } catch (IOException e) {
            throw new CacheException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void touchIfOld(Path path, FileTime lastAccess) {
        Instant now = Instant.now();
        if (lastAccess.toInstant().isAfter(now.minus(TOUCH_AFTER))) {
            return;
        }
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(null, FileTime.from(now), null);
        } catch (IOException e) {
            // A read-only cache still serves hits; eviction order just gets coarser.
            LOG.log(System.Logger.Level.DEBUG, "cannot touch {0}: {1}", path, e.getMessage());
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove temporary file {0}: {1}", temporary, e.getMessage());
        }
    }

    private static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
