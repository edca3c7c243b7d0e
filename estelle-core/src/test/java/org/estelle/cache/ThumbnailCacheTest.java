package org.estelle.cache;

import org.estelle.Format;
import org.estelle.Mode;
import org.estelle.ThumbnailFailedException;
import org.estelle.ThumbnailSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThumbnailCacheTest {

    private static final ThumbnailId ID = ThumbnailId.of(new Fingerprint("/srv/a.jpg", 1, 2, 3),
            new ThumbnailSize(10, 20), Mode.SHRINK, Format.PNG);

    @TempDir
    Path root;
    ThumbnailCache cache;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        cache = new ThumbnailCache(root, CacheLimits.DEFAULT);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        cache.close();
    }

    @Test
    void missIsEmptyAndStoreMakesAHit() {
        assertThat(cache.lookup(ID)).isEmpty();

        Path stored = cache.store(ID, temporary -> write(temporary, "png"));

        assertThat(stored).isEqualTo(root.resolve(ID.relativePath()));
        assertThat(cache.lookup(ID)).contains(stored);
        assertThat(stored).hasContent("png");
    }

    @Test
    void writerSeesATemporaryNameInTheSameDirectoryThatIsNotALayoutName() {
        Path[] seen = new Path[1];
        cache.store(ID, temporary -> {
            seen[0] = temporary;
            assertThat(root.resolve(ID.relativePath())).doesNotExist();
            write(temporary, "x");
        });
        assertThat(seen[0].getParent()).isEqualTo(root.resolve(ID.relativePath()).getParent());
        assertThat(seen[0].getFileName().toString()).startsWith(".tmp-").endsWith(".png");
        assertThat(ThumbnailId.FILE_NAME.matcher(seen[0].getFileName().toString()).matches()).isFalse();
    }

    @Test
    void failedWriteLeavesNoFileBehind() throws Exception {
        assertThatThrownBy(() -> cache.store(ID, temporary -> {
            write(temporary, "half");
            throw new ThumbnailFailedException("decoder gave up");
        })).isInstanceOf(ThumbnailFailedException.class);

        assertThat(cache.lookup(ID)).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void engineThatWritesNothingIsAnErrorNotAnEmptyThumbnail() {
        assertThatThrownBy(() -> cache.store(ID, temporary -> { }))
                .hasMessageContaining("wrote no thumbnail");
        assertThat(root.resolve(ID.relativePath())).doesNotExist();
    }

    @Test
    void hitOnAFileNotReadForMoreThanADayTouchesItsAccessTime() throws Exception {
        Path stored = cache.store(ID, temporary -> write(temporary, "png"));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
        Files.getFileAttributeView(stored, BasicFileAttributeView.class).setTimes(old, old, null);

        cache.lookup(ID);

        BasicFileAttributes after = Files.readAttributes(stored, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(after.lastAccessTime().toInstant()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(after.lastModifiedTime()).isEqualTo(old);
    }

    @Test
    void hitOnARecentlyReadFileLeavesItsAccessTimeAlone() throws Exception {
        Path stored = cache.store(ID, temporary -> write(temporary, "png"));
        FileTime recent = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.getFileAttributeView(stored, BasicFileAttributeView.class).setTimes(recent, recent, null);

        cache.lookup(ID);

        assertThat(Files.readAttributes(stored, BasicFileAttributes.class).lastAccessTime()).isEqualTo(recent);
    }

    @Test
    void aDirectoryAtTheLayoutNameIsNotAHit() throws Exception {
        Files.createDirectories(root.resolve(ID.relativePath()));
        assertThat(cache.lookup(ID)).isEmpty();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
