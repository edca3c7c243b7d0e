package org.estelle.daemon;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.daemon.testing.Tmpfs;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache directory going wrong under a running daemon. */
class CacheFaultsTest {

    @TempDir
    Path tmp;

    @Test
    void readOnlyCacheAnswersMissesWithAClear500AndStillServesHits() throws Exception {
        // Root writes through permissions, so read-only means a read-only mount.
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 300, 200);

        try (Tmpfs disk = Tmpfs.mount(cache, "4m"); TestDaemon estelled = TestDaemon.start(photo.getParent(), cache)) {
            Reply hit = estelled.get(photo, "size=50");
            assertThat(hit.status()).isEqualTo(200);
            disk.remount("ro");

            Reply miss = estelled.get(photo, "size=60");
            assertThat(miss.status()).isEqualTo(500);
            assertThat(miss.body()).contains("not writable");
            assertThat(estelled.get(photo, "size=50").body()).isEqualTo(hit.body());
            assertThat(estelled.get(photo, "size=61").status()).as("not remembered as the image's fault").isEqualTo(500);

            disk.remount("rw");
            assertThat(estelled.get(photo, "size=60").status()).as("recovers once writable").isEqualTo(200);
        }
    }

    @Test
    void deletedCacheDirectoryIsRecreatedOnTheNextMiss() throws Exception {
        Path cache = tmp.resolve("cache");
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 300, 200);
        try (TestDaemon estelled = TestDaemon.start(photo.getParent(), cache)) {
            assertThat(estelled.get(photo, "size=50").status()).isEqualTo(200);
            deleteTree(cache);

            Reply again = estelled.get(photo, "size=50");

            assertThat(again.status()).isEqualTo(200);
            assertThat(ImageInfo.read(Path.of(again.body()))).isEqualTo(new ImageInfo("webp", 50, 50));
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
