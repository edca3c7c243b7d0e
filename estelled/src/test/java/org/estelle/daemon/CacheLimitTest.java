package org.estelle.daemon;

import org.estelle.cache.ThumbnailId;
import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4's size bound, through the real daemon making real thumbnails. */
class CacheLimitTest {

    private static final long LIMIT = 2L << 20;

    @TempDir
    Path tmp;

    @Test
    void cacheFilledWellPastItsLimitEndsBelowTheLowWatermarkAndKeepsWhatIsNotItsOwn() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path photo = TestImages.jpeg(photos.resolve("a.jpg"), 1600, 1200);
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path foreignFile = Files.writeString(Files.createDirectories(cache.resolve("00/00")).resolve("keep-me.txt"), "mine");
        Path foreignDir = Files.createDirectories(cache.resolve("albums/2024"));

        try (TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_CACHE_LIMIT", "2MB",
                "ESTELLE_GC_HIGH_RATIO", "0.9", "ESTELLE_GC_LOW_RATIO", "0.6", "ESTELLE_WORKERS", "2")) {
            List<Path> served = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                // Mostly background work (nobody is handed those paths), and now and then a client waits.
                if (i % 20 == 10) {
                    Reply reply = estelled.get(photo, "size=" + (100 + i) + "&format=png");
                    assertThat(reply.status()).isEqualTo(200);
                    Path path = Path.of(reply.body());
                    assertThat(path).as("a path handed out must exist").exists();
                    served.add(path);
                } else {
                    assertThat(estelled.queue(photo, "size=" + (300 + i) + "&format=png").status()).isEqualTo(202);
                }
            }
            awaitIdle(estelled);
            long generated = estelled.daemon.estelle().stats().generations();
            assertThat(generated).isEqualTo(80);
            awaitAtMost(cache, (long) (LIMIT * 0.9)); // 80 thumbnails took well over the limit: eviction has run

            // Eviction stops below the low watermark; later writes refill up to the high one.
            // Keep writing until a pass has just ended, then usage is below the low watermark.
            long low = (long) (LIMIT * 0.6);
            for (int extra = 0; estelled.daemon.estelle().stats().cacheBytes() > low; extra++) {
                assertThat(extra).as("an eviction pass should have run by now").isLessThan(60);
                assertThat(estelled.queue(photo, "size=" + (500 + extra) + "&format=png").status()).isEqualTo(202);
                awaitIdle(estelled);
                Thread.sleep(200); // the evictor runs on its own thread
            }
            awaitAtMost(cache, low); // what is on disk agrees with the count
            assertThat(foreignFile).hasContent("mine");
            assertThat(foreignDir).isDirectory();
            assertThat(served).allSatisfy(path -> assertThat(path).exists());
        }
    }

    private static void awaitIdle(TestDaemon estelled) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (estelled.daemon.estelle().stats().queued() > 0 || estelled.daemon.estelle().stats().running() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thumbnails still being made after 120 s");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitAtMost(Path cache, long bytes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (thumbnailBytes(cache) > bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thumbnailBytes(cache) + " bytes of thumbnails on disk, more than " + bytes);
            }
            Thread.sleep(20);
        }
    }

    static long thumbnailBytes(Path cache) throws Exception {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> ThumbnailId.FILE_NAME.matcher(p.getFileName().toString()).matches())
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
