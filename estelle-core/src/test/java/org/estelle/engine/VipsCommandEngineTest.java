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

/** Real thumbnails from the real {@code vips} program. */
class VipsCommandEngineTest {

    @TempDir
    static Path images;
    static Path landscape;

    private final VipsCommandEngine engine = VipsCommandEngine.fromPath();

    @BeforeAll
    static void makeImages() {
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
    void rendersEachModeAndFormat(Mode mode, Format format, int width, int height, @TempDir Path out) {
        Path target = out.resolve("thumb." + format.extension());
        engine.render(new ThumbnailRequest(landscape, new ThumbnailSize(400, 400), mode, format), landscape, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo(format.extension(), width, height));
    }

    @Test
    void truncatedJpegFailsInsteadOfComingOutHalfGrey(@TempDir Path out) {
        Path truncated = TestImages.truncatedJpeg(images.resolve("truncated.jpg"), 800, 600);
        Path target = out.resolve("thumb.webp");
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(truncated), truncated, target))
                .isInstanceOfSatisfying(ThumbnailFailedException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("cannot thumbnail")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fileThatIsNotAnImageIsNotFound(@TempDir Path out) throws Exception {
        Path text = Files.writeString(images.resolve("notes.jpg"), "just some text, not a JPEG\n");
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(text), text, out.resolve("t.webp")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("not a recognised image");
    }

    @Test
    void sourceOverThePixelLimitFailsBeforeDecoding(@TempDir Path out) {
        VipsCommandEngine small = new VipsCommandEngine("vips", java.time.Duration.ofSeconds(30), 1_000_000);
        Path target = out.resolve("t.webp");
        assertThatThrownBy(() -> small.render(ThumbnailRequest.of(landscape), landscape, target))
                .isInstanceOf(ThumbnailFailedException.class)
                .hasMessageContaining("1600x1200 = 1920000 pixels, more than the limit of 1000000 (ESTELLE_MAX_PIXELS)");
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void metadataIsStripped(Format format, @TempDir Path out) throws Exception {
        Path withExif = TestImages.jpegWithOrientation(images.resolve("exif-" + format + ".jpg"), 640, 480, 1);
        assertThat(TestImages.containsExif(withExif)).isTrue();
        Path target = out.resolve("thumb." + format.extension());
        engine.render(new ThumbnailRequest(withExif, new ThumbnailSize(200, 200), Mode.SHRINK, format), withExif, target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo(format.extension(), 200, 150));
        assertThat(TestImages.containsExif(target)).as("an EXIF block").isFalse();
        assertThat(Files.readString(target, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.EXIF_MAKE);
    }

    @Test
    void fileOnlyAnUntrustedLoaderReadsIsNotFound(@TempDir Path out) throws Exception {
        byte[] header = "P6\n2 2\n255\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(images.resolve("tiny.ppm"), java.util.Arrays.copyOf(header, header.length + 12));
        assertThatThrownBy(() -> engine.render(ThumbnailRequest.of(file), file, out.resolve("t.webp")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("source " + file + " is not a recognised image");
    }

    @Test
    void versionNamesLibvips() {
        assertThat(engine.version()).startsWith("vips-8.");
    }

    @Test
    void missingProgramIsAClearStartupError() {
        VipsCommandEngine missing = new VipsCommandEngine("/nonexistent/vips", java.time.Duration.ofSeconds(5), 1000);
        assertThatThrownBy(missing::version).hasMessageContaining("install libvips-tools");
    }
}
