package org.estelle.testing;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Real images for tests, written with javax.imageio (with the {@code vips} program
 * for the one kind ImageIO cannot write, CMYK JPEG, and by hand where a header must
 * say something particular): a gradient with a bright disc, so smart crop has a subject.
 */
public final class TestImages {

    /** The camera maker that {@link #jpegWithOrientation} writes into EXIF, to look for in outputs. */
    public static final String EXIF_MAKE = "EstelleTestCam";

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
        return truncated(jpeg(file.resolveSibling(file.getFileName() + ".whole.jpg"), width, height), file);
    }

    /** A PNG cut off at half its length. */
    public static Path truncatedPng(Path file, int width, int height) {
        return truncated(png(file.resolveSibling(file.getFileName() + ".whole.png"), width, height), file);
    }

    /** The first half of {@code whole}, written to {@code file}; {@code whole} is removed. */
    private static Path truncated(Path whole, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(whole);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            Files.delete(whole);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RGBA PNG whose left half is see-through, fading from transparent to opaque. */
    public static Path translucentPng(Path file, int width, int height) {
        BufferedImage image = picture(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < width / 2; x++) {
            int alpha = 255 * x / Math.max(1, width / 2);
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (alpha << 24) | (image.getRGB(x, y) & 0xffffff));
            }
        }
        return write(file, "png", image);
    }

    /** An 8-bit greyscale PNG. */
    public static Path greyPng(Path file, int width, int height) {
        return write(file, "png", converted(picture(width, height, BufferedImage.TYPE_INT_RGB),
                BufferedImage.TYPE_BYTE_GRAY));
    }

    /** A 16-bit greyscale PNG. */
    public static Path grey16Png(Path file, int width, int height) {
        return write(file, "png", converted(picture(width, height, BufferedImage.TYPE_INT_RGB),
                BufferedImage.TYPE_USHORT_GRAY));
    }

    /**
     * A JPEG that carries a minimal EXIF block (APP1 right after SOI) with two
     * tags, Make ({@link #EXIF_MAKE}) and Orientation. Orientation 6 means
     * "rotate 90° clockwise to display", so a viewer shows a
     * {@code width}x{@code height} picture as {@code height}x{@code width}.
     */
    public static Path jpegWithOrientation(Path file, int width, int height, int orientation) {
        try {
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            if (!ImageIO.write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg", jpeg)) {
                throw new IllegalStateException("no ImageIO writer for jpg");
            }
            byte[] plain = jpeg.toByteArray();
            byte[] exif = exifOrientation(orientation);
            ByteBuffer out = ByteBuffer.allocate(plain.length + exif.length);
            out.put(plain, 0, 2).put(exif).put(plain, 2, plain.length - 2); // SOI, APP1, the rest
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, out.array());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An animated GIF of {@code frames} frames, the disc moving from frame to frame. */
    public static Path animatedGif(Path file, int width, int height, int frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames; i++) {
                    BufferedImage frame = picture(width, height, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = frame.createGraphics();
                    g.setColor(Color.RED);
                    g.fillRect(i * width / frames, 0, Math.max(1, width / frames), height);
                    g.dispose();
                    writer.writeToSequence(new IIOImage(frame, null, writer.getDefaultImageMetadata(
                            ImageTypeSpecifier.createFromRenderedImage(frame), null)), null);
                }
                writer.endWriteSequence();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A CMYK JPEG, made with the {@code vips} program (ImageIO cannot write
     * one) and checked to really be CMYK with {@code vipsheader}.
     */
    public static Path cmykJpeg(Path file, int width, int height) {
        Path rgb = jpeg(file.resolveSibling(file.getFileName() + ".rgb.jpg"), width, height);
        run("vips", "icc_export", rgb.toString(), file.toString(), "--output-profile", "cmyk");
        String interpretation = run("vipsheader", "-f", "interpretation", file.toString());
        if (!interpretation.contains("CMYK")) {
            throw new IllegalStateException(file + " came out as " + interpretation + ", not CMYK");
        }
        try {
            Files.delete(rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A tiny PNG whose header declares {@code width}x{@code height} RGB pixels
     * but whose one IDAT chunk holds almost nothing: the header reads fine, a
     * decoder that tried would need width × height × 3 bytes and then fail.
     */
    public static Path declaredPng(Path file, int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        pngChunk(png, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int length = deflater.deflate(idat);
        deflater.end();
        pngChunk(png, "IDAT", Arrays.copyOf(idat, length));
        pngChunk(png, "IEND", new byte[0]);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the file contains the bytes {@code Exif}, as every EXIF block (JPEG, PNG, WebP) does. */
    public static boolean containsExif(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("Exif");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // APP1: "Exif\0\0", then a little-endian TIFF header and one IFD with two entries.
    private static byte[] exifOrientation(int orientation) {
        byte[] make = (EXIF_MAKE + "\0").getBytes(StandardCharsets.US_ASCII);
        int makeOffset = 8 + 2 + 2 * 12 + 4; // after the header and the IFD
        ByteBuffer tiff = ByteBuffer.allocate(makeOffset + make.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);    // header, IFD at 8
        tiff.putShort((short) 2);                                               // two entries, by tag
        tiff.putShort((short) 0x010f).putShort((short) 2).putInt(make.length)   // Make, ASCII
                .putInt(makeOffset);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1)             // Orientation, SHORT
                .putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                         // no next IFD
        tiff.put(make);
        byte[] id = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer app1 = ByteBuffer.allocate(4 + id.length + tiff.capacity()).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + id.length + tiff.capacity()));
        app1.put(id).put(tiff.array());
        return app1.array();
    }

    private static void pngChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage converted(BufferedImage image, int type) {
        BufferedImage result = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = result.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return result;
    }

    /** Runs a command, returns its output; fails if it fails. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
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
