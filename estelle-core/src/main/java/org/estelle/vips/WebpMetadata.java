package org.estelle.vips;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes the metadata chunks (EXIF, XMP, ICC profile) from a WebP file that
 * libvips wrote. libvips 8.14's {@code webpsave} ignores {@code strip}: it
 * copies the source's EXIF (camera, GPS position, …), XMP and ICC profile into
 * the thumbnail, and adds an EXIF block even when the source had none. JPEG
 * and PNG honour {@code strip} and need no help.
 *
 * <p>A WebP file is a RIFF container; metadata lives in its own chunks, which
 * only the extended format ({@code VP8X} first) has, and the {@code VP8X}
 * flags announce them. So the chunks are dropped, their flags cleared and the
 * RIFF size corrected; the image data is copied as it is. A simple-format file
 * has no metadata and is left alone.
 */
public final class WebpMetadata {

    private static final Set<String> METADATA = Set.of("EXIF", "XMP ", "ICCP");
    // VP8X flag bits: ICC profile, EXIF, XMP (the WebP container specification).
    private static final int METADATA_FLAGS = 0x20 | 0x08 | 0x04;
    // RIFF header (12 bytes), VP8X chunk header (8), then the flags byte.
    private static final int VP8X_FLAGS = 20;

    private WebpMetadata() {
    }

    /** Rewrites {@code file} without metadata chunks, if it has any. */
    public static void strip(Path file) throws IOException {
        byte[] webp = Files.readAllBytes(file);
        byte[] stripped = strip(webp, file);
        if (stripped != webp) {
            Files.write(file, stripped);
        }
    }

    /** {@code webp} without metadata chunks, or {@code webp} itself if it has none. */
    static byte[] strip(byte[] webp, Path name) {
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        if (webp.length < 20 || !fourcc(webp, 0).equals("RIFF") || !fourcc(webp, 8).equals("WEBP")
                || (in.getInt(4) & 0xffffffffL) + 8 != webp.length) {
            throw new IllegalStateException(name + " is not the WebP file libvips should have written");
        }
        if (!fourcc(webp, 12).equals("VP8X")) {
            return webp;
        }
        if (webp.length < 30 || in.getInt(16) != 10) {
            throw new IllegalStateException(name + ": its VP8X chunk is not 10 bytes long");
        }
        byte[] out = new byte[webp.length];
        System.arraycopy(webp, 0, out, 0, 12);
        int length = 12;
        for (int at = 12; at < webp.length; ) {
            if (at + 8 > webp.length) {
                throw new IllegalStateException(name + " ends inside a chunk header");
            }
            String type = fourcc(webp, at);
            long size = in.getInt(at + 4) & 0xffffffffL;
            long end = at + 8 + size + (size & 1); // chunks are padded to an even length
            if (end > webp.length) {
                throw new IllegalStateException(name + ": chunk " + type + " runs past the end of the file");
            }
            if (!METADATA.contains(type)) {
                System.arraycopy(webp, at, out, length, (int) (end - at));
                length += (int) (end - at);
            }
            at = (int) end;
        }
        out[VP8X_FLAGS] &= (byte) ~METADATA_FLAGS;
        if (length == webp.length && out[VP8X_FLAGS] == webp[VP8X_FLAGS]) {
            return webp;
        }
        byte[] result = Arrays.copyOf(out, length);
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(4, length - 8);
        return result;
    }

    private static String fourcc(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
