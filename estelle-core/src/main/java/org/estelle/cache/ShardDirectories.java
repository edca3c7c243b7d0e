package org.estelle.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The cache directory as the evictor sees it: {@code ab/cd/} shard
 * directories of layout-named thumbnails, and nothing else.
 *
 * <p>Only names that match the layout are ever sampled, counted or deleted;
 * a foreign file or directory anywhere under the cache is left alone.
 * Temporary files found while sampling are removed once they are
 * {@linkplain TemporaryFiles leftovers}. A shard directory found empty is
 * removed once it has been unchanged for {@link #EMPTY_DIRECTORY_AGE}, so a
 * writer that has just created it is not pulled from under.
 *
 * <p>Removal renames the file away first, then checks once more that its
 * path was not handed out meanwhile (putting it back if it was); a hit
 * records the hand-out before it looks at the file. So a path is never
 * handed out and then deleted, short of the microseconds a put-back takes.
 *
 * <p>Not thread-safe: the evictor thread owns it.
 */
final class ShardDirectories implements EvictionSpace {

    static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    static final Duration EMPTY_DIRECTORY_AGE = Duration.ofMinutes(10);

    private static final System.Logger LOG = System.getLogger(ShardDirectories.class.getName());

    private final Path root;
    private final CacheUsage usage;
    private final RecentHandouts handouts;

    ShardDirectories(Path root, CacheUsage usage, RecentHandouts handouts) {
        this.root = root;
        this.usage = usage;
        this.handouts = handouts;
    }

    @Override
    public List<Candidate> sampleShard(RandomGenerator random) {
        List<Path> outer = shards(root);
        if (outer.isEmpty()) {
            return List.of();
        }
        Path outerDir = outer.get(random.nextInt(outer.size()));
        List<Path> inner = shards(outerDir);
        if (inner.isEmpty()) {
            removeIfEmptyAndOld(outerDir);
            return List.of();
        }
        Path shard = inner.get(random.nextInt(inner.size()));
        return thumbnails(shard);
    }

    @Override
    public long remove(Candidate candidate) {
        if (handouts.isProtected(candidate.name())) {
            return 0;
        }
        Path path = pathOf(candidate.name());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return 0; // gone already
        }
        if (!attributes.isRegularFile() || lastAccess(attributes) != candidate.lastAccess()) {
            return 0; // accessed since it was sampled
        }
        Path doomed = path.resolveSibling(TemporaryFiles.nameFor(candidate.name()));
        try {
            Files.move(path, doomed, StandardCopyOption.ATOMIC_MOVE);
            if (handouts.isProtected(candidate.name())) {
                Files.move(doomed, path, StandardCopyOption.ATOMIC_MOVE);
                return 0;
            }
            Files.delete(doomed);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot evict {0}: {1}", path, e.getMessage());
            return 0;
        }
        usage.removed(attributes.size());
        return attributes.size();
    }

    /** {@code root/ab/cd/<name>}: where a layout name lives. */
    Path pathOf(String fileName) {
        return root.resolve(fileName.substring(0, 2)).resolve(fileName.substring(2, 4)).resolve(fileName);
    }

    /** When a file was last read: its atime, or its mtime where atime lags (noatime mounts). */
    static long lastAccess(BasicFileAttributes attributes) {
        return Math.max(nanos(attributes.lastAccessTime().toInstant()), nanos(attributes.lastModifiedTime().toInstant()));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private List<Candidate> thumbnails(Path shard) {
        List<Candidate> found = new ArrayList<>();
        boolean empty = true;
        Instant now = Instant.now();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(shard)) {
            for (Path entry : entries) {
                empty = false;
                String name = entry.getFileName().toString();
                boolean thumbnail = ThumbnailId.FILE_NAME.matcher(name).matches();
                if (!thumbnail && !TemporaryFiles.isTemporary(name)) {
                    continue; // not ours
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // removed meanwhile
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                if (thumbnail && shardMatches(shard, name)) {
                    found.add(new Candidate(name, attributes.size(), lastAccess(attributes)));
                } else if (!thumbnail && TemporaryFiles.isLeftover(name, attributes, now)) {
                    deleteQuietly(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list {0}: {1}", shard, e.getMessage());
            return List.of();
        }
        if (empty) {
            removeIfEmptyAndOld(shard);
        }
        return found;
    }

    /** A thumbnail in the wrong shard is not where its name says; leave it alone. */
    private static boolean shardMatches(Path shard, String name) {
        return shard.getFileName().toString().equals(name.substring(2, 4))
                && shard.getParent().getFileName().toString().equals(name.substring(0, 2));
    }

    private static List<Path> shards(Path dir) {
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (SHARD.matcher(entry.getFileName().toString()).matches()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    shards.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return shards;
    }

    private static void removeIfEmptyAndOld(Path dir) {
        try {
            Instant changed = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (changed.isBefore(Instant.now().minus(EMPTY_DIRECTORY_AGE))) {
                Files.delete(dir); // fails, harmlessly, if a writer has just put something in
            }
        } catch (IOException e) {
            // not empty after all, or gone
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove leftover {0}: {1}", file, e.getMessage());
        }
    }
}
