package org.estelle.daemon;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.daemon.testing.Tmpfs;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A cache directory on a disk smaller than the cache limit: writes fail for lack of space. */
class DiskFullTest {

    @TempDir
    Path tmp;

    @Test
    void fullDiskIs507WithNoLeftoversWhileHitsAreStillServed() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path noisy = noise(photos.resolve("noise.png"));

        try (Tmpfs disk = Tmpfs.mount(cache, "512k");
             TestDaemon estelled = TestDaemon.start(photos, cache, "ESTELLE_CACHE_LIMIT", "100MB", "ESTELLE_WORKERS", "1")) {
            Reply first = estelled.get(noisy, "size=64&format=png");
            assertThat(first.status()).isEqualTo(200);

            List<Integer> statuses = new ArrayList<>();
            for (int size = 300; size < 330 && !statuses.contains(507); size++) {
                statuses.add(estelled.get(noisy, "size=" + size + "&format=png").status());
            }

            assertThat(statuses).containsOnly(200, 507).contains(507);
            Reply full = estelled.get(noisy, "size=299&format=png");
            assertThat(full.status()).isIn(200, 507);
            assertThat(estelled.get(noisy, "size=64&format=png")).satisfies(hit -> {
                assertThat(hit.status()).isEqualTo(200);
                assertThat(hit.body()).isEqualTo(first.body());
            });
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-"))).isEmpty();
            }
        }
    }

    /** Random pixels do not compress: every thumbnail of it is large. */
    private static Path noise(Path file) throws Exception {
        Process vips = new ProcessBuilder("vips", "gaussnoise", file.toString(), "600", "600").inheritIO().start();
        assertThat(vips.waitFor()).isZero();
        return file;
    }
}
