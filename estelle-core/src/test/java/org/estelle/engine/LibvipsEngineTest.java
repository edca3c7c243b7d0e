package org.estelle.engine;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real thumbnails from libvips in this process. */
class LibvipsEngineTest extends ThumbnailEngineContract {

    private static final long DAEMON_LIMIT = 100_000_000;

    private final LibvipsEngine engine = new LibvipsEngine(DAEMON_LIMIT);

    @Override
    ThumbnailEngine engine() {
        return engine;
    }

    @Test
    void shrinkKeepsTheAspectRatioOfAPortraitBox(@TempDir Path out) {
        Path target = out.resolve("thumb.jpg");
        engine.render(new ThumbnailRequest(landscape, new ThumbnailSize(200, 500), Mode.SHRINK, Format.JPG),
                landscape, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo("jpg", 200, 150));
    }

    @Test
    void truncatedJpegFailsWithLibvipsMessageInsteadOfComingOutHalfGrey(@TempDir Path out) {
        Path truncated = TestImages.truncatedJpeg(images.resolve("truncated.jpg"), 800, 600);
        Path target = out.resolve("thumb.webp");
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(truncated), truncated, target))
                .isInstanceOfSatisfying(ThumbnailFailedException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageStartingWith("cannot thumbnail " + truncated + ": ")
                .hasMessageContaining("VipsJpeg")
                .hasMessageNotContaining("\n");
    }

    @Test
    void truncatedPngFails(@TempDir Path out) {
        Path truncated = TestImages.truncatedPng(images.resolve("truncated.png"), 800, 600);
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(truncated), truncated, out.resolve("t.webp")))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageStartingWith("cannot thumbnail " + truncated + ": ")
                .hasMessageContaining("png");
    }

    @Test
    void messageNamesTheRequestedPathNotTheResolvedOne(@TempDir Path out) throws Exception {
        Path truncated = TestImages.truncatedJpeg(images.resolve("real-truncated.jpg"), 300, 200);
        Path link = Files.createSymbolicLink(images.resolve("link.jpg"), truncated);
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(link), truncated, out.resolve("t.webp")))
                .hasMessageStartingWith("cannot thumbnail " + link + ": ");
    }

    @Test
    void missingFileIsNotFound(@TempDir Path out) {
        Path missing = images.resolve("gone.jpg");
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(missing), missing, out.resolve("t.webp")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("source " + missing + " does not exist");
    }

    @Test
    void directoryIsNotFound(@TempDir Path out) {
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(images), images, out.resolve("t.webp")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("source " + images + " is not a regular file");
    }

    @Test
    void bracketsInTheSourceNameDoNotTurnStrictDecodingOff(@TempDir Path out) {
        Path truncated = TestImages.truncatedJpeg(images.resolve("cut.jpg[fail_on=none]"), 400, 300);
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(truncated), truncated, out.resolve("t.webp")))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageStartingWith("cannot thumbnail " + truncated + ": VipsJpeg");
        Path whole = TestImages.jpeg(images.resolve("photo[1]"), 400, 300);
        engine.render(ThumbnailRequest.of(whole), whole, out.resolve("w.webp"));
        assertThat(ImageInfo.read(out.resolve("w.webp"))).isEqualTo(new ImageInfo("webp", 85, 85));
    }

    @Test
    void hugeDeclaredImageIsRefusedFromItsHeaderAlone(@TempDir Path out) {
        Path bomb = TestImages.declaredPng(images.resolve("bomb.png"), 60_000, 60_000);
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(bomb), bomb, out.resolve("t.webp")))
                .isInstanceOfSatisfying(ThumbnailFailedException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessage("source " + bomb + " is 60000x60000 = 3600000000 pixels, more than the limit of"
                        + " 100000000 (ESTELLE_MAX_PIXELS)");
        assertThat(out.resolve("t.webp")).doesNotExist();
    }

    @Test
    void withoutTheLimitTheSameFileFailsInTheDecoderInstead(@TempDir Path out) {
        // The counterpart of the test above: the refusal came from the limit, not from libvips.
        Path bomb = TestImages.declaredPng(images.resolve("bomb2.png"), 60_000, 60_000);
        LibvipsEngine unlimited = new LibvipsEngine(Long.MAX_VALUE);
        assertThatThrownBy(() -> unlimited.render(ThumbnailRequest.of(bomb), bomb, out.resolve("t.webp")))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageStartingWith("cannot thumbnail " + bomb + ": ")
                .hasMessageNotContaining("ESTELLE_MAX_PIXELS");
    }

    @Test
    void limitIsInclusive(@TempDir Path out) {
        Path square = TestImages.jpeg(images.resolve("square.jpg"), 100, 100);
        new LibvipsEngine(10_000).render(ThumbnailRequest.of(square), square, out.resolve("ok.webp"));
        assertThat(ImageInfo.read(out.resolve("ok.webp"))).isEqualTo(new ImageInfo("webp", 85, 85));
        assertThatThrownBy(() -> new LibvipsEngine(9_999)
                .render(ThumbnailRequest.of(square), square, out.resolve("no.webp")))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageContaining("100x100 = 10000 pixels, more than the limit of 9999");
    }

    @Test
    void exifOrientationIsApplied(@TempDir Path out) {
        Path rotated = TestImages.jpegWithOrientation(images.resolve("rotated.jpg"), 400, 200, 6);
        Path target = out.resolve("thumb.png");
        engine.render(new ThumbnailRequest(rotated, new ThumbnailSize(100, 100), Mode.SHRINK, Format.PNG),
                rotated, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo("png", 50, 100));
    }

    @Test
    void animatedGifGivesItsFirstFrame(@TempDir Path out) {
        Path gif = TestImages.animatedGif(images.resolve("anim.gif"), 160, 120, 4);
        Path target = out.resolve("thumb.png");
        engine.render(new ThumbnailRequest(gif, new ThumbnailSize(80, 80), Mode.SHRINK, Format.PNG), gif, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo("png", 80, 60));
    }

    @Test
    void nameAndVersion() {
        assertThat(engine.name()).isEqualTo("libvips");
        assertThat(engine.version()).matches("libvips 8\\.\\d+\\.\\d+");
        assertThat(engine.maxPixels()).isEqualTo(DAEMON_LIMIT);
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new LibvipsEngine(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPixels must be positive, not 0");
    }
}
