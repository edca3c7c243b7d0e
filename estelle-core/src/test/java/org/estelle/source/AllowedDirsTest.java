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
    void openedSourceIsTheFileThatWasChecked() throws Exception {
        Path file = Files.writeString(allowed.resolve("a.jpg"), "inside");
        try (OpenedSource opened = dirs.open(dirs.resolve(file))) {
            assertThat(opened.path().toString()).startsWith("/proc/self/fd/");
            assertThat(Files.readString(opened.path())).isEqualTo("inside");
        }
    }

    @Test
    void directorySwappedForALinkOutsideAfterTheCheckIsCaughtAtOpen() throws Exception {
        Path sub = Files.createDirectories(allowed.resolve("sub"));
        Path file = Files.writeString(sub.resolve("a.jpg"), "inside");
        SourceFile checked = dirs.resolve(file);
        Files.writeString(outside.resolve("a.jpg"), "secret");
        // The race an attacker wins: between the check and the open, sub/ becomes a link outside.
        Files.move(sub, allowed.resolve("sub-old"));
        Files.createSymbolicLink(sub, outside);

        assertThatThrownBy(() -> dirs.open(checked)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void fileReplacedAfterTheCheckIsCaughtAtOpen() throws Exception {
        Path file = Files.writeString(allowed.resolve("a.jpg"), "first");
        SourceFile checked = dirs.resolve(file);
        Files.delete(file);
        Files.writeString(file, "other"); // same name, size and (maybe) mtime: another inode

        assertThatThrownBy(() -> dirs.open(checked)).isInstanceOf(org.estelle.BusyException.class);
    }

    @Test
    void fifoSwappedInAfterTheCheckIsRefusedWithoutBlocking() throws Exception {
        Path file = Files.writeString(allowed.resolve("pipe.jpg"), "jpeg");
        SourceFile checked = dirs.resolve(file);
        Files.delete(file);
        assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

        // A blocking open would wait for a writer forever; this must return at once.
        assertThatThrownBy(() -> java.util.concurrent.CompletableFuture.supplyAsync(() -> dirs.open(checked))
                .get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.estelle.BusyException.class);
    }

    @Test
    void finalLinkSwappedInAfterTheCheckIsNotFollowed() throws Exception {
        Path file = Files.writeString(allowed.resolve("b.jpg"), "jpeg");
        SourceFile checked = dirs.resolve(file);
        Files.delete(file);
        Files.createSymbolicLink(file, outside.resolve("passwd"));

        assertThatThrownBy(() -> dirs.open(checked)).isInstanceOf(org.estelle.BusyException.class);
    }

    @Test
    void configuredEntryThatIsNotADirectoryIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> AllowedDirs.of(List.of(file))).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> AllowedDirs.of(List.of(tmp.resolve("missing")))).hasMessageContaining("does not exist");
    }
}
