package org.estelle;

import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library used as an application would embed it, with the real vips engine. */
class EstelleTest {

    @TempDir
    Path tmp;
    Path photos;
    Path cacheDir;
    Estelle estelle;

    @BeforeEach
    void setUp() throws Exception {
        photos = Files.createDirectories(tmp.resolve("photos"));
        cacheDir = tmp.resolve("cache");
        estelle = Estelle.builder().cacheDir(cacheDir).allowedDirs(List.of(photos)).workers(1).build();
    }

    @AfterEach
    void tearDown() {
        estelle.close();
    }

    @Test
    void thumbnailIsMadeOnceThenServedFromTheCache() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("a.jpg"), 640, 480);
        ThumbnailRequest request = new ThumbnailRequest(photo, new ThumbnailSize(100, 100), Mode.SHRINK, Format.PNG);

        Thumbnail made = estelle.thumbnail(request).get(30, TimeUnit.SECONDS);
        Thumbnail cached = estelle.thumbnail(request).get(30, TimeUnit.SECONDS);
        Path first = made.path();
        Path second = cached.path();

        assertThat(made.cached()).isFalse();
        assertThat(made.engineTime()).isPositive();
        assertThat(cached.cached()).isTrue();
        assertThat(cached.engineTime()).isZero();
        assertThat(first).isEqualTo(second).startsWith(cacheDir).hasFileName(first.getFileName().toString());
        assertThat(ImageInfo.read(first)).isEqualTo(new ImageInfo("png", 100, 75));
        assertThat(estelle.stats().generations()).isEqualTo(1);
        assertThat(estelle.stats().hits()).isEqualTo(1);
    }

    @Test
    void changedFileGetsANewThumbnail() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("a.jpg"), 640, 480);
        Path before = estelle.thumbnail(ThumbnailRequest.of(photo)).get(30, TimeUnit.SECONDS).path();
        Files.setLastModifiedTime(photo, FileTime.from(Instant.now().plusSeconds(5)));

        Path after = estelle.thumbnail(ThumbnailRequest.of(photo)).get(30, TimeUnit.SECONDS).path();

        assertThat(after).isNotEqualTo(before).exists();
        assertThat(before).exists();
    }

    @Test
    void enqueueReportsQueuedThenTheReadyPath() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("a.jpg"), 640, 480);
        ThumbnailRequest request = ThumbnailRequest.of(photo);

        assertThat(estelle.enqueue(request)).isEmpty();
        Path made = estelle.thumbnail(request).get(30, TimeUnit.SECONDS).path(); // joins the queued task
        assertThat(estelle.enqueue(request)).contains(made);
        assertThat(estelle.stats().generations()).isEqualTo(1);
    }

    @Test
    void errorsArriveThroughTheFutureWithTheirStatus() {
        assertThatThrownBy(() -> estelle.thumbnail(ThumbnailRequest.of(Path.of("/etc/passwd"))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> estelle.thumbnail(ThumbnailRequest.of(photos.resolve("none.jpg"))).join())
                .cause().isInstanceOf(NotFoundException.class);
    }

    @Test
    void sizeAboveTheMaximumIsRefusedEvenWhenBuiltInCode() {
        ThumbnailRequest huge = new ThumbnailRequest(photos.resolve("a.jpg"), new ThumbnailSize(5000, 10), Mode.CROP, Format.JPG);
        assertThatThrownBy(() -> estelle.thumbnail(huge).join()).cause().isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> estelle.enqueue(huge)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void decodeFailureIsRememberedUntilTheFileChanges() throws Exception {
        Path truncated = TestImages.truncatedJpeg(photos.resolve("broken.jpg"), 800, 600);
        ThumbnailRequest request = ThumbnailRequest.of(truncated);

        assertThatThrownBy(() -> estelle.thumbnail(request).join()).cause().isInstanceOf(ThumbnailFailedException.class);
        assertThatThrownBy(() -> estelle.thumbnail(request).join()).cause().isInstanceOf(ThumbnailFailedException.class);
        assertThatThrownBy(() -> estelle.enqueue(new ThumbnailRequest(truncated, new ThumbnailSize(10, 10), Mode.CROP, Format.PNG)))
                .as("the memory is per source, whatever the size").isInstanceOf(ThumbnailFailedException.class);
        assertThat(estelle.stats().generations()).isEqualTo(1);

        TestImages.jpeg(truncated, 800, 600); // repaired: a new size and mtime
        Files.setLastModifiedTime(truncated, FileTime.from(Instant.now().plusSeconds(2)));
        assertThat(estelle.thumbnail(request).get(30, TimeUnit.SECONDS).path()).exists();
        assertThat(estelle.stats().generations()).isEqualTo(2);
    }

    @Test
    void sourceChangedWhileBeingThumbnailedIsNotStoredUnderItsOldFingerprint() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("moving.jpg"), 640, 480);
        org.estelle.engine.ThumbnailEngine real = org.estelle.engine.VipsCommandEngine.fromPath();
        // Renders, then the file is rewritten before the thumbnail is stored.
        org.estelle.engine.ThumbnailEngine racing = new org.estelle.engine.ThumbnailEngine() {
            public String name() {
                return "racing";
            }

            public String version() {
                return real.version();
            }

            public void render(ThumbnailRequest r, Path source, Path target) {
                real.render(r, source, target);
                TestImages.jpeg(source, 320, 240);
            }
        };
        try (Estelle racy = Estelle.builder().cacheDir(tmp.resolve("cache2")).allowedDirs(List.of(photos)).engine(racing).build()) {
            assertThatThrownBy(() -> racy.thumbnail(ThumbnailRequest.of(photo)).join())
                    .cause().isInstanceOf(BusyException.class).hasMessageContaining("changed");
            try (var files = Files.walk(tmp.resolve("cache2"))) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> Estelle.builder().allowedDirs(List.of(photos)).build()).hasMessageContaining("cacheDir");
        assertThatThrownBy(() -> Estelle.builder().cacheDir(cacheDir).build()).hasMessageContaining("allowedDirs");
        assertThatThrownBy(() -> Estelle.builder().workers(0)).hasMessageContaining("workers");
    }
}
