package org.estelle.cache;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache keeping itself within its limit, on a real directory, with files written through {@link ThumbnailCache#store}. */
class EvictionTest {

    private static final int FILE_SIZE = 10_000;

    @TempDir
    Path root;
    ThumbnailCache cache;

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private static ThumbnailId id(int n) {
        return ThumbnailId.of(new Fingerprint("/photos/" + n + ".jpg", n, 0, 0), new ThumbnailSize(100, 100), Mode.CROP, Format.WEBP);
    }

    private Path store(int n) {
        return cache.store(id(n), temporary -> {
            try {
                Files.write(temporary, new byte[FILE_SIZE]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void writesPastTheHighWatermarkAreEvictedBelowTheLowOne() throws Exception {
        CacheLimits limits = new CacheLimits(500_000, 0.9, 0.5);
        Path foreignFile = Files.writeString(Files.createDirectories(root.resolve("ab/cd")).resolve("notes.txt"), "mine");
        Path foreignDir = Files.createDirectories(root.resolve("photos-backup"));
        Path foreignThumbnailLookalike = Files.write(root.resolve("0123456789012345678901234567890123456789-1x1-crop.jpg"), new byte[FILE_SIZE]);
        cache = new ThumbnailCache(root, limits);

        List<Path> paths = new ArrayList<>();
        for (int n = 0; n < 100; n++) { // 1 MB into a 500 kB cache
            Path path = store(n);
            age(path, Duration.ofHours(100 - n)); // older first, as if written over days
            paths.add(path);
        }

        awaitUsageAtMost(limits.lowWatermark());
        long onDisk = thumbnailBytesOnDisk();
        assertThat(onDisk).isEqualTo(cache.bytesInUse()).isLessThanOrEqualTo(limits.lowWatermark());
        assertThat(foreignFile).hasContent("mine");
        assertThat(foreignDir).isDirectory();
        assertThat(foreignThumbnailLookalike).exists();
    }

    @Test
    void recentlyHandedOutThumbnailsSurviveEvictionEvenWhenLeastRecentlyUsed() throws Exception {
        CacheLimits limits = new CacheLimits(300_000, 0.9, 0.3);
        cache = new ThumbnailCache(root, limits);
        List<Path> paths = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            if (n < 2) {
                cache.handedOut(id(n)); // to be the oldest of all, but handed out just now
            }
            Path path = store(n);
            age(path, Duration.ofHours(100 - n));
            paths.add(path);
        }

        awaitUsageAtMost(limits.lowWatermark());

        assertThat(paths.get(0)).exists();
        assertThat(paths.get(1)).exists();
        assertThat(paths.stream().filter(Files::exists).count()).isLessThanOrEqualTo(9);
    }

    @Test
    void whenEverythingIsProtectedTheCacheStaysOverItsLimitRatherThanBreakAPromise() throws Exception {
        CacheLimits limits = new CacheLimits(100_000, 0.9, 0.5);
        cache = new ThumbnailCache(root, limits);
        for (int n = 0; n < 20; n++) {
            cache.handedOut(id(n)); // as a waiting request does, before its thumbnail is made
            store(n);
        }
        Thread.sleep(500); // the evictor is woken and finds nothing it may remove
        for (int n = 0; n < 20; n++) {
            assertThat(cache.pathOf(id(n))).exists();
        }
    }

    @Test
    void startScanCountsExistingThumbnailsAndRemovesLeftovers() throws Exception {
        Path shard = Files.createDirectories(root.resolve(id(1).relativePath()).getParent());
        Files.write(root.resolve(id(1).relativePath()), new byte[1234]);
        Files.createDirectories(root.resolve(id(2).relativePath()).getParent());
        Files.write(root.resolve(id(2).relativePath()), new byte[766]);
        Path deadWriter = Files.write(shard.resolve(".tmp-999999999-0123456789abcdef-" + id(3).fileName()), new byte[50]);
        Path liveWriter = Files.write(shard.resolve(TemporaryFiles.nameFor(id(4).fileName())), new byte[50]);
        Path oldForeign = Files.write(shard.resolve("README"), new byte[50]);
        age(oldForeign, Duration.ofDays(30));

        cache = new ThumbnailCache(root, CacheLimits.DEFAULT);

        awaitUsageAtLeast(2000);
        assertThat(cache.bytesInUse()).isEqualTo(2000);
        assertThat(deadWriter).doesNotExist();
        assertThat(liveWriter).exists(); // this process is alive: a write in progress
        assertThat(oldForeign).exists();
    }

    @Test
    void usageCountsWritesAndReplacementsOnce() throws Exception {
        cache = new ThumbnailCache(root, CacheLimits.DEFAULT);
        store(1);
        store(2);
        store(1); // rewritten in place: replaces, does not add
        awaitUsageAtLeast(2L * FILE_SIZE);
        Thread.sleep(100); // let the start scan finish; it must not count these again
        assertThat(cache.bytesInUse()).isEqualTo(2L * FILE_SIZE);
    }

    private void age(Path path, Duration age) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(age));
        Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class).setTimes(then, then, null);
    }

    private long thumbnailBytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> ThumbnailId.FILE_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> p.getParent().getParent().getParent().equals(root))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void awaitUsageAtMost(long bytes) throws InterruptedException {
        await(() -> cache.bytesInUse() <= bytes, "usage " + cache.bytesInUse() + " at most " + bytes);
    }

    private void awaitUsageAtLeast(long bytes) throws InterruptedException {
        await(() -> cache.bytesInUse() >= bytes, "usage at least " + bytes);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
