package org.estelle.cache;

import org.estelle.CacheException;
import org.estelle.InsufficientStorageException;
import org.estelle.ThumbnailFailedException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

/**
 * The thumbnail files under one cache directory, kept within a size limit.
 *
 * <h2>On-disk contract</h2>
 * <ul>
 * <li>A thumbnail lives at {@code DIR/ab/cd/<id>-<W>x<H>-<mode>.<ext>} (see
 *     {@link ThumbnailId}); this is the Go daemon's layout, so a cache it
 *     wrote is served as is, and one we write is readable by it.</li>
 * <li>A file appears under its layout name complete or not at all: it is
 *     written to a {@linkplain TemporaryFiles temporary name} in the same
 *     directory, then renamed. A reader never sees a partial thumbnail, even
 *     after {@code kill -9}; leftovers are removed at the next start.</li>
 * <li>On a hit, a file whose access time is more than a day old has it set
 *     to now ("lazy touch"), so least-recently-used order holds whatever the
 *     mount's atime policy, at the cost of at most one write a day per file.</li>
 * <li>Only files that match the layout belong to the cache; anything else in
 *     the directory is never counted, moved or deleted.</li>
 * </ul>
 *
 * <h2>Size</h2>
 * The bytes in use are counted in memory ({@link CacheUsage}); one
 * {@link Evictor} thread keeps them between the limits' watermarks by
 * sampled LRU. A path handed out in the last {@link #PROTECTION} is never
 * evicted: a client is about to open it. (The evictor moves a file away,
 * checks the hand-outs again and puts it back if it was handed out
 * meanwhile; what is left is a hit handing out a path in the instant between
 * its stat and its record, while that very file is being removed as the
 * least recently used: a window of nanoseconds on a file nobody had asked for
 * in a long time.)
 *
 * <p>Thread-safe. Lookups and stores hold no lock; the file system
 * arbitrates, and two writers of one thumbnail each rename a complete file
 * into place.
 */
public final class ThumbnailCache implements AutoCloseable {

    /** Writes a thumbnail to the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary);
    }

    static final Duration PROTECTION = Duration.ofSeconds(60);
    private static final Duration TOUCH_AFTER = Duration.ofDays(1);
    /**
     * Below this much free space, a failed write is blamed on a full disk,
     * whatever the engine said (engines that say so throw
     * {@link InsufficientStorageException} themselves).
     */
    private static final long NEARLY_FULL_BYTES = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(ThumbnailCache.class.getName());

    private final Path root;
    private final CacheUsage usage = new CacheUsage();
    private final RecentHandouts handouts = new RecentHandouts(PROTECTION);
    private final CacheLimits limits;
    private final Evictor evictor;

    /**
     * Opens the cache rooted at {@code root} (an existing absolute directory)
     * and starts its evictor, which first scans the directory in the background.
     */
    public ThumbnailCache(Path root, CacheLimits limits) {
        if (!root.isAbsolute() || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("cache directory must be an existing absolute directory: " + root);
        }
        this.root = root.normalize();
        this.limits = limits;
        this.evictor = new Evictor(this.root, usage, limits, handouts);
        evictor.start();
    }

    public Path root() {
        return root;
    }

    public CacheLimits limits() {
        return limits;
    }

    /** The bytes the thumbnails take, as far as known (the start scan may still run). */
    public long bytesInUse() {
        return usage.bytes();
    }

    /** How many thumbnails the evictor has removed. */
    public long evictions() {
        return evictor.evictions();
    }

    /** Where {@code id} lives, whether or not it exists. */
    public Path pathOf(ThumbnailId id) {
        return root.resolve(id.relativePath());
    }

    /**
     * The thumbnail's path if it is in the cache; a hit is handed out, so it
     * is protected from eviction, and touched lazily.
     */
    public Optional<Path> lookup(ThumbnailId id) {
        Path path = pathOf(id);
        BasicFileAttributes attributes;
        try {
            // Null when absent: a miss costs no exception.
            attributes = path.getFileSystem().provider()
                    .readAttributesIfExists(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new CacheException("cannot read the cache at " + path + ": " + e.getMessage(), e);
        }
        if (attributes == null) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty(); // something foreign sits at the name: regenerate over it
        }
        handedOut(id);
        touchIfOld(path, attributes.lastAccessTime());
        return Optional.of(path);
    }

    /**
     * Records that {@code id}'s path goes to a client now, so the evictor
     * leaves the file alone for at least {@link #PROTECTION}.
     */
    public void handedOut(ThumbnailId id) {
        handouts.record(id.fileName());
    }

    /**
     * Makes {@code id} with {@code writer} and moves it into place atomically.
     * Whatever happens, no temporary file is left behind.
     *
     * @return the thumbnail's path
     * @throws InsufficientStorageException if the disk is full (eviction is started)
     * @throws CacheException if the cache cannot be written otherwise
     */
    public Path store(ThumbnailId id, Writer writer) {
        Path target = pathOf(id);
        Path temporary = target.resolveSibling(TemporaryFiles.nameFor(id.fileName()));
        try {
            Files.createDirectories(target.getParent());
            // Created now, not when the engine gets round to writing: an empty shard
            // directory may be removed by the evictor, a non-empty one never.
            Files.createFile(temporary);
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary, LinkOption.NOFOLLOW_LINKS) || Files.size(temporary) == 0) {
                throw new CacheException("the engine reported success but wrote no thumbnail for " + id.fileName());
            }
            long size = Files.size(temporary);
            long replaced = sizeIfPresent(target);
            usage.writing(id.fileName());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            usage.added(size - replaced);
            if (usage.bytes() > limits.highWatermark()) {
                evictor.wakeUp();
            }
            return target;
        } catch (InsufficientStorageException e) {
            evictor.diskFull();
            throw e;
        } catch (ThumbnailFailedException e) {
            if (diskFull(target)) {
                throw insufficientStorage(e);
            }
            if (!Files.isWritable(target.getParent())) {
                throw notWritable(target, e); // the engine could not write: the cache's fault, not the image's
            }
            throw e;
        } catch (AccessDeniedException e) {
            throw new CacheException("cannot write to the cache: permission denied at " + e.getFile(), e);
        } catch (IOException e) {
            if (diskFull(target) || e instanceof FileSystemException fse && "No space left on device".equals(fse.getReason())) {
                throw insufficientStorage(e);
            }
            if (Files.isDirectory(target.getParent()) && !Files.isWritable(target.getParent())) {
                throw notWritable(target, e);
            }
            throw new CacheException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Stops the evictor. */
    @Override
    public void close() {
        evictor.close();
    }

    private static CacheException notWritable(Path target, Exception cause) {
        return new CacheException("cannot write to the cache directory " + target.getParent()
                + ": it is not writable (read-only file system or permissions)", cause);
    }

    private InsufficientStorageException insufficientStorage(Exception cause) {
        evictor.diskFull();
        return new InsufficientStorageException("the cache's disk is full; thumbnails are being evicted, try again later", cause);
    }

    // A failed write on a nearly full disk failed for lack of space, whatever the engine said.
    private boolean diskFull(Path target) {
        try {
            Path existing = Files.isDirectory(target.getParent()) ? target.getParent() : root;
            return Files.getFileStore(existing).getUsableSpace() < NEARLY_FULL_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeIfPresent(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void touchIfOld(Path path, FileTime lastAccess) {
        long now = System.currentTimeMillis();
        if (lastAccess.toMillis() > now - TOUCH_AFTER.toMillis()) {
            return;
        }
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(null, FileTime.fromMillis(now), null);
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
}
