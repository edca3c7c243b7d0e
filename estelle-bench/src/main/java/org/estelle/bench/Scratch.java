package org.estelle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A temporary directory for one benchmark's files, removed with everything in
 * it (symbolic links are removed, never followed) when closed, so a run
 * leaves nothing behind in {@code /tmp}. Its name always has the same length:
 * the pieces copy paths into strings, and the bytes they allocate per
 * operation must not change from one run to the next with a random name.
 */
final class Scratch implements AutoCloseable {

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    /** A new empty directory, {@code /tmp/estelle-jmh-} and 16 hex digits; its path is real (no symbolic link on the way). */
    static Scratch create() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            String name = "estelle-jmh-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            return new Scratch(Files.createDirectory(tmp.resolve(name), PRIVATE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dir/relative}, created as a directory with its parents. */
    Path directory(String relative) {
        try {
            return Files.createDirectories(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
