package org.estelle.daemon.http;

import org.estelle.daemon.testing.HttpProbe;
import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Path tricks and request abuse: each gets a clear 4xx and nothing outside the allowed directory is read. */
class HostileInputTest {

    @TempDir
    static Path tmp;
    static Path photos;
    static Path outside;
    static Path photo;
    static TestDaemon estelled;

    @BeforeAll
    static void start() throws Exception {
        photos = Files.createDirectories(tmp.resolve("img"));
        outside = Files.createDirectories(tmp.resolve("img2")); // a prefix sibling of the allowed directory
        photo = TestImages.jpeg(photos.resolve("a.jpg"), 300, 200);
        TestImages.jpeg(outside.resolve("secret.jpg"), 300, 200);
        estelled = TestDaemon.start(Map.of("ESTELLE_ALLOWED_DIRS", photos.toString(),
                "ESTELLE_CACHE_DIR", tmp.resolve("cache").toString(), "ESTELLE_IDLE_TIMEOUT", "1"));
    }

    @AfterAll
    static void stop() {
        estelled.close();
    }

    private static Reply getRaw(String rawSource) {
        return estelled.http.get("/get?size=50&source=" + rawSource);
    }

    @Test
    void dotDotSegmentsCannotClimbOut() {
        assertThat(getRaw(photos + "/../img2/secret.jpg").status()).isEqualTo(403);
        assertThat(getRaw(photos + "/sub/../../img2/secret.jpg").status()).isEqualTo(403);
    }

    @Test
    void percentEncodedDotsAndSlashesAreDecodedThenNormalised() {
        assertThat(getRaw(photos + "/%2e%2e/img2/secret.jpg").status()).isEqualTo(403);
        assertThat(getRaw(photos + "%2f..%2fimg2%2fsecret.jpg").status()).isEqualTo(403);
        assertThat(getRaw(photos.toString().replace("/", "%2F") + "%2Fa.jpg").status()).isEqualTo(200);
    }

    @Test
    void doubleSlashesAndDotSegmentsInsideAreTheSameFile() {
        Reply plain = getRaw(photo.toString());
        assertThat(plain.status()).isEqualTo(200);
        assertThat(getRaw(photos + "//a.jpg").body()).isEqualTo(plain.body());
        assertThat(getRaw(photos + "/./a.jpg").body()).isEqualTo(plain.body());
        assertThat(getRaw(photos + "/a.jpg/.").body()).isEqualTo(plain.body());
    }

    @Test
    void prefixSiblingIsOutside() {
        assertThat(getRaw(outside + "/secret.jpg").status()).isEqualTo(403);
    }

    @Test
    void linkChainThatLeavesAndReentersEndsInsideAndIsAllowed() throws Exception {
        Path hop = Files.createSymbolicLink(outside.resolve("hop.jpg"), photo);
        Path link = Files.createSymbolicLink(photos.resolve("chain.jpg"), hop);
        assertThat(getRaw(link.toString()).status()).isEqualTo(200);
    }

    @Test
    void linkChainThatEndsOutsideIsForbidden() throws Exception {
        Path hop = Files.createSymbolicLink(photos.resolve("hop-in.jpg"), outside.resolve("secret.jpg"));
        Path link = Files.createSymbolicLink(photos.resolve("chain-out.jpg"), hop);
        assertThat(getRaw(link.toString()).status()).isEqualTo(403);
    }

    @Test
    void hardLinkIsAFileInside() throws Exception {
        Path hard = Files.createLink(photos.resolve("hard.jpg"), photo);
        assertThat(getRaw(hard.toString()).status()).isEqualTo(200);
    }

    @Test
    void unixSocketFileIs404WithoutBeingOpened() throws Exception {
        Path socket = photos.resolve("sock.jpg");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));
            assertThat(getRaw(socket.toString()).status()).isEqualTo(404);
        }
    }

    @Test
    void nonUtf8FileNameCannotBeNamedAndIsAClear400() throws Exception {
        Process touch = new ProcessBuilder("sh", "-c", "printf x > \"$1\"$(printf '\\377').jpg", "sh", photos + "/bad")
                .start();
        assertThat(touch.waitFor()).isZero();
        Reply reply = getRaw(photos + "/bad%FF.jpg");
        assertThat(reply.status()).isIn(400, 404);
        assertThat(reply.body()).doesNotContain("\n");
    }

    @Test
    void nulByteIs400() {
        assertThat(getRaw(photos + "/a.jpg%00.png").status()).isEqualTo(400);
    }

    @Test
    void overLongUriIs414AndHugeHeadersAre431() {
        assertThat(estelled.http.get("/get?source=/" + "a".repeat(20_000)).status()).isEqualTo(414);
        Reply headers = estelled.http.send("GET", "/get?source=" + photo, "x/" + "y".repeat(20_000), null);
        assertThat(headers.status()).isEqualTo(431);
    }

    @Test
    void tooManyParametersIs400() {
        StringBuilder query = new StringBuilder("/get?source=" + photo);
        for (int i = 0; i < 40; i++) {
            query.append("&x").append(i).append('=');
        }
        Reply reply = estelled.http.get(query.toString());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("too many parameters");
    }

    @Test
    void tooManyFormFieldsIs400() {
        Reply reply = estelled.http.postForm("/get", "source=" + photo + "&a=1".repeat(100));
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void idleClientIsDroppedAfterTheTimeout() throws Exception {
        try (SocketChannel idle = SocketChannel.open(new InetSocketAddress("127.0.0.1", estelled.daemon.port()))) {
            idle.socket().setSoTimeout(10_000);
            InputStream in = Channels.newInputStream(idle);
            // Sends nothing: the daemon must close the connection after ESTELLE_IDLE_TIMEOUT (1 s here).
            long started = System.nanoTime();
            int read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (java.io.IOException e) {
                    return -1;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(read).isEqualTo(-1);
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void slowClientIsDroppedToo() throws Exception {
        try (SocketChannel slow = SocketChannel.open(new InetSocketAddress("127.0.0.1", estelled.daemon.port()))) {
            var out = Channels.newOutputStream(slow);
            out.write("GET /get?source=".getBytes());
            out.flush();
            Thread.sleep(2_500); // then nothing more: the request never completes
            int read = CompletableFuture.supplyAsync(() -> {
                try {
                    return Channels.newInputStream(slow).read();
                } catch (java.io.IOException e) {
                    return -1;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(read).isEqualTo(-1);
        }
    }

    @Test
    void decompressionBombIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        Path bomb = pngDeclaring(photos.resolve("bomb.png"), 60_000, 60_000);
        assertThat(Files.size(bomb)).isLessThan(200);

        Reply reply = getRaw(bomb.toString());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("60000x60000").contains("ESTELLE_MAX_PIXELS");
    }

    /** A tiny PNG whose header declares width × height (and whose data would not fill it). */
    static Path pngDeclaring(Path file, int width, int height) throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int length = deflater.deflate(idat);
        chunk(png, "IDAT", java.util.Arrays.copyOf(idat, length));
        chunk(png, "IEND", new byte[0]);
        return Files.write(file, png.toByteArray());
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void probeStillWorksAfterAbuse() {
        assertThat(HttpProbe.tcp(estelled.daemon.port()).get("/get?source=" + photo).status()).isEqualTo(200);
    }
}
