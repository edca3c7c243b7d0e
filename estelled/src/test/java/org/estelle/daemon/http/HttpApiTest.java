package org.estelle.daemon.http;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailSize;
import org.estelle.cache.Fingerprint;
import org.estelle.cache.ThumbnailId;
import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of /get and /queue, against a real daemon over TCP making real thumbnails. */
class HttpApiTest {

    @TempDir
    static Path tmp;
    static Path photos;
    static Path cache;
    static Path landscape;
    static TestDaemon estelled;

    @BeforeAll
    static void start() throws Exception {
        photos = Files.createDirectories(tmp.resolve("photos"));
        cache = tmp.resolve("cache");
        landscape = TestImages.jpeg(photos.resolve("landscape.jpg"), 3264, 2448);
        estelled = TestDaemon.start(photos, cache, "ESTELLE_WORKERS", "2");
    }

    @AfterAll
    static void stop() {
        estelled.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}x{3}")
    @CsvSource({
            "shrink,  jpg,  400, 300",
            "shrink,  png,  400, 300",
            "shrink,  webp, 400, 300",
            "crop,    jpg,  400, 400",
            "crop,    png,  400, 400",
            "crop,    webp, 400, 400",
            "stretch, jpg,  400, 400",
            "stretch, png,  400, 400",
            "stretch, webp, 400, 400"})
    void getAnswersThePathOfAThumbnailOfTheRightFormatAndSize(String mode, String format, int width, int height) {
        Reply reply = estelled.get(landscape, "size=400x400&mode=" + mode + "&format=" + format);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(reply.body()).startsWith(cache.toString()).endsWith("-400x400-" + mode + "." + format)
                .doesNotEndWith("\n");
        assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo(format, width, height));
    }

    @Test
    void oneNumberIsASquare() {
        Reply reply = estelled.get(landscape, "size=200");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("webp", 200, 200));
    }

    @Test
    void defaultsAre85x85CropWebp() {
        Reply reply = estelled.get(landscape, "");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).endsWith("-85x85-crop.webp");
        assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("webp", 85, 85));
    }

    @Test
    void postTakesParametersFromAFormBodyAndTheQueryString() {
        Reply reply = estelled.http.postForm("/get?format=png",
                "source=" + TestDaemon.encode(landscape.toString()) + "&size=120x90&mode=shrink");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("png", 120, 90));
    }

    @Test
    void pathIsTheGoDaemonsLayout() throws Exception {
        Reply reply = estelled.get(landscape, "size=64x48&mode=stretch&format=jpeg");
        BasicFileAttributes attributes = Files.readAttributes(landscape, BasicFileAttributes.class);
        Instant mtime = attributes.lastModifiedTime().toInstant();
        String id = new Fingerprint(landscape.toString(), attributes.size(), mtime.getEpochSecond(), mtime.getNano()).id();
        assertThat(reply.body()).isEqualTo(
                cache.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + "-64x48-stretch.jpg").toString());
    }

    @Test
    void changedFileGetsANewPathAndANewFile() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("changing.jpg"), 320, 240);
        Path before = Path.of(estelled.get(photo, "size=50").body());
        Files.setLastModifiedTime(photo, FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));

        Reply after = estelled.get(photo, "size=50");

        assertThat(after.status()).isEqualTo(200);
        assertThat(Path.of(after.body())).isNotEqualTo(before).exists();
    }

    @Test
    void thumbnailAlreadyAtItsLayoutPathIsServedUntouched() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("adopted.jpg"), 320, 240);
        BasicFileAttributes attributes = Files.readAttributes(photo, BasicFileAttributes.class);
        ThumbnailId id = ThumbnailId.of(Fingerprint.of(photo, attributes), new ThumbnailSize(85, 85), Mode.CROP, Format.WEBP);
        Path goMade = cache.resolve(id.relativePath());
        Files.createDirectories(goMade.getParent());
        Files.writeString(goMade, "made by the Go daemon");
        long generations = estelled.daemon.estelle().stats().generations();

        Reply reply = estelled.get(photo, "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(goMade.toString());
        assertThat(goMade).hasContent("made by the Go daemon");
        assertThat(estelled.daemon.estelle().stats().generations()).isEqualTo(generations);
    }

    @Test
    void queueAnswers202ThenThePath() throws Exception {
        Path photo = TestImages.jpeg(photos.resolve("queued.jpg"), 640, 480);

        Reply queued = estelled.queue(photo, "size=77");
        assertThat(queued.status()).isEqualTo(202);

        Reply got = estelled.get(photo, "size=77"); // joins or finds the background work
        assertThat(got.status()).isEqualTo(200);
        Reply again = estelled.queue(photo, "size=77");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(got.body());
    }

    @Test
    void missingSourceIs400() {
        Reply reply = estelled.http.get("/get?size=10");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("source is missing").doesNotContain("\n");
    }

    @Test
    void relativeSourceIs400() {
        Reply reply = estelled.http.get("/get?source=photos/a.jpg");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("not an absolute path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=0x10", "size=4097", "size=abc", "size=", "size=10x",
            "mode=fill", "mode=", "format=gif", "format=", "size=10&size=20"})
    void presentButInvalidParameterIs400NamingIt(String parameter) {
        Reply reply = estelled.get(landscape, parameter);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith(parameter.substring(0, parameter.indexOf('='))).doesNotContain("\n");
    }

    @Test
    void sourceOutsideTheAllowedDirectoriesIs403() {
        assertThat(estelled.http.get("/get?source=/etc/passwd").status()).isEqualTo(403);
        // Normalisation happens before the check: ".." cannot climb out.
        assertThat(estelled.get(photos.resolve("../../../etc/passwd"), "").status()).isEqualTo(403);
    }

    @Test
    void symbolicLinkThatResolvesOutsideIs403() throws Exception {
        Path secret = TestImages.jpeg(tmp.resolve("private/secret.jpg"), 100, 100);
        Path link = Files.createSymbolicLink(photos.resolve("innocent.jpg"), secret);

        Reply reply = estelled.get(link, "");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("outside the allowed directories");
    }

    @Test
    void fileNameEndingInBracketsIsAFileNotLoaderOptions() throws Exception {
        Path scan = Files.copy(TestImages.jpeg(tmp.resolve("scan.jpg"), 300, 200), photos.resolve("scan[1]"));
        Reply reply = estelled.get(scan, "size=30&mode=shrink&format=png");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ImageInfo.read(Path.of(reply.body()))).isEqualTo(new ImageInfo("png", 30, 20));
    }

    @Test
    void bracketSuffixCannotReachThroughALinkThatResolvesOutside() throws Exception {
        // vips would read "esc[]" as the file "esc" with no options: the link, not the text file.
        Path secret = TestImages.jpeg(tmp.resolve("private/escape.jpg"), 300, 200);
        Files.createSymbolicLink(photos.resolve("esc"), secret);
        Path decoy = Files.writeString(photos.resolve("esc[]"), "not an image");

        Reply reply = estelled.get(decoy, "size=300&mode=shrink");

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void missingFileIs404() {
        assertThat(estelled.get(photos.resolve("nope.jpg"), "").status()).isEqualTo(404);
    }

    @Test
    void directoryIs404() throws Exception {
        Files.createDirectories(photos.resolve("album"));
        assertThat(estelled.get(photos.resolve("album"), "").status()).isEqualTo(404);
    }

    @Test
    void fileThatIsNotAnImageIs404() throws Exception {
        Path text = Files.writeString(photos.resolve("readme.jpg"), "this is text\n");
        Reply reply = estelled.get(text, "");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("not a recognised image");
    }

    @Test
    void fifoIs404AtOnceWithoutBeingOpened() throws Exception {
        Path fifo = photos.resolve("pipe.jpg");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        // Opening a FIFO without a writer blocks: a hang here means someone opened it.
        Reply reply = CompletableFuture.supplyAsync(() -> estelled.get(fifo, "")).get(10, TimeUnit.SECONDS);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("not a regular file");
    }

    @Test
    void deviceIs404() throws Exception {
        Path device = photos.resolve("zero.jpg");
        Files.createSymbolicLink(device, Path.of("/dev/zero"));
        try (TestDaemon devices = TestDaemon.start(java.util.Map.of(
                "ESTELLE_ALLOWED_DIRS", photos + ":/dev",
                "ESTELLE_CACHE_DIR", tmp.resolve("cache-dev").toString()))) {
            assertThat(devices.get(device, "").status()).isEqualTo(404);
            assertThat(devices.http.get("/get?source=/dev/zero").status()).isEqualTo(404);
        }
    }

    @Test
    void truncatedJpegIs422WithTheDecodersMessage() {
        Path truncated = TestImages.truncatedJpeg(photos.resolve("truncated.jpg"), 800, 600);
        Reply reply = estelled.get(truncated, "");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("cannot thumbnail").doesNotContain("\n");
    }

    @Test
    void otherMethodsAre405WithAllow() {
        Reply reply = estelled.http.send("DELETE", "/get?source=/x", null, null);
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
        assertThat(estelled.http.send("PUT", "/queue", "text/plain", "x").status()).isEqualTo(405);
    }

    @Test
    void unknownPathIs404() {
        assertThat(estelled.http.get("/thumbnail?source=/x").status()).isEqualTo(404);
        assertThat(estelled.http.get("/").status()).isEqualTo(404);
    }

    @Test
    void malformedPercentEncodingIs400InPlainText() {
        Reply reply = estelled.http.get("/get?source=%zz");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }
}
