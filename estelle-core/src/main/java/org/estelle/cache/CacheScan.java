package org.estelle.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * The walk over the cache directory at start: adds up the bytes of the
 * layout-named thumbnails (but for those written meanwhile, which count
 * themselves, see {@link CacheUsage}) and removes the
 * {@linkplain TemporaryFiles leftovers} of interrupted writes. It looks only
 * into {@code ab/cd/} shard directories and touches nothing else.
 */
final class CacheScan {

    private static final System.Logger LOG = System.getLogger(CacheScan.class.getName());

    private final Path root;
    private final CacheUsage usage;
    private final Instant startedAt = Instant.now();
    private long bytes;
    private long files;
    private long leftovers;

    private CacheScan(Path root, CacheUsage usage) {
        this.root = root;
        this.usage = usage;
    }

    /**
     * Walks {@code root}; returns the bytes its thumbnails take, but for those
     * written meanwhile, which count themselves (see {@link CacheUsage}).
     */
    static long run(Path root, CacheUsage usage) {
        CacheScan scan = new CacheScan(root, usage);
        for (Path outer : directories(root)) {
            for (Path shard : directories(outer)) {
                scan.shard(shard);
            }
        }
        LOG.log(System.Logger.Level.INFO, "cache scan: {0} thumbnails, {1} bytes; {2} leftover temporary files removed",
                scan.files, scan.bytes, scan.leftovers);
        return scan.bytes;
    }

    private void shard(Path shard) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(shard)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean thumbnail = ThumbnailId.FILE_NAME.matcher(name).matches();
                if (!thumbnail && !TemporaryFiles.isTemporary(name)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                if (thumbnail) {
                    if (!usage.countedByWriter(name)) {
                        bytes += attributes.size();
                        files++;
                    }
                } else if (TemporaryFiles.isLeftover(name, attributes, startedAt)) {
                    try {
                        Files.deleteIfExists(entry);
                        leftovers++;
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot remove leftover {0}: {1}", entry, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot scan {0}: {1}", shard, e.getMessage());
        }
    }

    private static Iterable<Path> directories(Path dir) {
        java.util.List<Path> found = new java.util.ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (ShardDirectories.SHARD.matcher(entry.getFileName().toString()).matches()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot scan {0}: {1}", dir, e.getMessage());
        }
        return found;
    }
}
