package org.estelle.engine;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.NotFoundException;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
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

/** What every engine must do, with real images; each engine's test class extends this. */
abstract class ThumbnailEngineContract {

    /** Sources made once per test class. */
    @TempDir
    static Path images;
    static Path landscape;

    /** Each test's own files. */
    @TempDir
    Path scratch;

    abstract ThumbnailEngine engine();

    @BeforeAll
    static void makeLandscape() {
        landscape = TestImages.jpeg(images.resolve("landscape.jpg"), 1600, 1200);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}x{3}")
    @CsvSource({
            "SHRINK,  JPG,  400, 300",
            "SHRINK,  PNG,  400, 300",
            "SHRINK,  WEBP, 400, 300",
            "CROP,    JPG,  400, 400",
            "CROP,    PNG,  400, 400",
            "CROP,    WEBP, 400, 400",
            "STRETCH, JPG,  400, 400",
            "STRETCH, PNG,  400, 400",
            "STRETCH, WEBP, 400, 400"})
    void rendersEachModeAndFormat(Mode mode, Format format, int width, int height) {
        Path target = scratch.resolve("thumb." + format.extension());
        engine().render(new ThumbnailRequest(landscape, new ThumbnailSize(400, 400), mode, format), landscape, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo(format.extension(), width, height));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void metadataIsStripped(Format format) {
        Path withExif = TestImages.jpegWithOrientation(scratch.resolve("exif.jpg"), 640, 480, 1);
        assertThat(TestImages.containsExif(withExif)).isTrue();
        Path target = scratch.resolve("thumb." + format.extension());
        engine().render(new ThumbnailRequest(withExif, new ThumbnailSize(200, 200), Mode.SHRINK, format), withExif, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo(format.extension(), 200, 150));
        assertThat(TestImages.containsExif(target)).as("an EXIF block").isFalse();
        assertThat(read(target)).doesNotContain(TestImages.EXIF_MAKE);
    }

    @Test
    void truncatedJpegFailsInsteadOfComingOutHalfGrey() {
        Path truncated = TestImages.truncatedJpeg(scratch.resolve("truncated.jpg"), 800, 600);
        assertThatThrownBy(() -> engine().render(ThumbnailRequest.of(truncated), truncated, scratch.resolve("t.webp")))
                .isInstanceOfSatisfying(ThumbnailFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.isVerdictOnFile()).isTrue();
                })
                .hasMessageStartingWith("cannot thumbnail " + truncated + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fileThatIsNotAnImageIsNotFound() throws Exception {
        Path text = Files.writeString(scratch.resolve("notes.jpg"), "just some text, not a JPEG\n");
        assertThatThrownBy(() -> engine().render(ThumbnailRequest.of(text), text, scratch.resolve("t.webp")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("source " + text + " is not a recognised image");
    }

    @Test
    void fileOnlyAnUntrustedLoaderReadsIsNotFound() throws Exception {
        // A valid 2x2 binary PPM: libvips' ppmload reads it, but it is not among the fuzzed loaders.
        byte[] header = "P6\n2 2\n255\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(scratch.resolve("tiny.ppm"), java.util.Arrays.copyOf(header, header.length + 12));
        assertThatThrownBy(() -> engine().render(ThumbnailRequest.of(file), file, scratch.resolve("t.webp")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("source " + file + " is not a recognised image");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
