package org.estelle.daemon.http;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §5 through the real daemon: single flight, the bounded queue, priorities. */
class SchedulingTest {

    @TempDir
    static Path tmp;
    static Path photos;
    static Path big;

    @BeforeAll
    static void makeImages() throws Exception {
        photos = Files.createDirectories(tmp.resolve("photos"));
        big = TestImages.jpeg(photos.resolve("big.jpg"), 3264, 2448);
    }

    @Test
    void twentyConcurrentGetsForOneNewThumbnailMakeItOnce(@TempDir Path cache) throws Exception {
        try (TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_WORKERS", "2")) {
            List<Reply> replies = concurrently(20, i -> estelled.get(big, "size=321x123"));

            assertThat(replies).extracting(Reply::status).containsOnly(200);
            assertThat(replies).extracting(Reply::body).containsOnly(replies.getFirst().body());
            assertThat(estelled.daemon.estelle().stats().generations()).isEqualTo(1);
        }
    }

    @Test
    void fullQueueAnswers503WithRetryAfterAndNothingElseFails(@TempDir Path cache) throws Exception {
        try (TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_WORKERS", "1", "ESTELLE_QUEUE_SIZE", "1")) {
            List<Reply> replies = concurrently(12, i -> estelled.queue(big, "size=" + (200 + i)));

            assertThat(replies).extracting(Reply::status).containsOnly(202, 503).contains(202, 503);
            long accepted = replies.stream().filter(r -> r.status() == 202).count();
            awaitGenerations(estelled, accepted); // what was accepted is made
            for (Reply reply : replies) {
                if (reply.status() == 503) {
                    assertThat(reply.header("Retry-After")).isNotBlank();
                    assertThat(reply.body()).contains("queue is full");
                }
            }
        }
    }

    @Test
    void waitingGetIsServedBeforeQueuedBackgroundWork(@TempDir Path cache) throws Exception {
        try (TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_WORKERS", "1")) {
            for (int i = 0; i < 6; i++) {
                Reply reply = estelled.queue(big, "size=" + (300 + i) + "&format=png");
                assertThat(reply.status()).isEqualTo(202);
            }

            Reply get = estelled.get(big, "size=99");
            assertThat(get.status()).isEqualTo(200);

            // The worker was busy with the first background task when the /get came;
            // at most one more could have been taken before the /get arrived.
            try (var files = Files.walk(cache)) {
                long done = files.filter(p -> p.getFileName().toString().endsWith(".png")).count();
                assertThat(done).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void getMovesTheSameThumbnailsQueuedTaskAhead(@TempDir Path cache) throws Exception {
        try (TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_WORKERS", "1")) {
            for (int i = 0; i < 6; i++) {
                assertThat(estelled.queue(big, "size=" + (400 + i) + "&format=png").status()).isEqualTo(202);
            }
            assertThat(estelled.queue(big, "size=88&format=webp").status()).isEqualTo(202); // last in line

            Reply get = estelled.get(big, "size=88&format=webp");

            assertThat(get.status()).isEqualTo(200);
            try (var files = Files.walk(cache)) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".png")).count()).isLessThanOrEqualTo(2);
            }
            assertThat(estelled.daemon.estelle().stats().generations()).isLessThanOrEqualTo(3);
        }
    }

    private static void awaitGenerations(TestDaemon estelled, long n) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (estelled.daemon.estelle().stats().generations() < n || estelled.daemon.estelle().stats().running() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("accepted work was not done: " + estelled.daemon.estelle().stats());
            }
            Thread.sleep(20);
        }
        assertThat(estelled.daemon.estelle().stats().failures()).isZero();
    }

    private static <T> List<T> concurrently(int n, IntTask<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    interface IntTask<T> {
        T run(int index) throws Exception;
    }
}
