package org.estelle.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Real images for tests, written with javax.imageio: a gradient with a bright disc, so smart crop has a subject. */
public final class TestImages {

    private TestImages() {
    }

    public static Path jpeg(Path file, int width, int height) {
        return write(file, "jpg", picture(width, height, BufferedImage.TYPE_INT_RGB));
    }

    public static Path png(Path file, int width, int height) {
        return write(file, "png", picture(width, height, BufferedImage.TYPE_INT_ARGB));
    }

    /** A JPEG cut off at half its length: a decoder that is strict must fail on it. */
    public static Path truncatedJpeg(Path file, int width, int height) {
        Path whole = jpeg(file.resolveSibling(file.getFileName() + ".whole.jpg"), width, height);
        try {
            byte[] bytes = Files.readAllBytes(whole);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            Files.delete(whole);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 40, 120), width, height, new Color(200, 120, 30)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        int d = Math.max(1, Math.min(width, height) / 3);
        g.fillOval(width * 2 / 3 - d / 2, height / 3 - d / 2, d, d);
        g.dispose();
        return image;
    }

    private static Path write(Path file, String format, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
