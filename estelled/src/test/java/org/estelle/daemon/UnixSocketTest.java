package org.estelle.daemon;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixSocketTest {

    @TempDir
    Path tmp;

    private TestDaemon startOn(Path socket, Path photos) {
        return TestDaemon.start(java.util.Map.of(
                "ESTELLE_ADDR", "unix://" + socket,
                "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString()));
    }

    @Test
    void servesThumbnailsOverAUnixSocketAndRemovesItOnClose() {
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 640, 480);
        Path socket = tmp.resolve("estelled.sock");
        try (TestDaemon estelled = startOn(socket, photo.getParent())) {
            assertThat(socket).exists();
            Reply reply = estelled.get(photo, "size=64x64&mode=shrink&format=jpg");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("jpg", 64, 48));
            assertThat(estelled.http.get("/get").status()).isEqualTo(400);
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void socketModeIsAppliedSoAGroupCanConnect() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path socket = tmp.resolve("group.sock");
        try (TestDaemon estelled = TestDaemon.start(java.util.Map.of("ESTELLE_ADDR", "unix://" + socket,
                "ESTELLE_SOCKET_MODE", "0660", "ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString()))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                    .isEqualTo("rw-rw----");
            assertThat(estelled.http.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path socket = tmp.resolve("stale.sock");
        // A socket file nobody listens on, as a crashed daemon leaves it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (TestDaemon estelled = startOn(socket, photos)) {
            assertThat(estelled.http.get("/get?source=" + photos.resolve("x.jpg")).status()).isEqualTo(404);
        }
    }

    @Test
    void liveSocketIsRefusedAndLeftAlone() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path socket = tmp.resolve("live.sock");
        try (TestDaemon first = startOn(socket, photos)) {
            assertThatThrownBy(() -> startOn(socket, photos))
                    .hasMessageContaining("another process is listening");
            assertThat(first.http.get("/get").status()).isEqualTo(400); // still serving
        }
    }

    @Test
    void pathThatIsNotASocketIsRefusedAndLeftAlone() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path file = Files.writeString(tmp.resolve("precious.txt"), "data");
        assertThatThrownBy(() -> startOn(file, photos)).hasMessageContaining("is not a socket");
        assertThat(file).hasContent("data");
    }
}
