package org.estelle.source;

import org.estelle.ForbiddenException;
import org.estelle.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedDirsTest {

    @TempDir
    Path tmp;
    Path allowed;
    Path outside;
    AllowedDirs dirs;

    @BeforeEach
    void setUp() throws Exception {
        allowed = Files.createDirectories(tmp.resolve("img"));
        outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0");
        dirs = AllowedDirs.of(List.of(allowed));
    }

    @Test
    void regularFileInsideIsAdmittedWithItsFingerprint() throws Exception {
        Path file = Files.writeString(allowed.resolve("a.jpg"), "jpeg");
        SourceFile source = dirs.resolve(file);
        assertThat(source.path()).isEqualTo(file);
        assertThat(source.realPath()).isEqualTo(file.toRealPath());
        assertThat(source.fingerprint().path()).isEqualTo(file.toString());
        assertThat(source.fingerprint().size()).isEqualTo(4);
    }

    @Test
    void pathOutsideIsForbiddenWithoutLookingAtIt() {
        assertThatThrownBy(() -> dirs.resolve(outside.resolve("does-not-exist")))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void prefixSiblingIsOutside() throws Exception {
        Path sibling = Files.createDirectories(tmp.resolve("img2"));
        Path file = Files.writeString(sibling.resolve("a.jpg"), "jpeg");
        assertThatThrownBy(() -> dirs.resolve(file)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void symbolicLinkInsideThatResolvesOutsideIsForbidden() throws Exception {
        Path link = Files.createSymbolicLink(allowed.resolve("escape.jpg"), outside.resolve("passwd"));
        assertThatThrownBy(() -> dirs.resolve(link))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("resolves to a file outside");
    }

    @Test
    void linkToADirectoryOutsideIsForbidden() throws Exception {
        Files.createSymbolicLink(allowed.resolve("out"), outside);
        assertThatThrownBy(() -> dirs.resolve(allowed.resolve("out/passwd"))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void linkThatStaysInsideIsAdmitted() throws Exception {
        Path file = Files.writeString(allowed.resolve("a.jpg"), "jpeg");
        Path link = Files.createSymbolicLink(allowed.resolve("b.jpg"), file);
        SourceFile source = dirs.resolve(link);
        assertThat(source.path()).isEqualTo(link);
        assertThat(source.realPath()).isEqualTo(file.toRealPath());
    }

    @Test
    void allowedDirectoryThatIsALinkAdmitsItsTarget() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("real-photos"));
        Path file = Files.writeString(target.resolve("a.jpg"), "jpeg");
        Path link = Files.createSymbolicLink(tmp.resolve("photos"), target);
        AllowedDirs viaLink = AllowedDirs.of(List.of(link));

        assertThat(viaLink.resolve(link.resolve("a.jpg")).realPath()).isEqualTo(file.toRealPath());
        assertThat(viaLink.resolve(file.toRealPath()).realPath()).isEqualTo(file.toRealPath());
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> dirs.resolve(allowed.resolve("nope.jpg")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryIsNotFound() throws Exception {
        Path sub = Files.createDirectories(allowed.resolve("sub"));
        assertThatThrownBy(() -> dirs.resolve(sub))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void fifoIsNotFoundWithoutBeingOpened() throws Exception {
        Path fifo = allowed.resolve("pipe.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // Opening a FIFO with no writer would block this test forever.
        assertThatThrownBy(() -> dirs.resolve(fifo))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void configuredEntryThatIsNotADirectoryIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> AllowedDirs.of(List.of(file))).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> AllowedDirs.of(List.of(tmp.resolve("missing")))).hasMessageContaining("does not exist");
    }
}
