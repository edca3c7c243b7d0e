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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged files go through libvips in this process, so a loader that crashed
 * would take the daemon with it. Hundreds of truncated and garbled variants of
 * real images (a seeded generator, so a failure can be replayed) must each end
 * in a thumbnail, a 422 or a 404, and libvips must still work afterwards.
 */
class LibvipsEngineRobustnessTest {

    private static final long SEED = 0x5eed_e57e11eL;
    private static final int VARIANTS = 600;

    private final LibvipsEngine engine = new LibvipsEngine(100_000_000);

    @Test
    void damagedFilesFailCleanly(@TempDir Path dir) throws Exception {
        Path png = TestImages.png(dir.resolve("orig.png"), 200, 150);
        List<Path> originals = List.of(
                TestImages.jpeg(dir.resolve("orig.jpg"), 200, 150),
                png,
                TestImages.jpegWithOrientation(dir.resolve("orig-exif.jpg"), 200, 150, 6),
                TestImages.greyPng(dir.resolve("orig-grey.png"), 200, 150),
                TestImages.animatedGif(dir.resolve("orig.gif"), 200, 150, 3),
                webp(png, dir.resolve("orig.webp")));
        List<byte[]> contents = new ArrayList<>();
        for (Path original : originals) {
            contents.add(Files.readAllBytes(original));
        }

        Random random = new Random(SEED);
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            int which = random.nextInt(originals.size());
            byte[] bytes = damage(contents.get(which), random);
            String name = "v" + i + "-" + originals.get(which).getFileName();
            Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
            Format format = Format.values()[random.nextInt(Format.values().length)];
            variants.add(new Variant(Files.write(dir.resolve(name), bytes), mode, format));
        }

        int[] outcomes = new int[3]; // thumbnail, 422, 404
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Variant variant : variants) {
                results.add(workers.submit(() -> variant.render(engine, dir)));
            }
            for (Future<Integer> result : results) {
                outcomes[result.get()]++; // an unexpected exception fails here, naming the variant
            }
        } finally {
            workers.shutdownNow();
        }

        // The seed gives a mix; if every variant ended the same way the damage would be too mild or too rough.
        assertThat(outcomes[0]).as("variants that still thumbnail").isPositive();
        assertThat(outcomes[1]).as("variants that fail with 422").isPositive();
        assertThat(outcomes[2]).as("variants no longer recognised, 404").isPositive();

        Path target = dir.resolve("after.webp");
        engine.render(ThumbnailRequest.of(originals.get(0)), originals.get(0), target);
        assertThat(ImageInfo.read(target)).isEqualTo(new ImageInfo("webp", 85, 85));
    }

    /** Truncated, garbled, or both. */
    private static byte[] damage(byte[] original, Random random) {
        byte[] bytes = original;
        int kind = random.nextInt(3);
        if (kind != 1) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // may be empty
        } else {
            bytes = bytes.clone();
        }
        if (kind != 0 && bytes.length > 0) {
            int flips = 1 + random.nextInt(16);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
        }
        return bytes;
    }

    private Path webp(Path png, Path target) {
        engine.render(new ThumbnailRequest(png, new ThumbnailSize(200, 150), Mode.STRETCH, Format.WEBP), png, target);
        return target;
    }

    private record Variant(Path source, Mode mode, Format format) {

        /** 0: a thumbnail was made; 1: ThumbnailFailedException; 2: NotFoundException. */
        int render(LibvipsEngine engine, Path dir) {
            Path target = dir.resolve(source.getFileName() + ".out." + format.extension());
            try {
                engine.render(new ThumbnailRequest(source, new ThumbnailSize(64, 48), mode, format), source, target);
                assertThat(ImageInfo.read(target).format()).as("%s", this).isEqualTo(format.extension());
                return 0;
            } catch (ThumbnailFailedException e) {
                assertThat(e.getMessage()).as("%s", this).startsWith("cannot thumbnail " + source + ": ")
                        .doesNotContain("\n");
                return 1;
            } catch (NotFoundException e) {
                return 2;
            } catch (RuntimeException e) {
                throw new AssertionError(this + " threw " + e, e);
            }
        }
    }
}
