package org.estelle.vips;

import org.estelle.Mode;
import org.estelle.ThumbnailSize;
import org.estelle.testing.ImageInfo;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibvipsTest {

    private final Libvips vips = Libvips.load();

    @Test
    void loadsOnceAndNamesItsVersion() {
        assertThat(Libvips.load()).isSameAs(vips);
        assertThat(vips.version()).matches("libvips 8\\.(1[4-9]|[2-9]\\d)\\.\\d+");
    }

    @Test
    void liborcIsOff() throws Throwable {
        // gboolean vips_vector_isenabled(void); bound here, as nothing but this test needs it.
        MethodHandle isEnabled = Linker.nativeLinker().downcallHandle(
                SymbolLookup.libraryLookup("libvips.so.42", Arena.global()).find("vips_vector_isenabled").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        assertThat((int) isEnabled.invokeExact()).as("liborc frees code racily; see Libvips").isZero();
    }

    @Test
    void recognisesImagesByContentNotByName(@TempDir Path dir) throws Exception {
        Path png = TestImages.png(dir.resolve("really-a-png.jpg"), 20, 10);
        Path text = Files.writeString(dir.resolve("text.png"), "hello");
        assertThat(isImage(png)).isTrue();
        assertThat(isImage(text)).isFalse();
    }

    @Test
    void formatsOnlyBlockedLoadersReadAreNotImages(@TempDir Path dir) throws Exception {
        Path ppm = Files.write(dir.resolve("a.ppm"), "P5\n1 1\n255\n\0".getBytes(StandardCharsets.US_ASCII));
        Path vipsFormat = dir.resolve("a.v");
        run("vips", "black", vipsFormat.toString(), "2", "2");
        assertThat(isImage(ppm)).isFalse();
        assertThat(isImage(vipsFormat)).isFalse();
    }

    @Test
    void dimensionsComeFromTheHeaderAlone(@TempDir Path dir) throws Exception {
        // Its pixel data is a few bytes: decoding would fail, reading the header does not.
        Path declared = TestImages.declaredPng(dir.resolve("declared.png"), 60_000, 50_000);
        try (OpenSource source = vips.open(declared)) {
            assertThat(vips.dimensions(source)).isEqualTo(new Dimensions(60_000, 50_000));
            assertThat(vips.dimensions(source).pixels()).isEqualTo(3_000_000_000L);
            assertThatThrownBy(() -> vips.thumbnail(source, dir.resolve("t.png"), new ThumbnailSize(10, 10), Mode.SHRINK))
                    .isInstanceOf(VipsException.class);
        }
    }

    @Test
    void headerCutShortReportsWhatLibvipsWarned(@TempDir Path dir) throws Exception {
        // libvips leaves its error buffer empty here and only warns.
        byte[] png = Files.readAllBytes(TestImages.png(dir.resolve("whole.png"), 40, 30));
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, 20)); // inside IHDR
        try (OpenSource source = vips.open(cut)) {
            assertThatThrownBy(() -> vips.dimensions(source))
                    .isInstanceOf(VipsException.class)
                    .hasMessage("not enough data");
        }
    }

    @Test
    void messagesNameTheFileNotTheDescriptor(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("text.jpg"), "hello");
        try (OpenSource source = vips.open(text)) {
            assertThatThrownBy(() -> vips.dimensions(source))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining(text.toString())
                    .hasMessageNotContaining("/proc/self/fd");
        }
    }

    @Test
    void bracketsInAFileNameAreNotOptions(@TempDir Path dir) throws Exception {
        // Were "[fail_on=none]" read as loader options, the truncated file would thumbnail half grey.
        Path truncated = TestImages.truncatedJpeg(dir.resolve("cut.jpg[fail_on=none]"), 400, 300);
        Path whole = TestImages.jpeg(dir.resolve("photo[1]"), 400, 300);
        try (OpenSource source = vips.open(truncated)) {
            assertThat(vips.isImage(source)).isTrue();
            assertThatThrownBy(() -> vips.thumbnail(source, dir.resolve("t.jpg"), new ThumbnailSize(50, 50), Mode.CROP))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("VipsJpeg");
        }
        try (OpenSource source = vips.open(whole)) {
            vips.thumbnail(source, dir.resolve("w.jpg"), new ThumbnailSize(50, 50), Mode.SHRINK);
        }
        assertThat(ImageInfo.read(dir.resolve("w.jpg"))).isEqualTo(new ImageInfo("jpg", 50, 38));
    }

    @Test
    void openRefusesWhatIsNotARegularFileWithoutWaiting(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.jpg");
        run("mkfifo", fifo.toString());
        assertThatThrownBy(() -> vips.open(fifo))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> vips.open(dir))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> vips.open(dir.resolve("missing.jpg"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void writeFailureIsReported(@TempDir Path dir) throws Exception {
        Path jpeg = TestImages.jpeg(dir.resolve("a.jpg"), 40, 30);
        try (OpenSource source = vips.open(jpeg)) {
            assertThatThrownBy(() -> vips.thumbnail(source, dir.resolve("no/such/dir/t.jpg"),
                    new ThumbnailSize(10, 10), Mode.CROP))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("no/such/dir/t.jpg");
        }
    }

    private boolean isImage(Path file) throws Exception {
        try (OpenSource source = vips.open(file)) {
            return vips.isImage(source);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }
}
