package org.estelle.cache;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors were computed from the Go daemon's definition; matching them is what lets us adopt its cache. */
class FingerprintTest {

    @Test
    void idMatchesTheGoDaemon() {
        assertThat(new Fingerprint("/srv/photos/a.jpg", 123456, 1700000000L, 123456789L).id())
                .isEqualTo("d2080a06fd6b34fa908c46e5f859936c02a034ab");
    }

    @Test
    void idOfANonAsciiPathWithAZeroSizeAndEpochMtime() {
        assertThat(new Fingerprint("/srv/写真/b c.png", 0, 0, 0).id())
                .isEqualTo("c8746fdada1bd08f9c4af8113d9b6589a8adc2fc");
    }

    @Test
    void negativeSecondsAreMinusAndMagnitude() {
        assertThat(new Fingerprint("/srv/old.jpg", 42, -1, 5).id())
                .isEqualTo("a2af74b5f1e2c3408a029db8a96ee3a968f25726");
    }

    @Test
    void layoutPathMatchesTheGoDaemon() {
        Fingerprint fingerprint = new Fingerprint("/srv/photos/a.jpg", 123456, 1700000000L, 123456789L);
        ThumbnailId id = ThumbnailId.of(fingerprint, new ThumbnailSize(400, 300), Mode.CROP, Format.WEBP);
        assertThat(id.relativePath())
                .isEqualTo("d2/08/d2080a06fd6b34fa908c46e5f859936c02a034ab-400x300-crop.webp");
        assertThat(ThumbnailId.FILE_NAME.matcher(id.fileName()).matches()).isTrue();
    }

    @Test
    void fingerprintOfAFileTakesSizeAndNanosecondMtime(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.jpg"), new byte[1234]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1700000000L, 123456789L)));
        Fingerprint fingerprint = Fingerprint.of(file, Files.readAttributes(file, BasicFileAttributes.class));
        assertThat(fingerprint).isEqualTo(new Fingerprint(file.toString(), 1234, 1700000000L, 123456789L));
    }

    @Test
    void mtimeBeforeTheEpochSplitsLikeGo() {
        // Go's Unix() floors: -0.5 s is -1 s + 500000000 ns.
        Instant halfSecondBefore = Instant.ofEpochSecond(-1, 500_000_000);
        BasicFileAttributes attributes = new FixedAttributes(halfSecondBefore, 7);
        assertThat(Fingerprint.of(Path.of("/x"), attributes))
                .isEqualTo(new Fingerprint("/x", 7, -1, 500_000_000));
    }

    private record FixedAttributes(Instant mtime, long size) implements BasicFileAttributes {
        public FileTime lastModifiedTime() { return FileTime.from(mtime); }
        public FileTime lastAccessTime() { return FileTime.from(mtime); }
        public FileTime creationTime() { return FileTime.from(mtime); }
        public boolean isRegularFile() { return true; }
        public boolean isDirectory() { return false; }
        public boolean isSymbolicLink() { return false; }
        public boolean isOther() { return false; }
        public Object fileKey() { return null; }
    }
}
