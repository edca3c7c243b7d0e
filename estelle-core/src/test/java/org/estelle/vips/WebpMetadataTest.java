package org.estelle.vips;

import org.estelle.Mode;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebpMetadataTest {

    private static final Path NAME = Path.of("/t.webp");

    @Test
    void dropsMetadataChunksClearsTheirFlagsAndFixesTheSize() {
        byte[] vp8x = {0x3c, 0, 0, 0, 9, 0, 0, 7, 0, 0}; // ICC + alpha + EXIF + XMP, 10x8
        byte[] webp = riff(chunk("VP8X", vp8x), chunk("ICCP", new byte[5]), chunk("ALPH", new byte[3]),
                chunk("VP8 ", new byte[20]), chunk("EXIF", "Exif\0\0secret".getBytes(StandardCharsets.US_ASCII)),
                chunk("XMP ", new byte[7]));

        byte[] stripped = WebpMetadata.strip(webp, NAME);

        assertThat(chunks(stripped)).containsExactly("VP8X", "ALPH", "VP8 ");
        assertThat(stripped[20]).isEqualTo((byte) 0x10); // only the alpha flag is left
        assertThat(ByteBuffer.wrap(stripped).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(stripped.length - 8);
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
    }

    @Test
    void fileWithoutMetadataIsLeftAsItIs() {
        byte[] simple = riff(chunk("VP8 ", new byte[20]));
        assertThat(WebpMetadata.strip(simple, NAME)).isSameAs(simple);
        byte[] extended = riff(chunk("VP8X", new byte[10]), chunk("VP8L", new byte[9]));
        assertThat(WebpMetadata.strip(extended, NAME)).isSameAs(extended);
    }

    @Test
    void somethingElseIsAnError() {
        assertThatThrownBy(() -> WebpMetadata.strip("not a webp file at all".getBytes(StandardCharsets.US_ASCII), NAME))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/t.webp");
        byte[] cut = riff(chunk("VP8X", new byte[10]), chunk("VP8 ", new byte[20]));
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(34, 1000); // VP8 chunk claims more than there is
        assertThatThrownBy(() -> WebpMetadata.strip(cut, NAME)).hasMessageContaining("runs past the end");
    }

    @Test
    void libvipsThumbnailKeepsItsPixelsAndLosesItsExif(@TempDir Path dir) throws Exception {
        Path source = TestImages.jpegWithOrientation(dir.resolve("exif.jpg"), 320, 240, 1);
        Path target = dir.resolve("thumb.webp");
        Libvips vips = Libvips.load();
        try (OpenSource open = vips.open(source)) {
            vips.thumbnail(open, target, new ThumbnailSize(100, 100), Mode.SHRINK);
        }

        assertThat(chunks(Files.readAllBytes(target))).doesNotContain("EXIF", "XMP ", "ICCP");
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo("webp", 100, 75));
        // libvips itself still reads it, to the last pixel.
        Path again = dir.resolve("again.png");
        try (OpenSource open = vips.open(target)) {
            vips.thumbnail(open, again, new ThumbnailSize(50, 50), Mode.SHRINK);
        }
        assertThat(ImageInfo.read(again)).isEqualTo(new ImageInfo("png", 50, 38));
    }

    private static byte[] chunk(String type, byte[] payload) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return chunk.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer riff = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.size())
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body.toByteArray());
        return riff.array();
    }

    private static List<String> chunks(byte[] webp) {
        List<String> types = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= webp.length; ) {
            int size = in.getInt(at + 4);
            types.add(new String(webp, at, 4, StandardCharsets.US_ASCII));
            at += 8 + size + (size & 1);
        }
        return types;
    }
}
