package org.estelle.engine;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * libvips has one error buffer per process; workers that fail at the same
 * moment must each be told about their own file, and a worker that succeeds
 * meanwhile must not be disturbed.
 */
class LibvipsEngineConcurrencyTest {

    private static final int ROUNDS = 60;

    private final LibvipsEngine engine = new LibvipsEngine(100_000_000);

    @Test
    void simultaneousFailuresEachReportTheirOwnError(@TempDir Path dir) throws Exception {
        Path jpeg = TestImages.truncatedJpeg(dir.resolve("broken.jpg"), 640, 480);
        Path png = TestImages.truncatedPng(dir.resolve("broken.png"), 640, 480);
        Path good = TestImages.jpeg(dir.resolve("good.jpg"), 640, 480);
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService workers = Executors.newFixedThreadPool(3); // platform threads, as the scheduler's
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path out = Files.createDirectory(dir.resolve("round-" + round));
                Future<String> jpegError = workers.submit(() -> failure(start, jpeg, out.resolve("a.webp")));
                Future<String> pngError = workers.submit(() -> failure(start, png, out.resolve("b.webp")));
                Future<ImageInfo> success = workers.submit(() -> {
                    start.await();
                    Path target = out.resolve("c.jpg");
                    engine.render(new ThumbnailRequest(good, new ThumbnailSize(64, 64), Mode.CROP, Format.JPG),
                            good, target);
                    return ImageInfo.read(target);
                });

                assertThat(jpegError.get()).as("round %d", round)
                        .startsWith("cannot thumbnail " + jpeg + ": ")
                        .contains("VipsJpeg").doesNotContainIgnoringCase("png");
                assertThat(pngError.get()).as("round %d", round)
                        .startsWith("cannot thumbnail " + png + ": ")
                        .contains("png").doesNotContain("Jpeg");
                assertThat(success.get()).as("round %d", round).isEqualTo(new ImageInfo("jpg", 64, 64));
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private String failure(CyclicBarrier start, Path source, Path target) throws Exception {
        start.await();
        ThumbnailFailedException e = catchThrowableOfType(ThumbnailFailedException.class,
                () -> engine.render(ThumbnailRequest.of(source), source, target));
        assertThat(e).as("%s must fail", source).isNotNull();
        return e.getMessage();
    }

    @Test
    void failuresAndSuccessesInterleaveWithoutDeadlock(@TempDir Path dir) throws Exception {
        Path broken = TestImages.truncatedJpeg(dir.resolve("broken.jpg"), 320, 240);
        Path good = TestImages.png(dir.resolve("good.png"), 320, 240);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Path source = i % 3 == 0 ? broken : good;
                Path target = dir.resolve("t" + i + ".webp");
                results.add(workers.submit(() -> {
                    try {
                        engine.render(ThumbnailRequest.of(source), source, target);
                        return true;
                    } catch (ThumbnailFailedException e) {
                        assertThat(e).hasMessageContaining("VipsJpeg");
                        return false;
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).as("task %d", i).isEqualTo(i % 3 != 0);
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
