package org.estelle.engine;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailRequest;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LibvipsEngine} and {@link VipsCommandEngine} make the same thumbnail:
 * same format, same dimensions, for every mode and format and for sources that
 * take different paths through libvips (shrink-on-load, orientation, alpha,
 * greyscale, 16 bits, CMYK, several frames).
 */
class EngineParityTest {

    private static final ThumbnailSize BOX = new ThumbnailSize(120, 90);

    @TempDir
    static Path images;
    static final Map<String, Path> SOURCES = new LinkedHashMap<>();

    private final LibvipsEngine libvips = new LibvipsEngine(100_000_000);
    private final VipsCommandEngine command = VipsCommandEngine.fromPath();

    @BeforeAll
    static void makeImages() {
        SOURCES.put("landscape jpeg", TestImages.jpeg(images.resolve("landscape.jpg"), 640, 480));
        SOURCES.put("portrait jpeg", TestImages.jpeg(images.resolve("portrait.jpg"), 300, 500));
        SOURCES.put("10x10 png", TestImages.png(images.resolve("tiny.png"), 10, 10));
        SOURCES.put("orientation 6", TestImages.jpegWithOrientation(images.resolve("rotated.jpg"), 400, 200, 6));
        SOURCES.put("png with alpha", TestImages.translucentPng(images.resolve("alpha.png"), 320, 200));
        SOURCES.put("greyscale png", TestImages.greyPng(images.resolve("grey.png"), 320, 240));
        SOURCES.put("16-bit png", TestImages.grey16Png(images.resolve("grey16.png"), 240, 320));
        SOURCES.put("cmyk jpeg", TestImages.cmykJpeg(images.resolve("cmyk.jpg"), 400, 300));
        SOURCES.put("animated gif", TestImages.animatedGif(images.resolve("anim.gif"), 200, 100, 3));
    }

    static Stream<Arguments> cases() {
        return Stream.of("landscape jpeg", "portrait jpeg", "10x10 png", "orientation 6", "png with alpha",
                        "greyscale png", "16-bit png", "cmyk jpeg", "animated gif")
                .flatMap(source -> Stream.of(Mode.values())
                        .flatMap(mode -> Stream.of(Format.values())
                                .map(format -> Arguments.of(source, mode, format))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void bothEnginesMakeTheSameThumbnail(String name, Mode mode, Format format, @TempDir Path out) {
        Path source = SOURCES.get(name);
        ThumbnailRequest request = new ThumbnailRequest(source, BOX, mode, format);
        Path fromLibvips = out.resolve("libvips." + format.extension());
        Path fromCommand = out.resolve("command." + format.extension());

        libvips.render(request, source, fromLibvips);
        command.render(request, source, fromCommand);

        ImageInfo expected = ImageInfo.read(fromCommand);
        assertThat(expected.format()).isEqualTo(format.extension());
        assertThat(ImageInfo.read(fromLibvips)).isEqualTo(expected);
    }

    @Test
    void bothEnginesTurnAnImageByItsOrientation(@TempDir Path out) {
        Path source = SOURCES.get("orientation 6");
        ThumbnailRequest request = new ThumbnailRequest(source, new ThumbnailSize(100, 100), Mode.SHRINK, Format.PNG);
        libvips.render(request, source, out.resolve("libvips.png"));
        command.render(request, source, out.resolve("command.png"));
        assertThat(ImageInfo.read(out.resolve("libvips.png"))).isEqualTo(new ImageInfo("png", 50, 100));
        assertThat(ImageInfo.read(out.resolve("command.png"))).isEqualTo(new ImageInfo("png", 50, 100));
    }
}
