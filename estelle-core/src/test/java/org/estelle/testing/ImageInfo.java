package org.estelle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The format and dimensions of an image file, read from its header by this
 * code alone, so tests check libvips' output without asking libvips.
 */
public record ImageInfo(String format, int width, int height) {

    public static ImageInfo read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length > 24 && (b[0] & 0xff) == 0x89 && ascii(b, 1, 3).equals("PNG")) {
            return new ImageInfo("png", be.getInt(16), be.getInt(20)); // IHDR
        }
        if (b.length > 30 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return switch (ascii(b, 12, 4)) {
                case "VP8 " -> new ImageInfo("webp", le.getShort(26) & 0x3fff, le.getShort(28) & 0x3fff);
                case "VP8L" -> {
                    int bits = le.getInt(21);
                    yield new ImageInfo("webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
                }
                case "VP8X" -> new ImageInfo("webp", u24(b, 24) + 1, u24(b, 27) + 1);
                default -> throw new IllegalArgumentException(file + ": unknown WebP chunk " + ascii(b, 12, 4));
            };
        }
        if (b.length > 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            int i = 2;
            while (i + 9 < b.length) {
                if ((b[i] & 0xff) != 0xff) {
                    throw new IllegalArgumentException(file + ": broken JPEG marker at " + i);
                }
                int marker = b[i + 1] & 0xff;
                int length = be.getShort(i + 2) & 0xffff;
                boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
                if (startOfFrame) {
                    return new ImageInfo("jpg", be.getShort(i + 7) & 0xffff, be.getShort(i + 5) & 0xffff);
                }
                i += 2 + length;
            }
            throw new IllegalArgumentException(file + ": JPEG without a frame header");
        }
        throw new IllegalArgumentException(file + ": not a PNG, WebP or JPEG file");
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int u24(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16;
    }
}
