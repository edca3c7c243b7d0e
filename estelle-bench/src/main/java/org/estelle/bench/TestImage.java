package org.estelle.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The source image the benchmarks ask thumbnails of: an 800x600 JPEG, a
 * gradient so the encoder has something to do. Its content does not matter
 * on the hit path, only that the engine can read it.
 */
final class TestImage {

    private TestImage() {
    }

    /** Writes the image to {@code target} (its name should end in {@code .jpg}) and returns it. */
    static Path jpeg(Path target) {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 255 / 800) << 16 | (y * 255 / 600) << 8 | 0x80);
            }
        }
        try {
            if (!ImageIO.write(image, "jpg", target.toFile())) {
                throw new IllegalStateException("no JPEG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
